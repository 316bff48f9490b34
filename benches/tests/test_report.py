"""Tests of the results from fake runs: summaries, geomean, Markdown table, JSON file, SVG charts."""

import json
import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

import fakes
import harness
from kbench import analysis, report, svg

SVG = "{http://www.w3.org/2000/svg}"


class SummaryTest(unittest.TestCase):
    def setUp(self):
        self.results = fakes.make_results()

    def test_ratios_per_round(self):
        cell = self.results["summary"]["pystone"]["kpy"]
        self.assertEqual(cell["status"], "ok")
        self.assertEqual(list(cell["ratios"].values()), [2.0, 2.0])
        self.assertEqual(cell["pystones_per_second"]["median"], 1000000)

    def test_failure_keeps_its_reason(self):
        cell = self.results["summary"]["nbody"]["kpy"]
        self.assertEqual(cell["status"], "failed")
        self.assertIn("Rust panic", cell["detail"])
        self.assertIsNone(cell["ratio"]["median"])

    def test_geomean_counts_only_valid_kernels(self):
        g = self.results["geomean"]
        self.assertAlmostEqual(g["pypy"]["value"], 10.0)
        self.assertEqual((g["pypy"]["count"], g["pypy"]["of"]), (1, 1))
        self.assertIsNone(g["kpy"]["value"])
        self.assertEqual(g["kpy"]["count"], 0)

    def test_geomean_of_several_kernels(self):
        summary = {k: {"e": {"status": "ok", "ratio": {"median": r}}} for k, r in (("richards", 2.0), ("nbody", 8.0))}
        g = analysis.geomeans(summary, ["e"])
        self.assertAlmostEqual(g["e"]["value"], 4.0)
        self.assertEqual((g["e"]["count"], g["e"]["of"]), (2, 2))


class MarkdownTest(unittest.TestCase):
    def setUp(self):
        self.md = report.markdown(fakes.make_results(), ["benches/out/speed.svg"])

    def test_table_header_and_rows(self):
        self.assertIn("| benchmark | CPython 3.11.7 | kpy JIT | PyPy JIT |", self.md)
        self.assertIn("| pystone | 1.00 | 2.00 | 4.00 |", self.md)
        self.assertIn("| pystones/s | 500,000 | 1,000,000 | 2,000,000 |", self.md)
        self.assertIn("| nbody | 1.00 | failed | 10.0 |", self.md)
        self.assertIn("| **geomean of 1 kernel** | **1.00** | – | **10.0** |", self.md)

    def test_metadata_problems_and_warmup(self):
        self.assertIn("commit abc1234", self.md)
        self.assertIn("Machine: Linux x86_64, test, 2 cores", self.md)
        self.assertIn("- kpy JIT on nbody: failed — Rust panic", self.md)
        self.assertIn("| PyPy JIT | 0.290 s | 500,000 | 0.364 s |", self.md)

    def test_ranges_and_formats(self):
        self.assertEqual(report.fmt_range({"median": 2.0, "min": 1.5, "max": 2.5, "n": 3}, report.fmt_ratio),
                         "2.00 (1.50–2.50)")
        self.assertEqual(report.fmt_ratio(16.43), "16.4")
        self.assertEqual(report.fmt_ratio(0.0912), "0.091")
        self.assertEqual(report.geomean_cell({"value": 2.0, "count": 9, "of": 11}), "**2.00** (9/11)")

    def test_quick_is_labelled_as_not_a_measurement(self):
        self.assertIn("not a measurement", report.markdown(fakes.make_results(quick=True)))


class FilesTest(unittest.TestCase):
    def test_json_round_trip(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = report.write_json(fakes.make_results(), Path(tmp) / "r.json")
            data = json.loads(path.read_text())
        self.assertEqual(data["schema"], 1)
        self.assertEqual(len(data["runs"]), 12)
        self.assertEqual({r["status"] for r in data["runs"]}, {"ok", "failed", "skipped"})
        self.assertIn("ratios", data["summary"]["pystone"]["pypy"])

    def test_write_outputs_makes_every_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            md = harness.write_outputs(fakes.make_results(), tmp, record=False)
            names = sorted(p.name for p in Path(tmp).iterdir())
        self.assertEqual(names, ["results.json", "results.md", "speed.svg", "warmup.svg"])
        self.assertIn("| pystone |", md)


class SvgTest(unittest.TestCase):
    def parse(self, text):
        return ET.fromstring(text)

    def test_speed_chart_is_valid_svg_with_bars_legend_and_labels(self):
        root = self.parse(svg.speed_chart(fakes.make_results()))
        texts = [t.text for t in root.iter(SVG + "text") if t.text]
        titles = [t.text for t in root.iter(SVG + "title")]
        self.assertIn("kpy JIT", texts)
        self.assertIn("PyPy JIT", texts)
        self.assertIn("pystone", texts)
        self.assertIn("geomean (kernels)", texts)
        self.assertIn("CPython 3.11 = 1 (the black line)", texts)
        self.assertIn("PyPy JIT on nbody: 10× CPython", titles)
        self.assertIn("kpy JIT on nbody: failed", titles)

    def test_speed_bars_are_log_scaled_from_one(self):
        root = self.parse(svg.speed_chart(fakes.make_results()))
        heights = {r.find(SVG + "title").text: float(r.get("height")) for r in root.iter(SVG + "rect")
                   if r.find(SVG + "title") is not None}
        h2 = heights["kpy JIT on pystone: 2× CPython"]
        h4 = heights["PyPy JIT on pystone: 4× CPython"]
        self.assertAlmostEqual(h4 / h2, 2.0, places=2)

    def test_log_ticks(self):
        self.assertEqual(svg.log_ticks(0.2, 20), [0.2, 0.5, 1, 2, 5, 10, 20])
        self.assertEqual(svg.log_bounds([0.3, 16.4]), (0.2, 20))
        self.assertEqual(svg.fmt_tick(2e6), "2M")

    def test_warmup_chart(self):
        root = self.parse(svg.warmup_chart(fakes.make_results()))
        texts = [t.text for t in root.iter(SVG + "text") if t.text]
        self.assertEqual(len(list(root.iter(SVG + "polyline"))), 4)  # 2 engines x 2 panels
        self.assertTrue(any(t.startswith("PyPy JIT ahead of CPython from 0.36") for t in texts), texts)

    def test_warmup_chart_without_data(self):
        results = fakes.make_results(with_warmup=False)
        self.assertIn("no warm-up data", svg.warmup_chart(results))


if __name__ == "__main__":
    unittest.main()
