#!/usr/bin/env python3
"""Benchmark: start-up time, `kpy -c pass` against `python3 -c pass`.

Runs both side by side, alternating their order, many times; reports the
median wall time of each and the median of the per-round ratios (CPython's
time / kpy's: above 1 means kpy starts faster). With `--record`, appends the
result to benches/RESULTS.md with date, commit and machine.
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benches"))
from machine import commit_id, describe_machine  # noqa: E402


def wall(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def real_python():
    """The interpreter binary itself (not a pyenv shim, whose start-up would count)."""
    out = subprocess.run(["python3", "-c", "import sys; print(sys.executable)"], capture_output=True, text=True, check=True)
    return out.stdout.strip() or shutil.which("python3")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=40)
    ap.add_argument("--record", action="store_true")
    args = ap.parse_args()
    kpy = [str(ROOT / "target/release/kpy"), "-c", "pass"]
    cpy = [real_python(), "-c", "pass"]
    for cmd in (kpy, cpy):
        wall(cmd)  # warm the page cache
    tk, tc, ratios = [], [], []
    for r in range(args.rounds):
        if r % 2 == 0:
            a, b = wall(kpy), wall(cpy)
        else:
            b, a = wall(cpy), wall(kpy)
        tk.append(a)
        tc.append(b)
        ratios.append(b / a)
    summary = (
        f"start-up (`-c pass`): kpy median {statistics.median(tk) * 1000:.1f} ms, "
        f"CPython median {statistics.median(tc) * 1000:.1f} ms; CPython/kpy per round: median "
        f"{statistics.median(ratios):.2f} (range {min(ratios):.2f}–{max(ratios):.2f}, {args.rounds} rounds)"
    )
    print(summary)
    if args.record:
        with open(ROOT / "benches/RESULTS.md", "a") as f:
            f.write(f"\n### Start-up — {time.strftime('%Y-%m-%d')}, commit {commit_id()}\n\n")
            f.write(f"Machine: {describe_machine()}\n\n")
            f.write(f"Command: `benches/startup.py --rounds {args.rounds}`\n\n{summary}\n")


if __name__ == "__main__":
    main()
