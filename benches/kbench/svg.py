"""Hand-written SVG charts: speed relative to CPython (log scale bars) and pystone warm-up curves.

No plotting library: small helpers emit SVG elements as strings. Both charts
work from the results dict saved as results.json, so they can be tested on
fake results.
"""

import math
from html import escape

from . import analysis, warmup
from .analysis import BASELINE

# Okabe-Ito and friends: distinguishable, also for colour-blind readers.
PALETTE = {
    "cpython": "#555555", "kpy": "#d55e00", "kpy-jit-off": "#e69f00", "kpy-nojit": "#f0c75e",
    "kiln-wasm": "#0072b2", "kiln-wasm-jit-off": "#56b4e9", "pypy": "#009e73",
    "pypy-jit-off": "#8fd3b8", "pyodide": "#cc79a7",
}
FONT = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\""


def color(engine_id):
    return PALETTE.get(engine_id, "#999999")


def text(x, y, s, size=12, anchor="start", weight="normal", fill="#222", rotate=None, title=None, halo=False):
    rot = f' transform="rotate({rotate} {x:.1f} {y:.1f})"' if rotate is not None else ""
    if halo:
        rot += ' stroke="white" stroke-width="3" paint-order="stroke"'

    tip = f"<title>{escape(title)}</title>" if title else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}"{rot}>{tip}{escape(str(s))}</text>')


def line(x1, y1, x2, y2, stroke="#ccc", width=1, dash=None):
    d = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" stroke-width="{width}"{d}/>'


def rect(x, y, w, h, fill, title=None):
    t = f"<title>{escape(title)}</title>" if title else ""
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}">{t}</rect>'


def document(width, height, body):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" {FONT}>\n'
            f'<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(body) + "\n</svg>\n")


def log_ticks(lo, hi):
    """1-2-5 ticks covering [lo, hi] (positive), e.g. 0.2 0.5 1 2 5 10."""
    ticks = []
    for exp in range(math.floor(math.log10(lo)) - 1, math.ceil(math.log10(hi)) + 1):
        for m in (1, 2, 5):
            v = m * 10 ** exp
            if lo * 0.999 <= v <= hi * 1.001:
                ticks.append(v)
    return ticks


def log_bounds(values, at_least=(0.5, 2.0)):
    """Axis bounds snapped to 1-2-5 steps around the values (and around at_least)."""
    vals = [v for v in values if v and v > 0]
    lo = min(vals + [at_least[0]]) / 1.15
    hi = max(vals + [at_least[1]]) * 1.15
    return _snap_down(lo), _snap_up(hi)


def _snap_down(x):
    e = math.floor(math.log10(x))
    for m in (5, 2, 1):
        if m * 10 ** e <= x:
            return m * 10 ** e
    return 10 ** e


def _snap_up(x):
    e = math.floor(math.log10(x))
    for m in (1, 2, 5, 10):
        if m * 10 ** e >= x:
            return m * 10 ** e
    return 10 ** (e + 1)


def fmt_tick(v):
    """Axis label for a ratio or a count: 0.05, 0.5, 1, 20, 100k, 2M."""
    if v >= 1e6:
        return f"{v / 1e6:g}M"
    if v >= 1e4:
        return f"{v / 1e3:g}k"
    return f"{v:g}"


def legend(entries, x, y, width):
    """Coloured squares with labels, wrapped into rows; returns (elements, height used)."""
    out, cx, cy = [], x, y
    for label, fill in entries:
        w = 22 + 7 * len(label)
        if cx + w > x + width and cx > x:
            cx, cy = x, cy + 20
        out.append(rect(cx, cy - 10, 12, 12, fill))
        out.append(text(cx + 17, cy, label, size=12))
        cx += w + 14
    return out, cy - y + 20


def speed_chart(results):
    """Grouped bars per benchmark (and the kernels' geomean), log scale, bars from CPython = 1."""
    engines = [e for e in results["engines"] if e["available"] and e.get("selected", True) and e["id"] != BASELINE]
    groups = list(results["benchmark_order"]) + (["geomean"] if results.get("geomean") else [])
    values = {g: {e["id"]: _bar_value(results, g, e["id"]) for e in engines} for g in groups}
    all_vals = [v for g in values.values() for v, _ in g.values()]
    lo, hi = log_bounds(all_vals)
    bar_w = 12
    group_w = max(len(engines) * bar_w + 18, 124)
    left, right = 64, 24
    width = max(left + right + group_w * len(groups), 800)
    group_w = (width - left - right) / max(len(groups), 1)
    entries = [("CPython 3.11 = 1 (the black line)", "#333")] + [(e["label"], color(e["id"])) for e in engines]
    body, legend_h = legend(entries, left, 84, width - left - right)
    top = 84 + legend_h + 8
    plot_h = 380
    bottom = top + plot_h

    def y_of(v):
        return bottom - (math.log(v) - math.log(lo)) / (math.log(hi) - math.log(lo)) * plot_h

    body.insert(0, text(left, 24, "Speed relative to CPython 3.11 (higher is faster; log scale)", size=16, weight="bold"))
    body.insert(1, text(left, 44, "CPython's time / the engine's time, paired per round, median over rounds. "
                        "× = no valid result (see the report).", size=11, fill="#555"))
    body.insert(2, text(left, 60, _subtitle(results), size=11, fill="#555"))
    for t in log_ticks(lo, hi):
        body.append(line(left, y_of(t), width - right, y_of(t), stroke="#e4e4e4"))
        body.append(text(left - 6, y_of(t) + 4, fmt_tick(t) + "×", size=11, anchor="end", fill="#444"))
    body.append(line(left, y_of(1), width - right, y_of(1), stroke="#333", width=1.5))
    for gi, g in enumerate(groups):
        gx = left + gi * group_w + (group_w - len(engines) * bar_w) / 2
        for ei, e in enumerate(engines):
            body += _bar(gx + ei * bar_w, bar_w - 2, values[g][e["id"]], e, g, y_of, lo, hi)
        label = "geomean (kernels)" if g == "geomean" else g
        body.append(text(left + (gi + 0.5) * group_w, bottom + 18, label, size=12, anchor="middle",
                         weight="bold" if g == "geomean" else "normal"))
    body.append(line(left, top, left, bottom, stroke="#999"))
    return document(width, bottom + 34, body)


def _subtitle(results):
    mode = "quick smoke run — not a measurement" if results["quick"] else f"{results['rounds']} rounds"
    return f"{results['date']}, commit {results['commit']}, {mode}"


def _bar_value(results, group, engine_id):
    """(ratio or None, status) for one bar."""
    if group == "geomean":
        g = results["geomean"].get(engine_id, {})
        return g.get("value"), ("ok" if g.get("value") else "not-run")
    cell = results["summary"][group][engine_id]
    return (cell["ratio"]["median"] if cell["status"] == "ok" else None), cell["status"]


def _bar(x, w, value_status, engine, group, y_of, lo, hi):
    value, status = value_status
    base = y_of(1)
    if value is None:
        if status == "not-run":
            return []
        return [text(x + w / 2, base - 3, "×", size=12, anchor="middle", fill="#b00",
                     title=f"{engine['label']} on {group}: {status}")]
    v = min(max(value, lo), hi)
    y = y_of(v)
    title = f"{engine['label']} on {group}: {value:.3g}× CPython"
    out = [rect(x, min(y, base), w, max(abs(base - y), 1), color(engine["id"]), title)]
    label_y = y - 3 if value >= 1 else y + 3
    anchor = "start" if value >= 1 else "end"
    out.append(text(x + w / 2 + 3.5, label_y, f"{value:.2g}", size=9, anchor=anchor, fill="#333", rotate=-90))
    return out


def warmup_chart(results):
    """Two panels against time since process start: throughput (log) and cumulative passes."""
    w = results.get("warmup") or {}
    runs = w.get("runs", [])
    engines = [e for e in results["engines"] if any(r["engine"] == e["id"] for r in runs)]
    picked = [(e, analysis.representative_run(runs, e["id"])) for e in engines]
    picked = [(e, r) for e, r in picked if r]
    width, left, right = 900, 80, 30
    body, legend_h = legend([(e["label"], color(e["id"])) for e, _ in picked], left, 70, width - left - right)
    body.insert(0, text(left, 24, "Pystone warm-up: throughput and work done against time since process start",
                        size=16, weight="bold"))
    body.insert(1, text(left, 44, _warmup_subtitle(results, w), size=11, fill="#555"))
    if not picked:
        body.append(text(left, 70 + legend_h + 20, "no warm-up data", size=13))
        return document(width, 70 + legend_h + 40, body)
    t_max = max(r["points"][-1][0] for _, r in picked) * 1.02
    top1 = 70 + legend_h + 24
    body += _throughput_panel(picked, left, top1, width - left - right, 240, t_max)
    top2 = top1 + 240 + 60
    body += _passes_panel(picked, w.get("summary", {}), left, top2, width - left - right, 240, t_max)
    return document(width, top2 + 240 + 44, body)


def _warmup_subtitle(results, w):
    mode = "quick smoke run — not a measurement" if results["quick"] else "median run of each engine"
    return f"{results['date']}, commit {results['commit']}, {mode}; chunks of {w.get('chunk', '?')} passes"


def _time_axis(left, top, width, height, t_max, with_label):
    out = [line(left, top + height, left + width, top + height, stroke="#999")]
    step = _nice_step(t_max / 8)
    t = 0.0
    while t <= t_max + 1e-9:
        x = left + t / t_max * width
        out.append(line(x, top, x, top + height, stroke="#eee"))
        out.append(text(x, top + height + 15, f"{t:g}", size=11, anchor="middle", fill="#444"))
        t = round(t + step, 10)
    if with_label:
        out.append(text(left + width / 2, top + height + 32, "seconds since the process started", size=12, anchor="middle"))
    return out


def _nice_step(x):
    e = math.floor(math.log10(x)) if x > 0 else 0
    for m in (1, 2, 5, 10):
        if m * 10 ** e >= x:
            return m * 10 ** e
    return 10 ** (e + 1)


def _throughput_panel(picked, left, top, width, height, t_max):
    series = {e["id"]: warmup.throughput(r["points"], r["import_seconds"]) for e, r in picked}
    vals = [v for s in series.values() for _, v in s]
    if not vals:
        return [text(left, top + 20, "runs too short for a throughput curve", size=12)]
    lo, hi = log_bounds(vals, at_least=(min(vals), max(vals)))

    def y_of(v):
        return top + height - (math.log(v) - math.log(lo)) / (math.log(hi) - math.log(lo)) * height

    out = [text(left - 60, top - 8, "pystones/s (log)", size=12, weight="bold")]
    for t in log_ticks(lo, hi):
        out.append(line(left, y_of(t), left + width, y_of(t), stroke="#eee"))
        out.append(text(left - 6, y_of(t) + 4, fmt_tick(t), size=11, anchor="end", fill="#444"))
    out += _time_axis(left, top, width, height, t_max, False)
    for e, _ in picked:
        pts = " ".join(f"{left + t / t_max * width:.1f},{y_of(min(max(v, lo), hi)):.1f}" for t, v in series[e["id"]])
        if pts:
            out.append(f'<polyline points="{pts}" fill="none" stroke="{color(e["id"])}" stroke-width="1.6">'
                       f'<title>{escape(e["label"])}</title></polyline>')
    return out


def _passes_panel(picked, summary, left, top, width, height, t_max):
    p_max = max(r["points"][-1][1] for _, r in picked) * 1.05

    def x_of(t):
        return left + t / t_max * width

    def y_of(p):
        return top + height - p / p_max * height

    out = [text(left - 60, top - 8, "pystone passes completed", size=12, weight="bold")]
    step = _nice_step(p_max / 6)
    p = 0
    while p <= p_max:
        out.append(line(left, y_of(p), left + width, y_of(p), stroke="#eee"))
        out.append(text(left - 6, y_of(p) + 4, fmt_tick(p), size=11, anchor="end", fill="#444"))
        p += step
    out += _time_axis(left, top, width, height, t_max, True)
    for e, r in picked:
        pts = [(r["import_seconds"] or 0.0, 0)] + r["points"]
        poly = " ".join(f"{x_of(t):.1f},{y_of(n):.1f}" for t, n in _thin(pts, 600))
        out.append(f'<polyline points="{poly}" fill="none" stroke="{color(e["id"])}" stroke-width="1.6">'
                   f'<title>{escape(e["label"])}</title></polyline>')
        t_ahead = summary.get(e["id"], {}).get("ahead_for_good")
        if e["id"] != BASELINE and t_ahead is not None and t_ahead <= t_max:
            y = y_of(warmup.passes_at(r["points"], t_ahead))
            out.append(f'<circle cx="{x_of(t_ahead):.1f}" cy="{y:.1f}" r="4" fill="none" stroke="{color(e["id"])}" stroke-width="2"/>')
            out.append(text(x_of(t_ahead) + 7, y - 8, f"{e['label']} ahead of CPython from {t_ahead:.2f} s",
                            size=11, fill=color(e["id"]), weight="bold", halo=True))
    return out


def _thin(points, limit):
    """At most about `limit` points, keeping the first and last, for a small SVG."""
    if len(points) <= limit:
        return points
    step = len(points) / limit
    kept = [points[int(i * step)] for i in range(limit)]
    return kept + [points[-1]]
