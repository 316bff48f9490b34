"""The benchmark programs: what to run, with which counts, and how to read their output.

Counts: in full mode each is chosen so that CPython 3.11 takes about 1-3 s per
run on the reference machine (2 shared cores); `--quick` uses tiny counts.
Pystone runs through our driver, which imports it as a module.
"""

import re
from dataclasses import dataclass

KERNELS = ("richards", "nbody", "spectral_norm", "fannkuch", "float", "nqueens",
           "chaos", "deltablue", "raytrace", "go", "hexiom")

# Loops per process (the pyperf stand-in's --loops), for about 1.5-2 s of CPython 3.11
# per run; CPython's CPU time per loop measured on the reference machine is noted.
FULL_LOOPS = {
    "richards": 50,        # ~30 ms a loop
    "nbody": 30,           # ~58 ms
    "spectral_norm": 30,   # ~62 ms
    "fannkuch": 6,         # ~250 ms
    "float": 30,           # ~55 ms
    "nqueens": 30,         # ~62 ms
    "chaos": 40,           # ~45 ms
    "deltablue": 800,      # ~2.4 ms
    "raytrace": 10,        # ~200 ms
    "go": 20,              # ~93 ms
    "hexiom": 400,         # ~4 ms
}
QUICK_LOOPS = {name: 1 for name in KERNELS}
QUICK_LOOPS.update({"deltablue": 10, "hexiom": 5})

PYSTONE_FULL = 1_000_000   # ~1.4-1.7 s on CPython 3.11 (the brief's anchors use this count)
PYSTONE_QUICK = 20_000

PYSTONE_TIME = re.compile(r"^(Pystone\(.*\) time for \d+ passes = ).*$", re.M)
PYSTONE_RATE = re.compile(r"^(This machine benchmarks at )(\S+)( pystones/second)$", re.M)


@dataclass
class Program:
    """One benchmark: a script in cache/stage/<name>/ and its arguments."""

    name: str
    script: str        # file name inside the staged directory
    args: list

    @property
    def is_pystone(self):
        return self.name == "pystone"


def programs(names=None, quick=False):
    """The programs to run, pystone first, in a stable order; names filters them."""
    result = [Program("pystone", "run_pystone.py", [str(PYSTONE_QUICK if quick else PYSTONE_FULL)])]
    loops = QUICK_LOOPS if quick else FULL_LOOPS
    result += [Program(k, "run_benchmark.py", ["--loops", str(loops[k])]) for k in KERNELS]
    if names:
        unknown = set(names) - {p.name for p in result}
        if unknown:
            raise ValueError(f"unknown benchmark(s): {', '.join(sorted(unknown))}; "
                             f"known: pystone, {', '.join(KERNELS)}")
        result = [p for p in result if p.name in names]
    return result


def normalize_output(program_name, text):
    """The part of a program's stdout that must be equal across engines.

    Line endings are unified and trailing blanks dropped; for pystone the time
    and the rate it measured are masked (the pass count and final state stay).
    """
    text = text.replace("\r\n", "\n")
    if program_name == "pystone":
        text = PYSTONE_TIME.sub(r"\1<time>", text)
        text = PYSTONE_RATE.sub(r"\1<rate>\3", text)
    return "\n".join(line.rstrip() for line in text.rstrip("\n").split("\n"))


def pystones_per_second(text):
    """The rate pystone printed ('This machine benchmarks at X pystones/second'), or None."""
    m = PYSTONE_RATE.search(text.replace("\r\n", "\n"))
    if not m:
        return None
    try:
        return float(m.group(2))
    except ValueError:
        return None


def compare_outputs(expected, actual, limit=100):
    """None when the normalized outputs are equal, else a one-line description of the first difference."""
    if expected == actual:
        return None
    exp_lines, act_lines = expected.split("\n"), actual.split("\n")
    for i, (e, a) in enumerate(zip(exp_lines, act_lines)):
        if e != a:
            return f"line {i + 1}: expected {_clip(e, limit)!r}, got {_clip(a, limit)!r}"
    if len(act_lines) < len(exp_lines):
        return f"output ends after {len(act_lines)} lines; line {len(act_lines) + 1} expected {_clip(exp_lines[len(act_lines)], limit)!r}"
    return f"extra output after line {len(exp_lines)}: {_clip(act_lines[len(exp_lines)], limit)!r}"


def _clip(text, limit):
    return text if len(text) <= limit else text[:limit - 3] + "..."
