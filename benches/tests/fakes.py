"""Fake engines, runs and results for the harness's tests (no engine is ever started)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kbench import analysis  # noqa: E402

ENGINES = [
    {"id": "cpython", "label": "CPython 3.11.7", "available": True, "selected": True, "jit": False,
     "version": "Python 3.11.7", "argv": ["python3"], "skip_reason": "", "hint": ""},
    {"id": "kpy", "label": "kpy JIT", "available": True, "selected": True, "jit": True,
     "version": "kpy 0.1.0", "argv": ["kpy"], "skip_reason": "", "hint": ""},
    {"id": "pypy", "label": "PyPy JIT", "available": True, "selected": True, "jit": True,
     "version": "PyPy 7.3.11", "argv": ["pypy3"], "skip_reason": "", "hint": ""},
    {"id": "pyodide", "label": "Pyodide (Node)", "available": False, "selected": True, "jit": False,
     "version": "", "argv": [], "skip_reason": "the pyodide npm package is not in benches/cache",
     "hint": "install Node.js and npm, then `python3 benches/fetch.py --pyodide`"},
]


def run(rnd, bench, engine, seconds, status="ok", detail="", rate=None, load=None):
    rec = {"round": rnd, "benchmark": bench, "engine": engine, "status": status,
           "seconds": seconds if status == "ok" else None, "wall": seconds, "load": load,
           "inner": None, "returncode": 0, "detail": detail}
    if bench == "pystone":
        rec["pystones_per_second"] = rate
    return rec


def fake_runs():
    """Two rounds: kpy is 2x CPython on pystone and fails on nbody; PyPy is 4x and 10x."""
    runs = []
    for rnd, cp in ((1, 1.0), (2, 1.2)):
        runs += [run(rnd, "pystone", "cpython", cp, rate=500000), run(rnd, "pystone", "kpy", cp / 2, rate=1000000),
                 run(rnd, "pystone", "pypy", cp / 4, rate=2000000)]
        runs += [run(rnd, "nbody", "cpython", 2 * cp), run(rnd, "nbody", "pypy", 2 * cp / 10)]
        runs.append(run(rnd, "nbody", "kpy", None, status="failed" if rnd == 1 else "skipped",
                        detail="Rust panic at x.rs:1:1: boom (exit status 101)" if rnd == 1 else "not run again"))
    return runs


def fake_warmup_runs():
    cp = [(0.05 + 0.01 * i, 1000 * i) for i in range(1, 101)]
    fast = [(0.30 + 0.002 * i, 1000 * i) for i in range(1, 301)]
    return [
        {"round": 1, "engine": "cpython", "status": "ok", "detail": "", "wall": 1.1, "import_seconds": 0.04, "points": cp},
        {"round": 1, "engine": "pypy", "status": "ok", "detail": "", "wall": 1.0, "import_seconds": 0.29, "points": fast},
        {"round": 1, "engine": "kpy", "status": "failed", "detail": "Rust panic", "wall": 0.1,
         "import_seconds": None, "points": []},
    ]


def make_results(quick=False, with_warmup=True):
    ids = [e["id"] for e in ENGINES if e["available"]]
    runs = fake_runs()
    summary = analysis.summarize(runs, ids, ["pystone", "nbody"])
    results = {
        "schema": 1, "date": "2026-11-21 10:00", "commit": "abc1234", "machine": "Linux x86_64, test, 2 cores",
        "load_average": {"start": [0.1, 0.1, 0.1], "end": [0.2, 0.2, 0.2]},
        "command": "python3 benches/harness.py --rounds 2", "quick": quick, "rounds": 2, "timeout": 300,
        "engines": ENGINES, "benchmarks": [], "benchmark_order": ["pystone", "nbody"],
        "programs_sha256": {}, "runs": runs, "summary": summary,
        "geomean": analysis.geomeans(summary, ids),
    }
    if with_warmup:
        wruns = fake_warmup_runs()
        results["warmup"] = {"seconds": 1.0, "chunk": 1000, "rounds": 1, "runs": wruns,
                             "summary": analysis.warmup_summary(wruns, ["cpython", "kpy", "pypy"])}
    return results
