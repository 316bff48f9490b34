#!/usr/bin/env python3
"""Benchmark: the JIT's speed-up on a loop-heavy Brainfuck program.

Runs `kbf --jit=off` and `kbf` (JIT on) side by side, alternating their
order each round, checks that both print the same bytes, and reports the
ratio of wall times per round (off / on) with its median and range. With
`--record`, appends the result to benches/RESULTS.md with the date, commit
and machine.
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benches"))
from machine import describe_machine, commit_id  # noqa: E402


def run(cmd):
    start = time.perf_counter()
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    return time.perf_counter() - start, out.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--program", default=str(ROOT / "benches/bf/nested_loops.b"))
    ap.add_argument("--record", action="store_true", help="append the result to benches/RESULTS.md")
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--bin", "kbf"], cwd=ROOT, check=True)
    kbf = str(ROOT / "target/release/kbf")
    off_cmd = [kbf, "--jit=off", args.program]
    on_cmd = [kbf, args.program]
    ratios, offs, ons = [], [], []
    for r in range(args.rounds):
        order = [("off", off_cmd), ("on", on_cmd)] if r % 2 == 0 else [("on", on_cmd), ("off", off_cmd)]
        results = {}
        for name, cmd in order:
            results[name] = run(cmd)
        if results["off"][1] != results["on"][1]:
            sys.exit("outputs differ between --jit=off and --jit=on")
        t_off, t_on = results["off"][0], results["on"][0]
        offs.append(t_off)
        ons.append(t_on)
        ratios.append(t_off / t_on)
        print(f"round {r + 1}: off {t_off:.3f} s, on {t_on:.3f} s, ratio {t_off / t_on:.1f}x", flush=True)
    med = statistics.median(ratios)
    summary = (
        f"JIT speed-up on `{Path(args.program).relative_to(ROOT)}`: median {med:.1f}x "
        f"(range {min(ratios):.1f}x–{max(ratios):.1f}x over {args.rounds} rounds); "
        f"median wall time off {statistics.median(offs):.3f} s, on {statistics.median(ons):.3f} s"
    )
    print(summary)
    if args.record:
        with open(ROOT / "benches/RESULTS.md", "a") as f:
            f.write(f"\n### Brainfuck JIT speed-up — {time.strftime('%Y-%m-%d')}, commit {commit_id()}\n\n")
            f.write(f"Machine: {describe_machine()}\n\n")
            f.write(f"Command: `benches/bf_speedup.py --rounds {args.rounds}` (kbf --jit=off vs kbf, alternating order, ratio per round)\n\n")
            f.write(summary + "\n")


if __name__ == "__main__":
    main()
