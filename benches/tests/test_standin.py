"""Tests of our pyperf stand-in: loop counts, deterministic stdout, options the kernels declare."""

import contextlib
import importlib.util
import io
import os
import unittest
from pathlib import Path
from unittest import mock

import fakes  # noqa: F401

STANDIN = Path(__file__).resolve().parent.parent / "pyperf_standin" / "pyperf.py"


def load_standin():
    spec = importlib.util.spec_from_file_location("pyperf_standin_under_test", STANDIN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_captured(fn):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        fn()
    return out.getvalue(), err.getvalue()


class StandinTest(unittest.TestCase):
    def setUp(self):
        self.pyperf = load_standin()
        env = {k: v for k, v in os.environ.items() if k != "KILN_BENCH_LOOPS"}
        patcher = mock.patch.dict(os.environ, env, clear=True)
        patcher.start()
        self.addCleanup(patcher.stop)

    def runner(self, argv):
        r = self.pyperf.Runner()
        r.parse_args(argv)
        return r

    def test_bench_func_prints_collapsed_results_and_loops(self):
        values = iter([1, 1, 2, 2, 2])
        out, err = run_captured(lambda: self.runner(["--loops", "5"]).bench_func("k", lambda: next(values)))
        self.assertEqual(out, "k: 1 (x2)\nk: 2 (x3)\nk: 5 loops done\n")
        self.assertRegex(err, r"^pyperf-standin: k: 5 loops in [0-9.]+ s\n$")

    def test_none_results_print_nothing_but_the_count(self):
        out, _ = run_captured(lambda: self.runner(["-l", "3"]).bench_func("d", lambda n: None, 100))
        self.assertEqual(out, "d: 3 loops done\n")

    def test_bench_time_func_gets_the_loop_count(self):
        seen = []

        def timed(loops, arg):
            seen.append((loops, arg))
            return 0.25

        out, err = run_captured(lambda: self.runner(["--loops=7"]).bench_time_func("t", timed, "x"))
        self.assertEqual(seen, [(7, "x")])
        self.assertEqual(out, "t: 7 loops done\n")
        self.assertIn("7 loops in 0.250000 s", err)

    def test_loops_from_environment_then_default(self):
        with mock.patch.dict(os.environ, {"KILN_BENCH_LOOPS": "4"}):
            self.assertEqual(self.runner([]).loops(), 4)
        self.assertEqual(self.runner([]).loops(), 1)
        self.assertEqual(self.runner(["--loops", "2"]).loops(), 2)

    def test_kernel_options(self):
        r = self.pyperf.Runner(add_cmdline_args=lambda cmd, args: None)
        r.metadata["description"] = "x"
        r.argparser.add_argument("--width", type=int, default=256, help="w")
        r.argparser.add_argument("--rng-seed", type=int, default=1234)
        r.argparser.add_argument("--filename", metavar="FILENAME.PPM")
        r.argparser.add_argument("--level", type=int, choices=[20, 25], default=25)
        args = r.parse_args(["--width=10", "--rng-seed", "7", "--loops", "2"])
        self.assertEqual((args.width, args.rng_seed, args.filename, args.level, args.loops), (10, 7, None, 25, 2))
        self.assertIs(r.parse_args(), args)

    def test_bad_options_exit(self):
        for argv in (["--nope"], ["--level", "3"], ["--loops"]):
            parser = self.pyperf.Runner().argparser
            parser.add_argument("--level", type=int, choices=[20, 25], default=25)
            with self.assertRaises(SystemExit, msg=argv):
                parser.parse_args(argv)

    def test_perf_counter_is_provided(self):
        self.assertIsInstance(self.pyperf.perf_counter(), float)


if __name__ == "__main__":
    unittest.main()
