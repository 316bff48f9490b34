"""Warm-up analysis for pystone run in chunks (benches/drivers/pystone_warmup.py).

The driver prints `warmup-start EPOCH 0` after importing pystone and
`warmup EPOCH CUMULATIVE_PASSES` after each chunk. With the time the harness
started the process this gives cumulative passes against elapsed time, from
which we derive throughput (pystones/s) over short windows and the time at
which an engine has done more passes than CPython (start-up included).
"""

import bisect
import statistics


def parse(stdout, started):
    """Return (import_seconds or None, [(elapsed_seconds, cumulative_passes), ...]).

    Elapsed times are measured from `started` (the epoch time the process was
    started). Lines that are not warm-up lines are ignored.
    """
    start, points = None, []
    for line in stdout.splitlines():
        parts = line.split()
        if len(parts) != 3 or parts[0] not in ("warmup", "warmup-start"):
            continue
        try:
            t, passes = round(float(parts[1]) - started, 6), int(parts[2])
        except ValueError:
            continue
        if parts[0] == "warmup-start":
            start = t
        else:
            points.append((t, passes))
    return start, points


def passes_at(points, t, times=None):
    """Passes completed by time t: a step function over the (time, passes) points.

    `times` may be given as [time for time, _ in points] to save rebuilding it.
    """
    if times is None:
        times = [pt for pt, _ in points]
    i = bisect.bisect_right(times, t)
    return points[i - 1][1] if i else 0


def throughput(points, start=None, min_window=0.02):
    """[(mid_time, pystones_per_second)] over windows of at least min_window seconds.

    The first window starts at `start` (pystone imported) when known, else at the first point.
    """
    series = []
    origin = (start, 0) if start is not None else (points[0] if points else None)
    if origin is None:
        return series
    t0, p0 = origin
    for t, p in points:
        if t - t0 >= min_window - 1e-9 and p > p0:
            series.append(((t0 + t) / 2, (p - p0) / (t - t0)))
            t0, p0 = t, p
    return series


def steady_rate(points, start=None, min_window=0.02):
    """Median throughput over the second half of the run (None when too short)."""
    series = throughput(points, start, min_window)
    if not series:
        return None
    half = series[len(series) // 2:]
    return statistics.median(rate for _, rate in half)


def crossover(engine, base):
    """When `engine` has completed more passes than `base` (both lists of (time, passes)).

    Returns {'first_ahead': t or None, 'ahead_for_good': t or None, 'horizon': t}:
    the first moment the engine is ahead, and the moment from which it stays
    ahead until the end of the shorter of the two runs (the horizon).
    """
    if not engine or not base:
        return {"first_ahead": None, "ahead_for_good": None, "horizon": None}
    horizon = min(engine[-1][0], base[-1][0])
    events = sorted({t for t, _ in engine + base if t <= horizon})
    et, bt = [t for t, _ in engine], [t for t, _ in base]
    ahead = [(t, passes_at(engine, t, et) > passes_at(base, t, bt)) for t in events]
    first = next((t for t, a in ahead if a), None)
    for_good = None
    for t, a in reversed(ahead):
        if not a:
            break
        for_good = t
    return {"first_ahead": first, "ahead_for_good": for_good, "horizon": horizon}
