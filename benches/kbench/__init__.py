"""kbench: the library behind benches/harness.py (engines, programs, runs, statistics, reports, charts)."""
