#!/usr/bin/env python3
"""Side-by-side timing of two or more commands, for development work.

    benches/ab.py [--rounds N] 'CMD A' 'CMD B' ...

Runs the commands in turn (A B A B ...), N rounds, and prints each one's
median wall time and its ratio to the first, with the range of the per-round
ratios: on a shared, noisy machine only ratios measured side by side mean
anything. Output is discarded; a command that fails stops the run. For the
figures that go into RESULTS.md use harness.py, bf_speedup.py and friends.
"""

import argparse
import shlex
import statistics
import subprocess
import sys
import time


def run_once(argv):
    t0 = time.perf_counter()
    p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    t = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit("ab.py: %s failed (exit %d):\n%s" % (shlex.join(argv), p.returncode, p.stderr.decode(errors="replace")[-2000:]))
    return t


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5, help="rounds (default 5)")
    ap.add_argument("commands", nargs="+", help="shell-quoted commands; the first is the reference")
    args = ap.parse_args()
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
    cmds = [shlex.split(c) for c in args.commands]
    times = [[] for _ in cmds]
    for _ in range(args.rounds):
        for k, c in enumerate(cmds):
            times[k].append(run_once(c))
    ref = times[0]
    for k, c in enumerate(args.commands):
        med = statistics.median(times[k])
        ratios = [r / t for r, t in zip(ref, times[k])]
        print("%8.3f s  %5.2fx (%.2f-%.2f)  %s" % (med, statistics.median(ratios), min(ratios), max(ratios), c))


if __name__ == "__main__":
    main()
