"""From raw runs to results: checking outputs against CPython, then per-benchmark summaries.

A run is a dict (as stored in results.json):
  {"round", "benchmark", "engine", "status", "seconds", "wall", "load", "inner",
   "pystones_per_second", "detail", "output" (normalized stdout, dropped before saving)}
Statuses: ok, mismatch, failed, timeout, skipped (not run after an earlier problem),
no-baseline (CPython failed, nothing to compare with).
"""

from . import programs, stats, warmup

BASELINE = "cpython"
PROBLEMS = ("mismatch", "failed", "timeout", "no-baseline")


def check_outputs(group, reference):
    """Mark the runs of one (round, benchmark) group whose output differs from the reference.

    group: the runs of every engine for that benchmark in that round (CPython's included).
    reference: CPython's normalized output for this benchmark, or None if CPython never succeeded.
    Returns the reference to use from now on (the first successful CPython output).
    """
    if reference is None:
        base = next((r for r in group if r["engine"] == BASELINE and r["status"] == "ok"), None)
        reference = base["output"] if base else None
    for run in group:
        if run["status"] != "ok":
            continue
        if reference is None:
            if run["engine"] != BASELINE:
                run["status"], run["detail"] = "no-baseline", "CPython failed on this benchmark: nothing to compare with"
            continue
        diff = programs.compare_outputs(reference, run["output"])
        if diff:
            who = "CPython's output changed between rounds" if run["engine"] == BASELINE else "output differs from CPython's"
            run["status"], run["detail"] = "mismatch", f"{who}: {diff}"
    return reference


def summarize_cell(runs, base_runs):
    """Summary of one engine on one benchmark, its runs paired with CPython's by round."""
    ok = {r["round"]: r["seconds"] for r in runs if r["status"] == "ok"}
    base_ok = {r["round"]: r["seconds"] for r in base_runs if r["status"] == "ok"}
    problem = next((r for r in runs if r["status"] in PROBLEMS), None)
    cell = {
        "status": problem["status"] if problem else ("ok" if ok else "not-run"),
        "detail": problem["detail"] if problem else "",
        "per_round": ok,
        "seconds": stats.summarize(list(ok.values())),
        "load": stats.summarize([r.get("load") for r in runs if r["status"] == "ok"]),
        "ratios": stats.paired_ratios(base_ok, ok),
    }
    cell["ratio"] = stats.summarize(list(cell["ratios"].values()))
    rates = [r.get("pystones_per_second") for r in runs if r["status"] == "ok"]
    if any(v is not None for v in rates):
        cell["pystones_per_second"] = stats.summarize(rates)
    return cell


def summarize(runs, engine_ids, benchmark_names):
    """{benchmark: {engine: cell}} for every benchmark and engine."""
    summary = {}
    for bench in benchmark_names:
        bench_runs = [r for r in runs if r["benchmark"] == bench]
        base_runs = [r for r in bench_runs if r["engine"] == BASELINE]
        summary[bench] = {e: summarize_cell([r for r in bench_runs if r["engine"] == e], base_runs)
                          for e in engine_ids}
    return summary


def geomeans(summary, engine_ids, kernels=programs.KERNELS):
    """{engine: {'value', 'count', 'of'}}: geometric mean of the kernels' median ratios.

    Only kernels where the engine's status is ok count; 'count' says how many
    did, out of 'of' kernels that were measured in this run.
    """
    measured = [k for k in kernels if k in summary]
    result = {}
    for e in engine_ids:
        ratios = [summary[k][e]["ratio"]["median"] for k in measured
                  if summary[k][e]["status"] == "ok" and summary[k][e]["ratio"]["median"] is not None]
        result[e] = {"value": stats.geomean(ratios), "count": len(ratios), "of": len(measured)}
    return result


def warmup_summary(wruns, engine_ids):
    """Per engine: import time, steady rate, and (JIT engines) when it gets ahead of CPython.

    wruns: warm-up runs {"round", "engine", "status", "import_seconds", "points"}.
    Crossovers are computed against CPython's run of the same round, then the
    median over rounds is taken (rounds where it never got ahead are counted apart).
    """
    base = {r["round"]: r for r in wruns if r["engine"] == BASELINE and r["status"] == "ok"}
    result = {}
    for e in engine_ids:
        mine = [r for r in wruns if r["engine"] == e and r["status"] == "ok"]
        if not mine:
            problem = next((r for r in wruns if r["engine"] == e), None)
            result[e] = {"status": problem["status"] if problem else "not-run",
                         "detail": problem.get("detail", "") if problem else ""}
            continue
        cross = [warmup.crossover(r["points"], base[r["round"]]["points"])
                 for r in mine if r["round"] in base and e != BASELINE]
        result[e] = {
            "status": "ok", "detail": "",
            "import_seconds": stats.median([r["import_seconds"] for r in mine]),
            "steady_pystones_per_second": stats.median(
                [warmup.steady_rate(r["points"], r["import_seconds"]) for r in mine]),
            "first_ahead": stats.median([c["first_ahead"] for c in cross]),
            "ahead_for_good": stats.median([c["ahead_for_good"] for c in cross]),
            "never_ahead_rounds": sum(1 for c in cross if c["ahead_for_good"] is None),
            "rounds": len(mine),
            "crossovers": cross,
        }
    return result


def representative_run(wruns, engine):
    """The warm-up run to draw for an engine: the ok run with the median final pass count."""
    mine = sorted((r for r in wruns if r["engine"] == engine and r["status"] == "ok" and r["points"]),
                  key=lambda r: r["points"][-1][1])
    return mine[(len(mine) - 1) // 2] if mine else None
