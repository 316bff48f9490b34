#!/usr/bin/env python3
"""Benchmark: the Wasm JIT's speed-up in Node on a loop-heavy Brainfuck program.

Runs `node targets/wasm/kbf.mjs --jit=off` and `node targets/wasm/kbf.mjs`
(JIT on: each hot loop becomes a Wasm module linked at run time) side by
side, alternating their order each round, checks that both print the same
bytes, and reports the ratio of wall times per round (off / on) with its
median and range. With `--native`, the native `kbf` runs in the same rounds
too, for the Wasm-vs-native ratios. Also prints the gzipped size of the
`.wasm` and Node's start-up time (hello.b, JIT off). With `--record`,
appends the result to benches/RESULTS.md with the date, commit and machine.
"""

import argparse
import gzip
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benches"))
from machine import describe_machine, commit_id  # noqa: E402

KBF_MJS = str(ROOT / "targets/wasm/kbf.mjs")
WASM = ROOT / "targets/wasm/pkg/kiln_web_bg.wasm"


def run(cmd):
    start = time.perf_counter()
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    return time.perf_counter() - start, out.stdout


def median_range(xs):
    return f"median {statistics.median(xs):.1f}x (range {min(xs):.1f}x–{max(xs):.1f}x)"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--program", default=str(ROOT / "benches/bf/nested_loops.b"))
    ap.add_argument("--native", action="store_true", help="also run the native kbf (target/release/kbf) in each round")
    ap.add_argument("--record", action="store_true", help="append the result to benches/RESULTS.md")
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    if not args.no_build:
        subprocess.run([str(ROOT / "scripts/build-wasm")], cwd=ROOT, check=True)
        if args.native:
            subprocess.run(["cargo", "build", "--release", "-p", "kiln-native", "--bin", "kbf"], cwd=ROOT, check=True)
    cmds = {
        "off": ["node", KBF_MJS, "--jit=off", args.program],
        "on": ["node", KBF_MJS, args.program],
    }
    if args.native:
        kbf = str(ROOT / "target/release/kbf")
        cmds["native off"] = [kbf, "--jit=off", args.program]
        cmds["native on"] = [kbf, args.program]
    times = {k: [] for k in cmds}
    ratios, vs_native = [], []
    for r in range(args.rounds):
        order = list(cmds.items()) if r % 2 == 0 else list(reversed(cmds.items()))
        results = {name: run(cmd) for name, cmd in order}
        outputs = {out for _, out in results.values()}
        if len(outputs) != 1:
            sys.exit(f"outputs differ between {', '.join(cmds)}")
        for k, (t, _) in results.items():
            times[k].append(t)
        ratios.append(results["off"][0] / results["on"][0])
        line = f"round {r + 1}: " + ", ".join(f"{k} {t:.3f} s" for k, (t, _) in results.items())
        line += f", ratio off/on {ratios[-1]:.1f}x"
        if args.native:
            vs_native.append(results["native on"][0] / results["on"][0])
            line += f", native JIT / Wasm JIT {vs_native[-1]:.2f}"
        print(line, flush=True)

    startup = []
    hello = str(ROOT / "interpreters/bf/tests/programs/hello.b")
    for _ in range(max(args.rounds, 5)):
        startup.append(run(["node", KBF_MJS, "--jit=off", hello])[0])
    size = WASM.stat().st_size
    gz = len(gzip.compress(WASM.read_bytes(), compresslevel=9))

    prog = Path(args.program).resolve().relative_to(ROOT)
    summary = (
        f"Wasm JIT speed-up in Node on `{prog}`: {median_range(ratios)} over {args.rounds} rounds; "
        f"median wall time off {statistics.median(times['off']):.3f} s, on {statistics.median(times['on']):.3f} s"
    )
    if args.native:
        summary += (
            f"; native kbf off {statistics.median(times['native off']):.3f} s, on {statistics.median(times['native on']):.3f} s "
            f"(Wasm JIT at {statistics.median(vs_native):.2f}x the native JIT's speed)"
        )
    summary += (
        f"\nNode start-up (hello.b, JIT off, whole process): median {statistics.median(startup) * 1000:.0f} ms; "
        f"`kiln_web_bg.wasm` {size / 1024:.0f} KiB, {gz / 1024:.0f} KiB gzipped (-9)"
    )
    print(summary)
    if args.record:
        with open(ROOT / "benches/RESULTS.md", "a") as f:
            f.write(f"\n### Wasm JIT speed-up in Node (Brainfuck) — {time.strftime('%Y-%m-%d')}, commit {commit_id()}\n\n")
            f.write(f"Machine: {describe_machine()}; {subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()}\n\n")
            flags = " --native" if args.native else ""
            f.write(f"Command: `benches/wasm_bf.py --rounds {args.rounds}{flags}` (node targets/wasm/kbf.mjs --jit=off vs on, alternating order, ratio per round)\n\n")
            f.write(summary + "\n")


if __name__ == "__main__":
    main()
