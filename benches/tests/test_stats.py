"""Tests of kbench.stats: medians, ranges, paired ratios, geometric mean."""

import math
import unittest

import fakes  # noqa: F401  (puts benches/ on sys.path)
from kbench import stats


class StatsTest(unittest.TestCase):
    def test_median_odd_even_empty(self):
        self.assertEqual(stats.median([3, 1, 2]), 2)
        self.assertEqual(stats.median([4, 1, 2, 3]), 2.5)
        self.assertIsNone(stats.median([]))
        self.assertEqual(stats.median([None, 5, None]), 5)

    def test_min_max(self):
        self.assertEqual(stats.min_max([3, None, 1, 2]), (1, 3))
        self.assertEqual(stats.min_max([None]), (None, None))

    def test_paired_ratios_pairs_by_round_only(self):
        base = {1: 2.0, 2: 3.0, 3: 4.0, 4: 1.0}
        other = {1: 1.0, 2: None, 3: 8.0, 5: 1.0}
        self.assertEqual(stats.paired_ratios(base, other), {1: 2.0, 3: 0.5})

    def test_median_of_ratios_is_not_ratio_of_medians(self):
        base = {1: 1.0, 2: 10.0, 3: 10.0}
        other = {1: 1.0, 2: 1.0, 3: 20.0}
        ratios = list(stats.paired_ratios(base, other).values())
        self.assertEqual(stats.median(ratios), 1.0)
        self.assertNotEqual(stats.median(list(base.values())) / stats.median(list(other.values())), 1.0)

    def test_paired_ratios_ignore_zero_times(self):
        self.assertEqual(stats.paired_ratios({1: 0.0}, {1: 1.0}), {})

    def test_summarize(self):
        self.assertEqual(stats.summarize([2.0, None, 1.0, 3.0]), {"median": 2.0, "min": 1.0, "max": 3.0, "n": 3})
        self.assertEqual(stats.summarize([]), {"median": None, "min": None, "max": None, "n": 0})

    def test_geomean(self):
        self.assertAlmostEqual(stats.geomean([1.0, 4.0]), 2.0)
        self.assertAlmostEqual(stats.geomean([0.5, 2.0, 1.0]), 1.0)
        self.assertAlmostEqual(stats.geomean([10.0]), 10.0)
        self.assertIsNone(stats.geomean([]))
        self.assertAlmostEqual(stats.geomean([2.0, None, 8.0]), 4.0)
        self.assertTrue(math.isclose(stats.geomean([3.0] * 11), 3.0))


if __name__ == "__main__":
    unittest.main()
