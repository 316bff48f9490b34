"""Kiln's tiny stand-in for the `pyperf` module, so pyperformance kernels run unmodified.

The real pyperf calibrates, spawns worker processes and prints statistics;
none of that can be compared across engines. This stand-in provides only what
the kernels Kiln runs use -- `Runner` (with `bench_func`, `bench_time_func`,
`argparser`, `parse_args`, `metadata`) and `perf_counter` -- and runs each
benchmark a fixed number of times ("loops"), taken from, in order:
the `--loops N` / `-l N` option, the `KILN_BENCH_LOOPS` environment variable, 1.

On stdout it prints only deterministic lines, for comparing engines:
the repr of each call's return value for `bench_func` (runs of equal values
collapsed into one line with a count), then `NAME: N loops done`.
On stderr it prints the time measured inside the process:
`pyperf-standin: NAME: N loops in S s`.

It is deliberately plain Python (no argparse, no f-strings, optional `os`)
so that young interpreters can run it.
"""

import sys

try:
    from time import perf_counter
except ImportError:  # an engine without perf_counter
    from time import time as perf_counter

__version__ = "0.0-kiln-standin"

LOOPS_ENV = "KILN_BENCH_LOOPS"


def _env_loops():
    try:
        import os
        value = os.environ.get(LOOPS_ENV)
    except (ImportError, AttributeError):
        return None
    if value:
        return int(value)
    return None


class _Namespace(object):
    """What parse_args returns: one attribute per option."""

    def __repr__(self):
        return "Namespace(%r)" % (self.__dict__,)


class _Option(object):
    def __init__(self, flags, dest, type, default, choices, store_true):
        self.flags = flags
        self.dest = dest
        self.type = type
        self.default = default
        self.choices = choices
        self.store_true = store_true


class ArgParser(object):
    """The subset of argparse.ArgumentParser that the kernels use: --long options with values."""

    def __init__(self):
        self.options = []
        self.add_argument("-l", "--loops", type=int, default=None, help="number of loops")

    def add_argument(self, *flags, **kw):
        long_flags = [f for f in flags if f.startswith("--")]
        dest = kw.get("dest") or (long_flags[0] if long_flags else flags[0]).lstrip("-").replace("-", "_")
        store_true = kw.get("action") == "store_true"
        default = kw.get("default", False if store_true else None)
        self.options.append(_Option(flags, dest, kw.get("type"), default, kw.get("choices"), store_true))

    def _find(self, flag):
        for opt in self.options:
            if flag in opt.flags:
                return opt
        raise SystemExit("pyperf stand-in: unknown option %s" % flag)

    def _convert(self, opt, text):
        value = opt.type(text) if opt.type is not None else text
        if opt.choices is not None and value not in opt.choices:
            raise SystemExit("pyperf stand-in: %s must be one of %r" % (opt.flags[-1], list(opt.choices)))
        return value

    def parse_args(self, argv=None):
        if argv is None:
            argv = sys.argv[1:]
        ns = _Namespace()
        for opt in self.options:
            setattr(ns, opt.dest, opt.default)
        i = 0
        while i < len(argv):
            arg = argv[i]
            value = None
            if arg.startswith("--") and "=" in arg:
                arg, value = arg.split("=", 1)
            opt = self._find(arg)
            if opt.store_true:
                setattr(ns, opt.dest, True)
            else:
                if value is None:
                    i += 1
                    if i >= len(argv):
                        raise SystemExit("pyperf stand-in: %s needs a value" % arg)
                    value = argv[i]
                setattr(ns, opt.dest, self._convert(opt, value))
            i += 1
        return ns


class Runner(object):
    """Runs a benchmark a fixed number of loops; see the module docstring."""

    def __init__(self, values=None, processes=None, loops=None, add_cmdline_args=None, **kwargs):
        self.metadata = {}
        self.argparser = ArgParser()
        self.args = None
        self._loops = loops

    def parse_args(self, args=None):
        if self.args is None:
            self.args = self.argparser.parse_args(args)
        return self.args

    def loops(self):
        """The loop count: --loops, else $KILN_BENCH_LOOPS, else the constructor's, else 1."""
        args = self.parse_args()
        if args.loops is not None:
            return args.loops
        env = _env_loops()
        if env is not None:
            return env
        if self._loops is not None:
            return self._loops
        return 1

    def bench_func(self, name, func, *args, **kwargs):
        """Call func(*args) once per loop; print each result's repr (equal runs collapsed)."""
        loops = self.loops()
        results = []
        total = 0.0
        for _ in range(loops):
            t0 = perf_counter()
            result = func(*args)
            total += perf_counter() - t0
            if result is not None:
                _add_result(results, repr(result))
        for text, count in results:
            print("%s: %s (x%d)" % (name, text, count))
        self._finish(name, loops, total)

    def bench_time_func(self, name, time_func, *args, **kwargs):
        """Call time_func(loops, *args), which times itself; its return value is not printed."""
        loops = self.loops()
        seconds = time_func(loops, *args)
        self._finish(name, loops, seconds)

    def bench_async_func(self, name, func, *args, **kwargs):
        raise NotImplementedError("pyperf stand-in: bench_async_func is not supported")

    def bench_command(self, name, command):
        raise NotImplementedError("pyperf stand-in: bench_command is not supported")

    def _finish(self, name, loops, seconds):
        print("%s: %d loops done" % (name, loops))
        sys.stdout.flush()
        sys.stderr.write("pyperf-standin: %s: %d loops in %.6f s\n" % (name, loops, seconds))
        sys.stderr.flush()


def _add_result(results, text):
    """Append text to a list of [text, count] runs, extending the last run when equal."""
    if results and results[-1][0] == text:
        results[-1][1] += 1
    else:
        results.append([text, 1])
