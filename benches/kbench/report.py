"""The Markdown report (table of speed relative to CPython, problems, skipped engines, warm-up)
and the JSON results file.

Everything here works from the results dict that benches/harness.py builds
(the same dict that is saved as benches/out/results.json), so it can be
tested with fake results.
"""

import json
from pathlib import Path

from .analysis import BASELINE

STATUS_WORDS = {"mismatch": "wrong output", "failed": "failed", "timeout": "timeout",
                "no-baseline": "unchecked", "not-run": "–", "skipped": "–"}


def fmt_ratio(x):
    """A speed ratio with sensible precision: 16.4, 2.10, 0.56, 0.091."""
    if x is None:
        return "–"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 0.1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def fmt_seconds(x):
    if x is None:
        return "–"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def fmt_rate(x):
    return "–" if x is None else f"{x:,.0f}"


def fmt_range(summary, fmt):
    """'median (min–max)', or just the median when there is one value."""
    if summary["median"] is None:
        return "–"
    if summary["n"] <= 1 or summary["min"] == summary["max"]:
        return fmt(summary["median"])
    return f"{fmt(summary['median'])} ({fmt(summary['min'])}–{fmt(summary['max'])})"


def engine_columns(results):
    """The engines that were run (available and selected), in their fixed order."""
    return [e for e in results["engines"] if e["available"] and e.get("selected", True)]


def ratio_cell(cell, engine_id):
    if cell["status"] != "ok":
        return STATUS_WORDS.get(cell["status"], cell["status"])
    if engine_id == BASELINE:
        return "1.00"
    return fmt_range(cell["ratio"], fmt_ratio)


def speed_table(results):
    """Markdown table: rows are benchmarks (pystone, its rate, kernels, geomean), columns engines."""
    cols = engine_columns(results)
    summary = results["summary"]
    lines = ["| benchmark | " + " | ".join(e["label"] for e in cols) + " |",
             "| --- |" + " --- |" * len(cols)]
    for bench in results["benchmark_order"]:
        cells = [ratio_cell(summary[bench][e["id"]], e["id"]) for e in cols]
        lines.append(f"| {bench} | " + " | ".join(cells) + " |")
        if bench == "pystone":
            rates = [fmt_rate(summary[bench][e["id"]].get("pystones_per_second", {}).get("median"))
                     if summary[bench][e["id"]]["status"] == "ok" else "–" for e in cols]
            lines.append("| pystones/s | " + " | ".join(rates) + " |")
    measured = max((g["of"] for g in results["geomean"].values()), default=0)
    if measured:
        lines.append(f"| **geomean of {measured} kernel{'s' if measured != 1 else ''}** | "
                     + " | ".join(geomean_cell(results["geomean"][e["id"]]) for e in cols) + " |")
    return "\n".join(lines)


def geomean_cell(g):
    if g["value"] is None:
        return "–"
    text = f"**{fmt_ratio(g['value'])}**"
    return text if g["count"] == g["of"] else f"{text} ({g['count']}/{g['of']})"


def time_table(results):
    """Markdown table of the median time per process in seconds (the time that is compared)."""
    cols = engine_columns(results)
    summary = results["summary"]
    lines = ["| benchmark | " + " | ".join(e["label"] for e in cols) + " |",
             "| --- |" + " --- |" * len(cols)]
    for bench in results["benchmark_order"]:
        cells = [fmt_range(summary[bench][e["id"]]["seconds"], fmt_seconds)
                 if summary[bench][e["id"]]["status"] == "ok" else STATUS_WORDS.get(summary[bench][e["id"]]["status"], "–")
                 for e in cols]
        lines.append(f"| {bench} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def problems(results):
    """Bullet lines: every engine/benchmark whose result does not count, with the reason."""
    labels = {e["id"]: e["label"] for e in results["engines"]}
    out = []
    for bench in results["benchmark_order"]:
        for eid, cell in results["summary"][bench].items():
            if cell["status"] not in ("ok", "not-run"):
                out.append(f"- {labels[eid]} on {bench}: {STATUS_WORDS.get(cell['status'], cell['status'])} — {cell['detail']}")
    for eid, w in results.get("warmup", {}).get("summary", {}).items():
        if w["status"] not in ("ok", "not-run"):
            out.append(f"- {labels[eid]} on the pystone warm-up: {STATUS_WORDS.get(w['status'], w['status'])} — {w['detail']}")
    return out


def skipped(results):
    return [f"- {e['label']}: {e['skip_reason']} — {e['hint']}" for e in results["engines"]
            if not e["available"] and e.get("selected", True)]


def load_times(results):
    """Bullet lines for engines that report a load time (excluded from their times)."""
    out = []
    for e in engine_columns(results):
        loads = [results["summary"][b][e["id"]]["load"]["median"] for b in results["benchmark_order"]]
        loads = [x for x in loads if x is not None]
        if loads:
            loads.sort()
            out.append(f"- {e['label']}: {loads[len(loads) // 2]:.2f} s to load (median over benchmarks), not counted above")
    return out


def warmup_table(results):
    """Markdown table of the warm-up measurement, or '' when there was none."""
    w = results.get("warmup")
    if not w or not w.get("summary"):
        return ""
    labels = {e["id"]: e["label"] for e in results["engines"]}
    lines = ["| engine | pystone imported at | steady pystones/s | ahead of CPython for good from | first ahead at |",
             "| --- | --- | --- | --- | --- |"]
    for eid, s in w["summary"].items():
        if s["status"] != "ok":
            lines.append(f"| {labels[eid]} | {STATUS_WORDS.get(s['status'], s['status'])} | | | |")
            continue
        if eid == BASELINE:
            ahead = first = "(baseline)"
        else:
            ahead = _secs(s["ahead_for_good"], w["seconds"])
            first = _secs(s["first_ahead"], w["seconds"])
            if s["never_ahead_rounds"] and s["ahead_for_good"] is not None:
                ahead += f" (never in {s['never_ahead_rounds']}/{s['rounds']} rounds)"
        lines.append(f"| {labels[eid]} | {_secs(s['import_seconds'], None)} | "
                     f"{fmt_rate(s['steady_pystones_per_second'])} | {ahead} | {first} |")
    return "\n".join(lines)


def _secs(x, horizon):
    if x is None:
        return f"not within {horizon:g} s" if horizon else "–"
    return f"{x:.3f} s"


def markdown(results, chart_paths=()):
    """The whole Markdown section for one harness run."""
    mode = "quick smoke run (tiny counts, not a measurement)" if results["quick"] else "full run"
    parts = [
        f"### Kiln vs CPython, PyPy and Pyodide — {results['date']}, commit {results['commit']}, {mode}",
        "",
        f"Machine: {results['machine']}",
        "",
        f"Command: `{results['command']}`. {results['rounds']} round(s), engines interleaved in rotating order, "
        "one fresh process per run. Ratio = CPython's time / the engine's, paired per round; "
        "median (min–max) over rounds; higher is faster. A time counts only when the output equals CPython's.",
        "",
        speed_table(results),
        "",
        "Median time per process, seconds:",
        "",
        time_table(results),
    ]
    for title, items in (("Load time", load_times(results)), ("Problems (no time counted)", problems(results)),
                         ("Engines not run", skipped(results))):
        if items:
            parts += ["", f"{title}:", ""] + items
    wt = warmup_table(results)
    if wt:
        w = results["warmup"]
        parts += ["", f"Pystone warm-up ({w['seconds']:g} s per process, chunks of {w['chunk']} passes, "
                      f"{w['rounds']} round(s); times from process start; \"ahead\" = more passes completed "
                      "than CPython by then):", "", wt]
    versions = [f"- {e['label']}: {e['version'] or 'version unknown'}" for e in engine_columns(results)]
    parts += ["", "Versions:", ""] + versions
    if chart_paths:
        parts += ["", "Charts: " + ", ".join(f"`{p}`" for p in chart_paths)]
    return "\n".join(parts) + "\n"


def write_json(results, path):
    """Save the results dict (raw times, summaries, versions) as indented JSON."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1, sort_keys=False, default=_jsonable) + "\n")
    return path


def _jsonable(value):
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"cannot save {type(value).__name__} as JSON")
