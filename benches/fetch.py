#!/usr/bin/env python3
"""Obtain the third-party benchmark programs at run time and stage them.

Third-party benchmark code is never committed to Kiln. This script fetches it
into `benches/cache/` (gitignored):

* pystone 1.2, from Debian's `pypy3-lib` package
  (`apt-get download pypy3-lib`, then `dpkg-deb -x`, file
  `usr/lib/pypy3.9/test/pystone.py`);
* eleven pyperformance 1.14.0 kernels, from the wheel given by
  `pip download --no-deps pyperformance==1.14.0`
  (`pyperformance/data-files/benchmarks/bm_NAME/run_benchmark.py`);
* optionally (`--pyodide`) the `pyodide` npm package, for the Pyodide engine.

It then *stages* them: `benches/cache/stage/NAME/` holds the unmodified
benchmark file next to our own files it needs (the `pyperf` stand-in, or the
pystone drivers), so that every engine can run it by path with nothing but
"the script's directory is on sys.path".

Importable (`fetch.ensure_all()`, `fetch.stage_all()`) and runnable:
`python3 benches/fetch.py [--pyodide] [--force]`.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

BENCHES = Path(__file__).resolve().parent
CACHE = BENCHES / "cache"
STAGE = CACHE / "stage"
STANDIN = BENCHES / "pyperf_standin" / "pyperf.py"
DRIVERS = BENCHES / "drivers"

PYPERFORMANCE_VERSION = "1.14.0"
PYODIDE_VERSION = "314.0.7"
PYSTONE_MEMBER = "usr/lib/pypy3.9/test/pystone.py"

KERNELS = ("richards", "nbody", "spectral_norm", "fannkuch", "float", "nqueens",
           "chaos", "deltablue", "raytrace", "go", "hexiom")

# sha256 of the files we know; a different file is used with a warning.
KNOWN_SHA256 = {
    "pystone": "e72648a8ad7ab1e9d868eb11b3327c2963c76a3a78b92393bf25b13b12444d09",
    "richards": "a4512668525331960c54043b5150a3fff92badaeaba850a941893ac69a1028d8",
    "nbody": "d1385e816d7cfea361b7915e2cf70138cd6b84f40df8bd5152638851f7bcac2b",
    "spectral_norm": "a3390ec6d75606fec30c4b59ad5f77d5292cd8e36f445197232a34560a880b18",
    "fannkuch": "2a8e4bc4c5e7e8ac605a4ca8246cc4baeab5336ac986d976e33657162750e8bf",
    "float": "b4f61a0978f5b0af2c0d07544ae26422868992e62b8f40e2967e3c694fc1b9a9",
    "nqueens": "f50ef0d82036790c99f5469b9cffc368e097de860231b328caa6652183af059e",
    "chaos": "5d20fd29c8ea89e0ebe4040ae4c05f26f1a620cd2a7fc654d9d7f8cb205651ac",
    "deltablue": "70da5e16cd5b14f2f398ccc066794b83a30d997c2d91150695b8f938f934dc30",
    "raytrace": "88ef4d9060d8e8f6ce40f376477aaf89cc808fa44813225a3071a05a1467f017",
    "go": "ea4c0ebaf32515f8549c64c9291ab13d47bb802e01a82203c37b5066d1bfb463",
    "hexiom": "d7518220380d27449b8951bc9ca2e19593569d9bd9f5cb6d86867f354f22e115",
}

PYSTONE_HOWTO = (
    "get it by hand on a Debian/Ubuntu machine: `apt-get update && apt-get download pypy3-lib "
    "&& dpkg-deb -x pypy3-lib_*.deb x && mkdir -p benches/cache/pystone && "
    f"cp x/{PYSTONE_MEMBER} benches/cache/pystone/`"
)
KERNELS_HOWTO = (
    f"get it by hand: `pip download --no-deps -d /tmp/pp pyperformance=={PYPERFORMANCE_VERSION}` and "
    "unzip `pyperformance/data-files/benchmarks/bm_NAME/run_benchmark.py` into "
    "benches/cache/pyperformance/bm_NAME/"
)


class FetchError(RuntimeError):
    """A benchmark program could not be obtained; the message says how to get it by hand."""


def log(msg):
    print(f"fetch: {msg}", file=sys.stderr, flush=True)


def sha256_of(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def check_known(name, path):
    """Warn when a fetched file is not the version this harness was written for."""
    digest = sha256_of(path)
    if KNOWN_SHA256.get(name) not in (None, digest):
        log(f"warning: {path} has sha256 {digest}, not the expected {KNOWN_SHA256[name]}")
    return digest


def pystone_path(cache=CACHE):
    return Path(cache) / "pystone" / "pystone.py"


def kernel_path(name, cache=CACHE):
    return Path(cache) / "pyperformance" / f"bm_{name}" / "run_benchmark.py"


def run_tool(cmd, cwd, what, howto):
    """Run an external tool; turn any failure into a FetchError with a how-to."""
    try:
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    except OSError as e:
        raise FetchError(f"cannot {what}: {cmd[0]}: {e.strerror}; {howto}") from e
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise FetchError(f"cannot {what}: `{' '.join(cmd)}` failed: {' / '.join(tail)}; {howto}")
    return done


def fetch_pystone(cache=CACHE, force=False):
    """Put pystone.py into cache/pystone/, from Debian's pypy3-lib package."""
    dest = pystone_path(cache)
    if dest.exists() and not force:
        return dest
    log("downloading Debian's pypy3-lib for pystone.py")
    with tempfile.TemporaryDirectory() as tmp:
        apt_download(tmp)
        debs = sorted(Path(tmp).glob("pypy3-lib_*.deb"))
        if not debs:
            raise FetchError(f"apt-get download left no pypy3-lib_*.deb; {PYSTONE_HOWTO}")
        run_tool(["dpkg-deb", "-x", str(debs[-1]), "x"], tmp, "unpack pypy3-lib", PYSTONE_HOWTO)
        src = Path(tmp) / "x" / PYSTONE_MEMBER
        if not src.exists():
            raise FetchError(f"pypy3-lib has no {PYSTONE_MEMBER}; {PYSTONE_HOWTO}")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    check_known("pystone", dest)
    return dest


def apt_download(tmp):
    """`apt-get download pypy3-lib` into tmp; on a fresh machine (empty package lists, as root)
    run `apt-get update` once and try again."""
    try:
        run_tool(["apt-get", "download", "pypy3-lib"], tmp, "download pypy3-lib", PYSTONE_HOWTO)
        return
    except FetchError:
        if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("apt-get") is None:
            raise
        log("`apt-get download pypy3-lib` failed; running `apt-get update` once and trying again")
    run_tool(["apt-get", "update", "-qq"], tmp, "update the package lists", PYSTONE_HOWTO)
    run_tool(["apt-get", "download", "pypy3-lib"], tmp, "download pypy3-lib", PYSTONE_HOWTO)


def fetch_kernels(cache=CACHE, force=False):
    """Put the eleven kernels into cache/pyperformance/bm_NAME/, from the wheel."""
    dests = {name: kernel_path(name, cache) for name in KERNELS}
    if all(p.exists() for p in dests.values()) and not force:
        return dests
    log(f"downloading pyperformance {PYPERFORMANCE_VERSION} (wheel, no dependencies)")
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
               "--disable-pip-version-check", "-d", tmp, f"pyperformance=={PYPERFORMANCE_VERSION}"]
        run_tool(cmd, tmp, "download pyperformance", KERNELS_HOWTO)
        wheels = sorted(Path(tmp).glob("pyperformance-*.whl"))
        if not wheels:
            raise FetchError(f"pip left no pyperformance wheel; {KERNELS_HOWTO}")
        extract_kernels(wheels[-1], dests)
    for name, path in dests.items():
        check_known(name, path)
    return dests


def extract_kernels(wheel, dests):
    with zipfile.ZipFile(wheel) as zf:
        for name, dest in dests.items():
            member = f"pyperformance/data-files/benchmarks/bm_{name}/run_benchmark.py"
            try:
                data = zf.read(member)
            except KeyError as e:
                raise FetchError(f"{wheel.name} has no {member}; {KERNELS_HOWTO}") from e
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)


def pyodide_dir(cache=CACHE):
    return Path(cache) / "node_modules" / "pyodide"


def install_pyodide(cache=CACHE, force=False):
    """npm-install the pyodide package into cache/node_modules (for the Pyodide engine)."""
    dest = pyodide_dir(cache)
    if (dest / "pyodide.mjs").exists() and not force:
        return dest
    log(f"installing pyodide@{PYODIDE_VERSION} with npm into {Path(cache) / 'node_modules'}")
    howto = f"install Node.js and npm, then `npm install --prefix benches/cache pyodide@{PYODIDE_VERSION}`"
    Path(cache).mkdir(parents=True, exist_ok=True)
    run_tool(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(cache),
              f"pyodide@{PYODIDE_VERSION}"], cache, "install pyodide", howto)
    return dest


def stage_dir(name, stage=STAGE):
    return Path(stage) / name


def stage_pystone(cache=CACHE, stage=STAGE):
    """cache/stage/pystone/: pystone.py with our two drivers beside it."""
    d = stage_dir("pystone", stage)
    d.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pystone_path(cache), d / "pystone.py")
    for driver in ("run_pystone.py", "pystone_warmup.py"):
        shutil.copyfile(DRIVERS / driver, d / driver)
    return d


def stage_kernel(name, cache=CACHE, stage=STAGE):
    """cache/stage/NAME/: the unmodified run_benchmark.py with our pyperf.py beside it."""
    d = stage_dir(name, stage)
    d.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(kernel_path(name, cache), d / "run_benchmark.py")
    shutil.copyfile(STANDIN, d / "pyperf.py")
    return d


def ensure_all(cache=CACHE, force=False):
    """Fetch pystone and the kernels (only what is missing unless force); raise FetchError."""
    errors = []
    for fetch in (fetch_pystone, fetch_kernels):
        try:
            fetch(cache, force)
        except FetchError as e:
            errors.append(str(e))
    if errors:
        raise FetchError("\n".join(errors))


def stage_all(cache=CACHE, stage=STAGE):
    """Stage every program that is in the cache; returns {name: staged dir}."""
    staged = {}
    if pystone_path(cache).exists():
        staged["pystone"] = stage_pystone(cache, stage)
    for name in KERNELS:
        if kernel_path(name, cache).exists():
            staged[name] = stage_kernel(name, cache, stage)
    return staged


def provenance(cache=CACHE):
    """sha256 of every cached program, for the results file."""
    files = {"pystone": pystone_path(cache)}
    files.update({name: kernel_path(name, cache) for name in KERNELS})
    return {name: sha256_of(p) for name, p in files.items() if p.exists()}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--force", action="store_true", help="download again even when the cache has the files")
    ap.add_argument("--pyodide", action="store_true",
                    help=f"also npm-install pyodide@{PYODIDE_VERSION} into benches/cache/node_modules")
    args = ap.parse_args(argv)
    status = 0
    try:
        ensure_all(force=args.force)
    except FetchError as e:
        print(f"fetch: error: {e}", file=sys.stderr)
        status = 1
    if args.pyodide:
        try:
            install_pyodide(force=args.force)
        except FetchError as e:
            print(f"fetch: error: {e}", file=sys.stderr)
            status = 1
    for name, d in stage_all().items():
        print(f"{name}: {d}")
    return status


if __name__ == "__main__":
    sys.exit(main())
