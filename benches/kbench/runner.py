"""Running one engine on one program in a fresh process, and making sense of a failure.

Wall time is measured around the whole process. An engine that reports
`harness-load-seconds: S` on stderr (our Pyodide runner does, and
`targets/wasm/kpy.mjs` when KILN_HARNESS_LOAD=1, which the harness sets) has
S recorded as load time and subtracted from the time that is compared.
"""

import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass, field

LOAD_LINE = re.compile(r"^harness-load-seconds: ([0-9.eE+-]+)\s*$", re.M)
INNER_LINE = re.compile(r"^pyperf-standin: .*: \d+ loops in ([0-9.eE+-]+) s\s*$", re.M)
ERROR_LINE = re.compile(r"^([A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Iteration)|KeyboardInterrupt)\b(:.*)?$")
FILE_LINE = re.compile(r'^\s*File "[^"]*", line \d+')


@dataclass
class Run:
    """The outcome of one process: status is ok, failed or timeout (mismatch is decided later)."""

    status: str
    wall: float
    stdout: str = ""
    stderr: str = ""
    returncode: int = 0
    load: float = None     # seconds the engine reported as loading, excluded from `seconds`
    inner: float = None    # seconds the pyperf stand-in measured inside the process
    detail: str = ""
    started: float = 0.0   # time.time() just before the process was started
    extra: dict = field(default_factory=dict)

    @property
    def seconds(self):
        """The time that counts: wall time less any reported load time."""
        return self.wall - (self.load or 0.0)


def run_process(argv, cwd, timeout, env=None):
    """Run argv in its own process group; kill the group on timeout. Returns a Run."""
    started = time.time()
    t0 = time.perf_counter()
    try:
        proc = subprocess.Popen([str(a) for a in argv], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    except OSError as e:
        return Run("failed", 0.0, detail=f"cannot start {argv[0]}: {e.strerror}", started=started)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        out, err = proc.communicate()
        wall = time.perf_counter() - t0
        return Run("timeout", wall, _text(out), _text(err), proc.returncode,
                   detail=f"no result within {timeout:g} s", started=started)
    wall = time.perf_counter() - t0
    return finish_run(Run("ok", wall, _text(out), _text(err), proc.returncode, started=started))


def _kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()


def _text(data):
    return data.decode("utf-8", errors="replace")


def finish_run(run):
    """Read the load and inner times from stderr; mark a non-zero exit as failed with a summary."""
    m = LOAD_LINE.search(run.stderr)
    run.load = float(m.group(1)) if m else None
    m = INNER_LINE.search(run.stderr)
    run.inner = float(m.group(1)) if m else None
    if run.returncode != 0:
        run.status = "failed"
        run.detail = error_summary(run.stderr, run.returncode)
    return run


def error_summary(stderr, returncode):
    """One line saying why a process failed: a Rust panic, a Python exception, or the last words."""
    lines = [line.rstrip() for line in stderr.splitlines() if line.strip()]
    where = _exit_text(returncode)
    panic = _panic(lines)
    if panic:
        return f"{panic} ({where})"
    exc = _python_exception(lines)
    if exc:
        return f"{exc} ({where})"
    last = [line for line in lines if not line.startswith("harness-")]
    return f"{last[-1].strip()} ({where})" if last else where


def _exit_text(returncode):
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit status {returncode}"


def _panic(lines):
    for i, line in enumerate(lines):
        if "panicked at" in line:
            message = lines[i + 1].strip() if i + 1 < len(lines) else ""
            location = line.split("panicked at", 1)[1].strip().rstrip(":")
            return f"Rust panic at {location}: {message}"
    return None


def _python_exception(lines):
    """The last 'SomeError: message' line, with the last 'File ..., line N' before it."""
    for i in range(len(lines) - 1, -1, -1):
        if ERROR_LINE.match(lines[i]):
            where = next((lines[j].strip() for j in range(i - 1, -1, -1) if FILE_LINE.match(lines[j])), "")
            return f"{lines[i].strip()}" + (f" [{where}]" if where else "")
    return None
