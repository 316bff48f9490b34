"""Tests of running a process and summarizing failures (uses only the Python running the tests)."""

import sys
import unittest

import fakes  # noqa: F401
from kbench import runner

PANIC = """thread 'main' panicked at framework/src/driver.rs:452:9:
optimizer produced a malformed trace
stack backtrace:
   0: rust_begin_unwind
"""
TRACEBACK = """Traceback (most recent call last):
  File "run_benchmark.py", line 11, in <module>
    import array
ModuleNotFoundError: No module named 'array'
"""
SYNTAX = """  File "hexiom/run_benchmark.py", line 618
    \"\"\")
    ^
SyntaxError: unterminated triple-quoted string literal (detected at line 666)
"""


class ErrorSummaryTest(unittest.TestCase):
    def test_rust_panic(self):
        s = runner.error_summary(PANIC, 101)
        self.assertEqual(s, "Rust panic at framework/src/driver.rs:452:9: optimizer produced a malformed trace (exit status 101)")

    def test_python_exception_with_location(self):
        s = runner.error_summary(TRACEBACK, 1)
        self.assertTrue(s.startswith("ModuleNotFoundError: No module named 'array'"), s)
        self.assertIn('line 11', s)

    def test_syntax_error(self):
        self.assertIn("SyntaxError: unterminated triple-quoted", runner.error_summary(SYNTAX, 1))

    def test_signal_and_silence(self):
        self.assertEqual(runner.error_summary("", -9), "killed by SIGKILL")
        self.assertEqual(runner.error_summary("something odd\n", 3), "something odd (exit status 3)")


class FinishRunTest(unittest.TestCase):
    def test_load_time_is_excluded(self):
        r = runner.finish_run(runner.Run("ok", 3.0, stderr="harness-load-seconds: 1.75\nharness-run-seconds: 1.2\n"))
        self.assertEqual(r.load, 1.75)
        self.assertAlmostEqual(r.seconds, 1.25)
        self.assertEqual(r.status, "ok")

    def test_inner_time_is_read(self):
        r = runner.finish_run(runner.Run("ok", 1.0, stderr="pyperf-standin: nbody: 20 loops in 0.812 s\n"))
        self.assertEqual(r.inner, 0.812)

    def test_nonzero_exit_fails(self):
        r = runner.finish_run(runner.Run("ok", 1.0, stderr=TRACEBACK, returncode=1))
        self.assertEqual(r.status, "failed")
        self.assertIn("ModuleNotFoundError", r.detail)


class RunProcessTest(unittest.TestCase):
    def test_ok_and_output(self):
        r = runner.run_process([sys.executable, "-c", "print('hi')"], ".", 30)
        self.assertEqual((r.status, r.stdout.strip()), ("ok", "hi"))
        self.assertGreater(r.wall, 0)

    def test_timeout_kills(self):
        r = runner.run_process([sys.executable, "-c", "import time; time.sleep(30)"], ".", 0.5)
        self.assertEqual(r.status, "timeout")
        self.assertLess(r.wall, 10)

    def test_missing_program(self):
        r = runner.run_process(["/nonexistent/engine", "x.py"], ".", 5)
        self.assertEqual(r.status, "failed")
        self.assertIn("cannot start", r.detail)


if __name__ == "__main__":
    unittest.main()
