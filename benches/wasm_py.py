#!/usr/bin/env python3
"""Benchmark: Python in Node — Kiln's Wasm JIT vs without it, vs native CPython and Pyodide.

Side by side in one run, engines interleaved in an order that rotates each
round, one fresh process per run:

* pystone (imported as a module by benches/drivers/run_pystone.py, PASSES
  passes) on native CPython, `node targets/wasm/kpy.mjs` (Wasm JIT),
  `node targets/wasm/kpy.mjs --jit=off` and Pyodide in Node (when
  `python3 benches/fetch.py --pyodide` installed it). Outputs are checked
  against CPython's (pystone's time lines masked). Compared: the process's
  wall time less the load time it reports (kpy.mjs with KILN_HARNESS_LOAD=1,
  Pyodide's runner always), as benches/harness.py does; ratios (the other
  engine's time / this one's) are paired per round, median (range). Also
  shown: the rate pystone prints itself (its timed loop less an empty
  loop's time, which a JIT warming up distorts at small pass counts).
* start-up: `node kpy.mjs -c pass` with the default V8 tiering policy
  (TurboFan for each function on its first call, see targets/wasm/host.mjs)
  and with KILN_NODE_TIERING=default (V8's: baseline first), against
  `python3 -c pass` and Pyodide's load time;
* the size of targets/wasm/pkg/kiln_web_bg.wasm, raw and gzipped (-9).

With `--record`, appends the tables to benches/RESULTS.md with the date,
commit and machine. A benchmark, not a test: it prints numbers and fails
only when an engine fails or prints something else than CPython.
"""

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benches"))
import fetch  # noqa: E402
from kbench import runner  # noqa: E402
from machine import commit_id, describe_machine  # noqa: E402

KPY_MJS = ROOT / "targets/wasm/kpy.mjs"
WASM = ROOT / "targets/wasm/pkg/kiln_web_bg.wasm"
RATE = re.compile(r"benchmarks at ([-+0-9.eE]+) pystones/second")
TIMES = re.compile(r"^(Pystone\(1\.2\) time for \d+ passes = ).*$|^(This machine benchmarks at ).*$", re.M)


def real_python():
    out = subprocess.run(["python3", "-c", "import sys; print(sys.executable)"], capture_output=True, text=True, check=True)
    return out.stdout.strip() or shutil.which("python3")


def engines(node, python):
    found = {
        "CPython": [python],
        "Kiln-Wasm JIT": [node, KPY_MJS],
        "Kiln-Wasm --jit=off": [node, KPY_MJS, "--jit=off"],
    }
    pyodide = fetch.pyodide_dir()
    if (Path(pyodide) / "pyodide.mjs").exists():
        found["Pyodide"] = [node, ROOT / "benches/drivers/pyodide_run.mjs", "--pyodide-dir", pyodide]
    else:
        print("wasm_py: Pyodide skipped (install it: python3 benches/fetch.py --pyodide)", file=sys.stderr)
    return found


def env():
    e = dict(os.environ)
    e["KILN_HARNESS_LOAD"] = "1"
    return e


def median_range(xs, fmt="{:.2f}"):
    if not xs:
        return "–"
    return f"{fmt.format(statistics.median(xs))} ({fmt.format(min(xs))}–{fmt.format(max(xs))})"


def measure_pystone(found, passes, rounds, timeout):
    stage = fetch.stage_dir("pystone")
    names = list(found)
    rates = {n: [] for n in names}
    secs = {n: [] for n in names}
    loads = {n: [] for n in names}
    for r in range(rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        outputs = {}
        for n in order:
            run = runner.run_process(found[n] + [stage / "run_pystone.py", str(passes)], stage, timeout, env())
            if run.status != "ok":
                sys.exit(f"wasm_py: {n} failed: {run.detail or run.status}\n{run.stderr[-2000:]}")
            m = RATE.search(run.stdout)
            if not m:
                sys.exit(f"wasm_py: {n} printed no pystone rate:\n{run.stdout[-1000:]}")
            rates[n].append(float(m.group(1)))
            secs[n].append(run.seconds)
            loads[n].append(run.load or 0.0)
            outputs[n] = TIMES.sub(lambda mm: mm.group(1) or mm.group(2), run.stdout)
            print(f"round {r + 1}/{rounds} · {n}: {float(m.group(1)):,.0f} pystones/s, {run.seconds:.3f} s"
                  + (f" (+{run.load:.3f} s load)" if run.load else ""), file=sys.stderr, flush=True)
        for n, out in outputs.items():
            if out != outputs["CPython"]:
                sys.exit(f"wasm_py: {n} printed something else than CPython:\n{out}\n---\n{outputs['CPython']}")
    return rates, secs, loads


def wall(cmd, extra_env=None):
    e = dict(os.environ, **(extra_env or {}))
    t0 = time.perf_counter()
    subprocess.run([str(c) for c in cmd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=e, check=True)
    return time.perf_counter() - t0


def measure_startup(node, python, found, rounds):
    cmds = {
        "python3 -c pass": ([python, "-c", "pass"], None),
        "node kpy.mjs -c pass": ([node, KPY_MJS, "-c", "pass"], None),
        "node kpy.mjs --jit=off -c pass": ([node, KPY_MJS, "--jit=off", "-c", "pass"], None),
        "node kpy.mjs -c pass, KILN_NODE_TIERING=default": ([node, KPY_MJS, "-c", "pass"], {"KILN_NODE_TIERING": "default"}),
        "node -e 0 (Node alone)": ([node, "-e", "0"], None),
    }
    times = {k: [] for k in cmds}
    for r in range(rounds):
        for k in (list(cmds) if r % 2 == 0 else reversed(list(cmds))):
            times[k].append(wall(*cmds[k]))
    pyodide_load = []
    if "Pyodide" in found:
        stage = fetch.stage_dir("pystone")
        probe = stage / "wasm_py_pass.py"
        probe.write_text("pass\n")
        for _ in range(min(rounds, 3)):
            run = runner.run_process(found["Pyodide"] + [probe], stage, 120, env())
            if run.load:
                pyodide_load.append(run.load)
        probe.unlink()
    return times, pyodide_load


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--startup-rounds", type=int, default=10)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--record", action="store_true", help="append the tables to benches/RESULTS.md")
    args = ap.parse_args()
    node = shutil.which("node")
    if not node or not WASM.exists() or not KPY_MJS.exists():
        sys.exit("wasm_py: needs node and the Wasm build (scripts/build-wasm)")
    fetch.ensure_all()
    fetch.stage_all()
    python = real_python()
    found = engines(node, python)
    load_before = os.getloadavg()
    rates, secs, loads = measure_pystone(found, args.passes, args.rounds, args.timeout)
    startup, pyodide_load = measure_startup(node, python, found, args.startup_rounds)
    load_after = os.getloadavg()

    raw = WASM.stat().st_size
    gz = len(gzip.compress(WASM.read_bytes(), 9))
    n = args.rounds

    def per_round(a, b, data):
        return [x / y for x, y in zip(data[a], data[b])]

    lines = [
        f"Machine: {describe_machine()}; load average {load_before[0]:.2f} at the start, {load_after[0]:.2f} at the end",
        "",
        f"Command: `python3 benches/wasm_py.py --passes {args.passes} --rounds {n}` (pystone imported as a module; "
        "engines interleaved, rotating order, one process per run; ratios paired per round: median (range))",
        "",
        "| engine | process time, s (wall less load) | vs CPython | vs Kiln-Wasm --jit=off | vs Pyodide | load, s | pystones/s (pystone's own timing) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for e in found:
        # Ratios of times: the other engine's time / this one's (higher is faster).
        vs_cpy = median_range(per_round("CPython", e, secs))
        vs_off = median_range(per_round("Kiln-Wasm --jit=off", e, secs))
        vs_pyo = median_range(per_round("Pyodide", e, secs)) if "Pyodide" in found else "–"
        load = median_range(loads[e], "{:.3f}") if any(loads[e]) else "–"
        lines.append(f"| {e} | {median_range(secs[e], '{:.3f}')} | {vs_cpy} | {vs_off} | {vs_pyo} | {load} | "
                     f"{statistics.median(rates[e]):,.0f} |")
    lines += ["", "Start-up (median of rounds, wall time of the process):", ""]
    for k, ts in startup.items():
        lines.append(f"- `{k}`: {statistics.median(ts) * 1000:.0f} ms")
    if pyodide_load:
        lines.append(f"- Pyodide in Node, load time it reports: {statistics.median(pyodide_load) * 1000:.0f} ms")
    lines += ["", f"`kiln_web_bg.wasm`: {raw:,} bytes, {gz:,} gzipped (-9)"]
    text = "\n".join(lines)
    print(text)
    if args.record:
        with open(ROOT / "benches/RESULTS.md", "a") as f:
            f.write(f"\n### Python in Node: Wasm JIT vs --jit=off vs CPython vs Pyodide — {time.strftime('%Y-%m-%d %H:%M')}, "
                    f"commit {commit_id()}\n\n{text}\n")


if __name__ == "__main__":
    main()
