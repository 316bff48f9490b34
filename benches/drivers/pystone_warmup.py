"""Kiln's pystone warm-up driver: run pystone in small chunks and timestamp each one.

Usage: pystone_warmup.py SECONDS CHUNK. Imports pystone as a module, then
calls pystone.pystones(CHUNK) again and again until SECONDS have passed
(wall clock, from the first chunk's start), printing after each chunk:
`warmup EPOCH_SECONDS CUMULATIVE_PASSES`. The harness subtracts the time it
started the process, so start-up and load time are part of the curve.
The first line, `warmup-start EPOCH_SECONDS 0`, marks when pystone was imported.
"""

import sys
from time import time

import pystone


def main():
    seconds = float(sys.argv[1])
    chunk = int(sys.argv[2])
    start = time()
    print("warmup-start %.6f 0" % start)
    done = 0
    now = start
    while now - start < seconds:
        pystone.pystones(chunk)
        done += chunk
        now = time()
        print("warmup %.6f %d" % (now, done))
    sys.stdout.flush()


main()
