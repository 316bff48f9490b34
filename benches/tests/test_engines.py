"""Tests of engine detection: missing engines are reported as skipped, with how to install them."""

import contextlib
import io
import sys
import unittest
from pathlib import Path

import fakes  # noqa: F401
import harness
from kbench import engines

NOWHERE = Path("/nonexistent/kiln")


def detect(**kw):
    opts = dict(cpython=sys.executable, pypy="no-such-pypy-xyz", node="no-such-node-xyz",
                kpy=NOWHERE / "kpy", kpy_nojit=NOWHERE / "nojit-kpy", wasm_kpy=NOWHERE / "kpy.mjs",
                pyodide_dir=NOWHERE / "pyodide")
    opts.update(kw)
    return {e.id: e for e in engines.candidates(**opts)}


class DetectTest(unittest.TestCase):
    def test_every_known_engine_is_listed(self):
        self.assertEqual(list(detect()), list(engines.ENGINE_IDS))

    def test_missing_engines_are_skipped_with_hints(self):
        found = detect()
        self.assertTrue(found["cpython"].available)
        for eid in engines.ENGINE_IDS[1:]:
            e = found[eid]
            self.assertFalse(e.available, eid)
            self.assertTrue(e.skip_reason, eid)
            self.assertTrue(e.hint, eid)
        self.assertIn("apt-get install pypy3", found["pypy"].hint)
        self.assertIn("--no-default-features", found["kpy-nojit"].hint)
        self.assertIn("fetch.py --pyodide", found["pyodide"].hint)
        self.assertIn("node", found["kiln-wasm"].skip_reason)

    def test_present_binary_is_available(self):
        found = detect(kpy=Path(sys.executable))
        self.assertTrue(found["kpy"].available)
        self.assertEqual(found["kpy-jit-off"].argv[-1], "--jit=off")
        self.assertTrue(found["kpy"].jit)

    def test_wasm_needs_the_built_module(self):
        found = detect(node=sys.executable)  # any executable stands in for node
        self.assertFalse(found["kiln-wasm"].available)
        self.assertIn("kpy.mjs", found["kiln-wasm"].skip_reason)

    def test_select_keeps_cpython(self):
        found = list(detect().values())
        chosen = [e.id for e in engines.select(found, ["pypy"])]
        self.assertEqual(chosen, ["cpython", "pypy"])
        with self.assertRaises(ValueError):
            engines.select(found, ["nonsense"])

    def test_skipped_engines_appear_in_the_report(self):
        from kbench import report
        md = report.markdown(fakes.make_results())
        self.assertIn("Engines not run:", md)
        self.assertIn("- Pyodide (Node): the pyodide npm package is not in benches/cache — install Node.js", md)


class OrderTest(unittest.TestCase):
    def test_rotation_changes_who_goes_first(self):
        items = ["a", "b", "c"]
        self.assertEqual(harness.rotated(items, 0), ["a", "b", "c"])
        self.assertEqual(harness.rotated(items, 1), ["b", "c", "a"])
        self.assertEqual(harness.rotated(items, 4), ["b", "c", "a"])

    def test_quick_defaults(self):
        a = harness.parse_args(["--quick"])
        self.assertEqual((a.rounds, a.warmup_rounds), (1, 1))
        full = harness.parse_args([])
        self.assertEqual(full.rounds, 5)
        self.assertEqual(full.warmup_rounds, 3)
        with self.assertRaises(SystemExit), contextlib.redirect_stderr(io.StringIO()):
            harness.parse_args(["--quick", "--record"])


if __name__ == "__main__":
    unittest.main()
