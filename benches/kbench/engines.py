"""The engines the harness can compare, how to find them, and how to install the missing ones.

An engine is a command prefix that runs a Python file like `python FILE ARGS`.
`detect()` turns the list of known engines into available ones and skipped
ones (each skipped one with a one-line hint saying how to get it).
"""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BENCHES = ROOT / "benches"
KPY = ROOT / "target" / "release" / "kpy"
KPY_NOJIT = ROOT / "target" / "nojit" / "release" / "kpy"
WASM_KPY = ROOT / "targets" / "wasm" / "kpy.mjs"
PYODIDE_RUNNER = BENCHES / "drivers" / "pyodide_run.mjs"
PYODIDE_DIR = BENCHES / "cache" / "node_modules" / "pyodide"

BUILD_KPY = ["cargo", "build", "--release", "-p", "kiln-native", "--bin", "kpy"]
BUILD_KPY_NOJIT = ["cargo", "build", "--release", "-p", "kiln-native", "--no-default-features",
                   "--bin", "kpy", "--target-dir", "target/nojit"]


@dataclass
class Engine:
    """One way of running Python; `argv` is the command before the script path."""

    id: str
    label: str
    argv: list = field(default_factory=list)
    jit: bool = False          # has a JIT turned on: gets a warm-up curve
    version: str = ""
    available: bool = True
    skip_reason: str = ""      # why it is unavailable
    hint: str = ""             # how to make it available
    selected: bool = True      # asked for (--engines); unselected engines are neither run nor reported

    def to_json(self):
        return {"id": self.id, "label": self.label, "argv": [str(a) for a in self.argv], "jit": self.jit,
                "version": self.version, "available": self.available, "selected": self.selected,
                "skip_reason": self.skip_reason, "hint": self.hint}


def cmd_text(argv):
    return " ".join(str(a) for a in argv)


ENGINE_IDS = ("cpython", "kpy", "kpy-jit-off", "kpy-nojit", "kiln-wasm", "kiln-wasm-jit-off",
              "pypy", "pypy-jit-off", "pyodide")


def real_python(python):
    """Resolve a python command (possibly a pyenv shim) to the interpreter binary itself."""
    exe = shutil.which(python) or python
    try:
        out = subprocess.run([exe, "-c", "import sys; print(sys.executable)"],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    path = out.stdout.strip()
    return path if out.returncode == 0 and path else None


def probe_version(argv, timeout=30):
    """The first lines an engine prints for --version (either stream), joined; '' on failure."""
    try:
        out = subprocess.run([str(a) for a in argv] + ["--version"], capture_output=True,
                             text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    text = (out.stdout + "\n" + out.stderr).strip()
    return " ".join(line.strip() for line in text.splitlines()[:2] if line.strip())


def node_version(node):
    return probe_version([node]) if node else ""


def pyodide_version(pyodide_dir=PYODIDE_DIR):
    try:
        return json.loads((Path(pyodide_dir) / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return ""


def candidates(cpython="python3", pypy="pypy3", node="node", kpy=KPY, kpy_nojit=KPY_NOJIT,
               wasm_kpy=WASM_KPY, pyodide_dir=PYODIDE_DIR):
    """Every known engine, with availability decided from the given paths (no versions yet)."""
    py = real_python(cpython)
    node_exe = shutil.which(node)
    pypy_exe = shutil.which(pypy)
    kpy, kpy_nojit, wasm_kpy = Path(kpy), Path(kpy_nojit), Path(wasm_kpy)
    build = cmd_text(BUILD_KPY)
    engines = [
        _engine("cpython", "CPython", [py] if py else [], py is not None,
                f"`{cpython}` does not run", "install CPython 3.11 (or pass --cpython PATH)"),
        _engine("kpy", "kpy JIT", [kpy], _is_exe(kpy), f"{_rel(kpy)} is missing",
                f"build it: `{build}` (or pass --build)", jit=True),
        _engine("kpy-jit-off", "kpy --jit=off", [kpy, "--jit=off"], _is_exe(kpy), f"{_rel(kpy)} is missing",
                f"build it: `{build}` (or pass --build)"),
        _engine("kpy-nojit", "kpy, no JIT built", [kpy_nojit], _is_exe(kpy_nojit),
                f"{_rel(kpy_nojit)} is missing", f"build it: `{cmd_text(BUILD_KPY_NOJIT)}` (or pass --build)"),
    ]
    wasm_ok = node_exe is not None and wasm_kpy.exists()
    wasm_why = "node is not installed" if node_exe is None else f"{_rel(wasm_kpy)} is missing"
    wasm_hint = "install Node.js 20+ and build the Wasm target so that targets/wasm/kpy.mjs exists"
    engines += [
        _engine("kiln-wasm", "Kiln-Wasm JIT (Node)", [node_exe, wasm_kpy], wasm_ok, wasm_why, wasm_hint, jit=True),
        _engine("kiln-wasm-jit-off", "Kiln-Wasm --jit=off (Node)", [node_exe, wasm_kpy, "--jit=off"],
                wasm_ok, wasm_why, wasm_hint),
        _engine("pypy", "PyPy JIT", [pypy_exe], pypy_exe is not None, f"`{pypy}` is not on PATH",
                "install PyPy: `apt-get install pypy3`", jit=True),
        _engine("pypy-jit-off", "PyPy --jit off", [pypy_exe, "--jit", "off"], pypy_exe is not None,
                f"`{pypy}` is not on PATH", "install PyPy: `apt-get install pypy3`"),
    ]
    pyodide_ok = node_exe is not None and (Path(pyodide_dir) / "pyodide.mjs").exists()
    engines.append(_engine(
        "pyodide", "Pyodide (Node)", [node_exe, PYODIDE_RUNNER, "--pyodide-dir", pyodide_dir], pyodide_ok,
        "node is not installed" if node_exe is None else "the pyodide npm package is not in benches/cache",
        "install Node.js and npm, then `python3 benches/fetch.py --pyodide`"))
    return engines


def _engine(id, label, argv, available, why, hint, jit=False):
    return Engine(id=id, label=label, argv=argv if available else [], jit=jit, available=available,
                  skip_reason="" if available else why, hint="" if available else hint)


def _is_exe(path):
    return Path(path).is_file() and os.access(path, os.X_OK)


def _rel(path):
    try:
        return str(Path(path).relative_to(ROOT))
    except ValueError:
        return str(path)


def add_versions(engines, pyodide_dir=PYODIDE_DIR):
    """Fill in each available engine's version string."""
    for e in engines:
        if not e.available:
            continue
        if e.id == "pyodide":
            e.version = f"Pyodide {pyodide_version(pyodide_dir)}, Node {node_version(e.argv[0])}"
        elif e.id.startswith("kiln-wasm"):
            e.version = f"{probe_version(e.argv[:2]) or 'kpy.mjs'}, Node {node_version(e.argv[0])}"
        else:
            e.version = probe_version(e.argv[:1])
    return engines


def select(engines, wanted):
    """Keep the engines named in wanted (all when None); CPython, the baseline, is always kept."""
    if not wanted:
        return list(engines)
    unknown = set(wanted) - set(ENGINE_IDS)
    if unknown:
        raise ValueError(f"unknown engine(s): {', '.join(sorted(unknown))}; known: {', '.join(ENGINE_IDS)}")
    return [e for e in engines if e.id == "cpython" or e.id in wanted]


def stale_binaries(engines):
    """Kiln binaries older than the newest Rust source or manifest: likely a forgotten rebuild."""
    newest = _newest_source_mtime()
    stale = []
    for e in engines:
        if e.available and e.id in ("kpy", "kpy-nojit"):
            binary = Path(e.argv[0])
            if newest and binary.stat().st_mtime < newest:
                stale.append(e)
    return stale


def _newest_source_mtime():
    newest = 0.0
    for top in ("framework", "backends", "interpreters", "targets"):
        for path in (ROOT / top).rglob("*"):
            if path.suffix in (".rs", ".toml") and "target" not in path.parts:
                newest = max(newest, path.stat().st_mtime)
    return newest
