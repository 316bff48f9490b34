"""Tests of the chunked pystone warm-up: parsing, throughput windows, crossover with CPython."""

import unittest

import fakes  # noqa: F401
from kbench import warmup


class ParseTest(unittest.TestCase):
    def test_parse_relative_to_process_start(self):
        out = "noise\nwarmup-start 1000.050000 0\nwarmup 1000.100000 2000\nwarmup 1000.150000 4000\nwarmup bad 1\n"
        start, points = warmup.parse(out, 1000.0)
        self.assertAlmostEqual(start, 0.05)
        self.assertEqual([p for _, p in points], [2000, 4000])
        self.assertAlmostEqual(points[1][0], 0.15)

    def test_parse_nothing(self):
        self.assertEqual(warmup.parse("Traceback\n", 0.0), (None, []))


class SeriesTest(unittest.TestCase):
    def test_passes_at_is_a_step_function(self):
        pts = [(1.0, 10), (2.0, 20)]
        self.assertEqual([warmup.passes_at(pts, t) for t in (0.5, 1.0, 1.5, 2.0, 9.0)], [0, 10, 10, 20, 20])

    def test_throughput_windows(self):
        pts = [(0.1 + 0.01 * i, 100 * i) for i in range(1, 11)]   # 100 passes per 10 ms
        series = warmup.throughput(pts, start=0.1, min_window=0.02)
        self.assertEqual(len(series), 5)
        for _, rate in series:
            self.assertAlmostEqual(rate, 10000.0)

    def test_steady_rate_uses_the_second_half(self):
        slow = [(0.01 * i, 10 * i) for i in range(1, 51)]
        fast = [(0.5 + 0.01 * i, 500 + 100 * i) for i in range(1, 51)]
        self.assertAlmostEqual(warmup.steady_rate(slow + fast, start=0.0), 10000.0)


class CrossoverTest(unittest.TestCase):
    def test_late_starter_overtakes(self):
        base = [(0.05 + 0.01 * i, 1000 * i) for i in range(1, 101)]     # 100k/s from 0.05 s
        fast = [(0.30 + 0.002 * i, 1000 * i) for i in range(1, 301)]    # 500k/s from 0.30 s
        c = warmup.crossover(fast, base)
        # base has 25k passes at 0.30 s; fast passes it when 1000*i > 100k*(t-0.05): about t = 0.3625
        self.assertAlmostEqual(c["ahead_for_good"], c["first_ahead"])
        self.assertTrue(0.355 < c["ahead_for_good"] < 0.37, c)

    def test_early_lead_then_lost_then_regained(self):
        base = [(0.1 * i, 100 * i) for i in range(1, 21)]
        eng = [(0.05, 150), (0.5, 200), (1.5, 3000), (2.0, 4000)]
        c = warmup.crossover(eng, base)
        self.assertEqual(c["first_ahead"], 0.05)
        self.assertEqual(c["ahead_for_good"], 1.5)

    def test_never_ahead(self):
        base = [(0.1 * i, 100 * i) for i in range(1, 11)]
        slow = [(0.1 * i, 10 * i) for i in range(1, 11)]
        c = warmup.crossover(slow, base)
        self.assertIsNone(c["first_ahead"])
        self.assertIsNone(c["ahead_for_good"])

    def test_empty(self):
        self.assertIsNone(warmup.crossover([], [(1.0, 1)])["ahead_for_good"])

    def test_summary_pairs_with_cpython_of_the_same_round(self):
        from kbench import analysis
        s = analysis.warmup_summary(fakes.fake_warmup_runs(), ["cpython", "kpy", "pypy"])
        self.assertEqual(s["kpy"]["status"], "failed")
        self.assertTrue(0.355 < s["pypy"]["ahead_for_good"] < 0.37)
        self.assertAlmostEqual(s["pypy"]["steady_pystones_per_second"], 500000.0, delta=1)
        self.assertAlmostEqual(s["cpython"]["steady_pystones_per_second"], 100000.0, delta=1)


if __name__ == "__main__":
    unittest.main()
