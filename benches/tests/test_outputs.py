"""Tests of output normalization and comparison, and of marking runs whose output differs."""

import unittest

import fakes  # noqa: F401
from kbench import analysis, programs

PYSTONE_OUT = ("Pystone(1.2) time for 20000 passes = 0.0347\n"
               "This machine benchmarks at 576369 pystones/second\n"
               "final state: 5 True 'A' 'B' 7 20010 1 3 17 'DHRYSTONE PROGRAM, SOME STRING'\n")


def group(outputs, statuses=None):
    statuses = statuses or {}
    return [{"engine": e, "status": statuses.get(e, "ok"), "output": out, "detail": ""} for e, out in outputs.items()]


class NormalizeTest(unittest.TestCase):
    def test_pystone_times_are_masked_but_not_pass_counts(self):
        other = PYSTONE_OUT.replace("0.0347", "0.00213").replace("576369", "9.38e+06")
        a = programs.normalize_output("pystone", PYSTONE_OUT)
        self.assertEqual(a, programs.normalize_output("pystone", other))
        self.assertIn("20000 passes", a)
        self.assertNotIn("576369", a)
        fewer = PYSTONE_OUT.replace("20000 passes", "10000 passes")
        self.assertNotEqual(a, programs.normalize_output("pystone", fewer))

    def test_pystone_final_state_is_compared(self):
        wrong = PYSTONE_OUT.replace("20010", "20011")
        self.assertNotEqual(programs.normalize_output("pystone", PYSTONE_OUT),
                            programs.normalize_output("pystone", wrong))

    def test_kernel_output_kept_line_endings_unified(self):
        self.assertEqual(programs.normalize_output("float", "a: 1 (x2)\r\nfloat: 2 loops done\r\n"),
                         "a: 1 (x2)\nfloat: 2 loops done")
        self.assertEqual(programs.normalize_output("go", "x  \n\n"), "x")

    def test_pystones_per_second(self):
        self.assertEqual(programs.pystones_per_second(PYSTONE_OUT), 576369.0)
        self.assertEqual(programs.pystones_per_second("This machine benchmarks at 9.38e+06 pystones/second"), 9.38e6)
        self.assertIsNone(programs.pystones_per_second("Traceback ..."))


class CompareTest(unittest.TestCase):
    def test_equal(self):
        self.assertIsNone(programs.compare_outputs("a\nb", "a\nb"))

    def test_first_differing_line(self):
        self.assertEqual(programs.compare_outputs("a\nb\nc", "a\nB\nc"), "line 2: expected 'b', got 'B'")

    def test_missing_and_extra_lines(self):
        self.assertIn("ends after 1 lines", programs.compare_outputs("a\nb", "a"))
        self.assertIn("extra output after line 1", programs.compare_outputs("a", "a\nb"))

    def test_long_lines_are_clipped(self):
        diff = programs.compare_outputs("x" * 500, "y" * 500)
        self.assertLess(len(diff), 260)


class CheckOutputsTest(unittest.TestCase):
    def test_mismatch_is_marked_and_reference_kept(self):
        g = group({"cpython": "r: 30 (x1)", "kpy": "r: 31 (x1)", "pypy": "r: 30 (x1)"})
        ref = analysis.check_outputs(g, None)
        self.assertEqual(ref, "r: 30 (x1)")
        status = {r["engine"]: r["status"] for r in g}
        self.assertEqual(status, {"cpython": "ok", "kpy": "mismatch", "pypy": "ok"})
        self.assertIn("expected 'r: 30 (x1)', got 'r: 31 (x1)'", g[1]["detail"])

    def test_reference_from_an_earlier_round_is_used(self):
        g = group({"cpython": "x", "kpy": "x"}, {"cpython": "failed"})
        self.assertEqual(analysis.check_outputs(g, "x"), "x")
        self.assertEqual(g[1]["status"], "ok")

    def test_no_baseline_when_cpython_never_succeeded(self):
        g = group({"cpython": "", "kpy": "x"}, {"cpython": "failed"})
        self.assertIsNone(analysis.check_outputs(g, None))
        self.assertEqual(g[1]["status"], "no-baseline")

    def test_cpython_changing_its_output_is_reported(self):
        g = group({"cpython": "y"})
        analysis.check_outputs(g, "x")
        self.assertEqual(g[0]["status"], "mismatch")
        self.assertIn("CPython's output changed", g[0]["detail"])

    def test_failed_runs_are_left_alone(self):
        g = group({"cpython": "x", "kpy": "garbage"}, {"kpy": "failed"})
        analysis.check_outputs(g, None)
        self.assertEqual(g[1]["status"], "failed")


if __name__ == "__main__":
    unittest.main()
