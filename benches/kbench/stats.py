"""Statistics for the harness: medians, ranges, per-round paired ratios, geometric means.

Ratios are always "CPython's time / the engine's time" (higher is faster), taken
per round from runs made side by side, then summarized; never a ratio of medians.
"""

import math
import statistics


def median(values):
    """Median of a non-empty sequence; None for an empty one."""
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def min_max(values):
    """(min, max) of the values that are not None; (None, None) when there are none."""
    values = [v for v in values if v is not None]
    return (min(values), max(values)) if values else (None, None)


def paired_ratios(base, other):
    """Per-round ratios base[r] / other[r] for the rounds where both have a positive time.

    base and other map round number -> seconds (or None for a failed run).
    """
    ratios = {}
    for rnd in sorted(set(base) & set(other)):
        b, o = base[rnd], other[rnd]
        if b is not None and o is not None and b > 0 and o > 0:
            ratios[rnd] = b / o
    return ratios


def summarize(values):
    """{'median', 'min', 'max', 'n'} of a list of numbers (Nones ignored)."""
    lo, hi = min_max(values)
    return {"median": median(values), "min": lo, "max": hi,
            "n": len([v for v in values if v is not None])}


def geomean(values):
    """Geometric mean of positive numbers; None when there are none."""
    values = [v for v in values if v is not None and v > 0]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))
