"""Tests of fetching and staging without the network: a fake wheel, fake caches, missing tools."""

import tempfile
import unittest
import zipfile
from pathlib import Path

import fakes  # noqa: F401
import fetch


class FetchTest(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.addCleanup(lambda: __import__("shutil").rmtree(self.tmp))

    def test_extract_kernels_from_a_wheel(self):
        wheel = self.tmp / "pyperformance-1.14.0-py3-none-any.whl"
        with zipfile.ZipFile(wheel, "w") as zf:
            for name in fetch.KERNELS:
                zf.writestr(f"pyperformance/data-files/benchmarks/bm_{name}/run_benchmark.py", f"# {name}\n")
        dests = {name: fetch.kernel_path(name, self.tmp) for name in fetch.KERNELS}
        fetch.extract_kernels(wheel, dests)
        self.assertEqual(fetch.kernel_path("go", self.tmp).read_text(), "# go\n")

    def test_wheel_without_a_kernel_is_a_clear_error(self):
        wheel = self.tmp / "w.whl"
        with zipfile.ZipFile(wheel, "w") as zf:
            zf.writestr("nothing", "")
        with self.assertRaises(fetch.FetchError) as ctx:
            fetch.extract_kernels(wheel, {"go": self.tmp / "go.py"})
        self.assertIn("pip download --no-deps", str(ctx.exception))

    def test_cached_files_are_not_fetched_again(self):
        p = fetch.pystone_path(self.tmp)
        p.parent.mkdir(parents=True)
        p.write_text("LOOPS = 50000\n")
        self.assertEqual(fetch.fetch_pystone(self.tmp), p)   # no apt-get needed

    def test_missing_tool_says_how_to_get_pystone(self):
        with self.assertRaises(fetch.FetchError) as ctx:
            fetch.run_tool(["/nonexistent/apt-get", "download", "pypy3-lib"], self.tmp, "download pypy3-lib",
                           fetch.PYSTONE_HOWTO)
        self.assertIn("dpkg-deb -x", str(ctx.exception))

    def test_stage_puts_our_files_beside_the_unmodified_programs(self):
        cache, stage = self.tmp / "cache", self.tmp / "stage"
        fetch.pystone_path(cache).parent.mkdir(parents=True)
        fetch.pystone_path(cache).write_text("# pystone\n")
        k = fetch.kernel_path("nbody", cache)
        k.parent.mkdir(parents=True)
        k.write_text("# nbody, untouched\n")
        staged = fetch.stage_all(cache, stage)
        self.assertEqual(sorted(staged), ["nbody", "pystone"])
        self.assertEqual((stage / "nbody" / "run_benchmark.py").read_text(), "# nbody, untouched\n")
        self.assertEqual((stage / "nbody" / "pyperf.py").read_bytes(), fetch.STANDIN.read_bytes())
        for f in ("pystone.py", "run_pystone.py", "pystone_warmup.py"):
            self.assertTrue((stage / "pystone" / f).exists(), f)


if __name__ == "__main__":
    unittest.main()
