"""Tests of the measurement loop with stand-in engines (small Python scripts run by the test's Python).

One "engine" is honest, one prints a wrong result, one crashes: the loop must
interleave them, mark the mismatch and the failure, stop running the broken
ones after their first problem, and still pair the honest engine's times with
CPython's per round.
"""

import io
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path
from types import SimpleNamespace

import fakes  # noqa: F401
import harness
from kbench import analysis, engines, programs
from kbench.progress import Progress

WRONG = textwrap.dedent("""
    import runpy, sys
    sys.argv = sys.argv[1:]
    out = sys.stdout
    class Wrong:
        def write(self, s): return out.write(s.replace("42", "43"))
        def flush(self): out.flush()
    sys.stdout = Wrong()
    runpy.run_path(sys.argv[0], run_name="__main__")
""")
CRASH = "import sys\nsys.stderr.write(\"thread 'main' panicked at src/x.rs:1:2:\\nboom\\n\")\nsys.exit(101)\n"


class MeasureTest(unittest.TestCase):
    def setUp(self):
        tmp = Path(tempfile.mkdtemp())
        self.addCleanup(lambda: __import__("shutil").rmtree(tmp))
        (tmp / "stage" / "answer").mkdir(parents=True)
        (tmp / "stage" / "answer" / "prog.py").write_text("import sys\nprint('answer:', 42, sys.argv[1:])\n")
        (tmp / "wrong.py").write_text(WRONG)
        (tmp / "crash.py").write_text(CRASH)
        self.stage = tmp / "stage"
        py = sys.executable
        self.engines = [
            engines.Engine("cpython", "CPython", [py]),
            engines.Engine("pypy", "Honest", [py]),
            engines.Engine("kpy", "Wrong", [py, tmp / "wrong.py"]),
            engines.Engine("kpy-nojit", "Crash", [py, tmp / "crash.py"]),
        ]
        self.prog = programs.Program("answer", "prog.py", ["--loops", "1"])

    def test_interleaved_rounds_with_checks(self):
        args = SimpleNamespace(rounds=3, timeout=30)
        progress = Progress(12, stream=io.StringIO())
        runs = harness.measure([self.prog], self.engines, args, progress, stage_root=self.stage)
        by = {(r["round"], r["engine"]): r for r in runs}
        self.assertEqual(len(runs), 12)
        self.assertEqual(progress.count, 12)
        self.assertEqual(by[(1, "kpy")]["status"], "mismatch")
        self.assertIn("expected \"answer: 42 ['--loops', '1']\"", by[(1, "kpy")]["detail"])
        self.assertEqual(by[(1, "kpy-nojit")]["status"], "failed")
        self.assertIn("Rust panic at src/x.rs:1:2: boom", by[(1, "kpy-nojit")]["detail"])
        for rnd in (2, 3):
            self.assertEqual(by[(rnd, "kpy")]["status"], "skipped")
            self.assertEqual(by[(rnd, "kpy-nojit")]["status"], "skipped")
            self.assertEqual(by[(rnd, "pypy")]["status"], "ok")
        self.assertTrue(all("output" not in r for r in runs))
        summary = analysis.summarize(runs, [e.id for e in self.engines], ["answer"])
        self.assertEqual(len(summary["answer"]["pypy"]["ratios"]), 3)
        self.assertEqual(summary["answer"]["kpy"]["status"], "mismatch")
        self.assertEqual(summary["answer"]["kpy-nojit"]["status"], "failed")

    def test_engine_order_rotates_each_round(self):
        stream = io.StringIO()
        harness.measure([self.prog], self.engines[:2], SimpleNamespace(rounds=2, timeout=30),
                        Progress(4, stream=stream), stage_root=self.stage)
        lines = [line for line in stream.getvalue().splitlines() if "answer" in line]
        order = [(line.split(" · ")[0].split()[-1], line.split(" · ")[2].split(":")[0]) for line in lines]
        self.assertEqual(order, [("1/2", "CPython"), ("1/2", "Honest"), ("2/2", "Honest"), ("2/2", "CPython")])


if __name__ == "__main__":
    unittest.main()


class RunEnvTest(unittest.TestCase):
    def test_asks_engines_for_their_load_time_and_drops_loop_overrides(self):
        from unittest import mock
        with mock.patch.dict("os.environ", {"KILN_BENCH_LOOPS": "3"}):
            env = harness.run_env()
        self.assertEqual(env.get("KILN_HARNESS_LOAD"), "1")
        self.assertNotIn("KILN_BENCH_LOOPS", env)
