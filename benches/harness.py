#!/usr/bin/env python3
"""Compare Kiln's Python (kpy) with CPython, PyPy and Pyodide on pystone and 11 pyperformance kernels.

One command: fetches the benchmark programs (benches/fetch.py), runs every
benchmark on every available engine in fresh processes, several rounds with
the engines interleaved in rotating order, checks each output against
CPython's, and reports speed relative to CPython (CPython's time / the
engine's, paired per round; median and range). Then it runs pystone in small
chunks on the JIT engines and CPython to draw warm-up curves.

Writes benches/out/results.json (every raw time, summaries, versions),
benches/out/results.md (the tables), benches/out/speed.svg and
benches/out/warmup.svg; with --record also appends the tables to
benches/RESULTS.md and copies the charts to benches/charts/. Progress goes to stderr, the tables to stdout.
"""

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCHES = Path(__file__).resolve().parent
ROOT = BENCHES.parent
sys.path.insert(0, str(BENCHES))

import fetch  # noqa: E402
from kbench import analysis, engines as eng, programs, report, runner, svg, warmup  # noqa: E402
from kbench.progress import Progress  # noqa: E402
from machine import commit_id, describe_machine  # noqa: E402

WARMUP_ENGINES = ("cpython", "kpy", "pypy", "kiln-wasm")


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 epilog="Engines: " + ", ".join(eng.ENGINE_IDS) + ". Benchmarks: pystone, "
                                        + ", ".join(programs.KERNELS) + ".")
    ap.add_argument("--quick", action="store_true",
                    help="smoke run: tiny iteration counts, 1 round, a 0.5 s warm-up (a few minutes in all)")
    ap.add_argument("--rounds", type=int, help="rounds of every benchmark on every engine (default 5, or 1 with --quick)")
    ap.add_argument("--engines", nargs="+", metavar="ENGINE", choices=eng.ENGINE_IDS,
                    help="engines to run (default: all that are installed); CPython always runs, as the baseline")
    ap.add_argument("--benchmarks", nargs="+", metavar="NAME", choices=("pystone",) + programs.KERNELS, help="benchmarks to run (default: all 12)")
    ap.add_argument("--record", action="store_true",
                    help="append the tables, with date, commit and machine, to benches/RESULTS.md and copy the charts "
                         "to benches/charts/ (not with --quick)")
    ap.add_argument("--build", action="store_true",
                    help="build target/release/kpy and the JIT-less target/nojit/release/kpy with cargo first")
    ap.add_argument("--timeout", type=float, help="seconds before a run is killed (default 300, or 120 with --quick)")
    ap.add_argument("--warmup-seconds", type=float,
                    help="length of each pystone warm-up run (default 4, or 0.5 with --quick); 0 skips the warm-up")
    ap.add_argument("--warmup-chunk", type=int, help="pystone passes per warm-up chunk (default 2000, or 1000 with --quick)")
    ap.add_argument("--warmup-rounds", type=int, help="rounds of the warm-up runs (default: min(rounds, 3))")
    ap.add_argument("--cpython", default="python3", help="the CPython 3.11 to compare with (default: python3)")
    ap.add_argument("--pypy", default="pypy3", help="the PyPy command (default: pypy3)")
    ap.add_argument("--wasm-kpy", default=str(eng.WASM_KPY),
                    help="the Kiln-Wasm Node entry point, run as `node FILE [--jit=off] SCRIPT ARGS` "
                         "(default: targets/wasm/kpy.mjs)")
    ap.add_argument("--out", default=str(BENCHES / "out"), help="directory for results.json, results.md and the charts")
    args = ap.parse_args(argv)
    if (args.rounds is not None and args.rounds < 1) or (args.warmup_rounds is not None and args.warmup_rounds < 1):
        ap.error("--rounds and --warmup-rounds must be at least 1")
    if args.record and args.quick:
        ap.error("--record is for full runs: a --quick run is a smoke test, not a measurement")
    apply_defaults(args)
    return args


def apply_defaults(args):
    """Fill in the defaults that depend on --quick."""
    q = args.quick
    args.rounds = args.rounds or (1 if q else 5)
    args.timeout = args.timeout or (120.0 if q else 300.0)
    if args.warmup_seconds is None:
        args.warmup_seconds = 0.5 if q else 4.0
    args.warmup_chunk = args.warmup_chunk or (1000 if q else 2000)
    args.warmup_rounds = args.warmup_rounds or min(args.rounds, 3)


def prepare_programs(args, progress_note):
    """Fetch and stage the programs; returns the Programs to run (those that could be staged)."""
    try:
        fetch.ensure_all()
    except fetch.FetchError as e:
        progress_note(f"harness: some benchmark programs are missing and will be skipped:\n{e}")
    staged = fetch.stage_all()
    wanted = programs.programs(args.benchmarks, quick=args.quick)
    missing = [p.name for p in wanted if p.name not in staged]
    if missing:
        progress_note(f"harness: not available, skipped: {', '.join(missing)}")
    return [p for p in wanted if p.name in staged]


def build_kiln(note):
    """cargo-build kpy with and without the JIT; a failed build is reported and its engine skipped."""
    for cmd in (eng.BUILD_KPY, eng.BUILD_KPY_NOJIT):
        note(f"harness: building: {eng.cmd_text(cmd)}")
        done = subprocess.run(cmd, cwd=ROOT)
        if done.returncode != 0:
            note(f"harness: build failed (exit status {done.returncode}): {eng.cmd_text(cmd)}")


def choose_engines(args, note):
    """All known engines (with 'selected' set) and the available selected ones, in order."""
    found = eng.candidates(cpython=args.cpython, pypy=args.pypy, wasm_kpy=args.wasm_kpy)
    chosen = {e.id for e in eng.select(found, args.engines)}
    for e in found:
        e.selected = e.id in chosen
    running = [e for e in found if e.selected and e.available]
    eng.add_versions(running)
    if not any(e.id == "cpython" for e in running):
        raise SystemExit(f"harness: CPython is needed as the baseline: `{args.cpython}` does not run")
    cp = next(e for e in running if e.id == "cpython")
    if "3.11" not in cp.version:
        note(f"harness: warning: the baseline is {cp.version}, not CPython 3.11 (pass --cpython PATH)")
    cp.label = cp.version.replace("Python", "CPython") if cp.version else "CPython"
    for e in found:
        if e.selected and not e.available:
            note(f"harness: skipping {e.label}: {e.skip_reason} — {e.hint}")
    for e in eng.stale_binaries(running):
        note(f"harness: warning: {e.argv[0]} is older than the Rust sources; rebuild it (or pass --build)")
    note("harness: engines: " + ", ".join(e.label for e in running))
    return found, running


def rotated(items, k):
    """items rotated left by k: round r runs the engines starting with the r-th."""
    k %= len(items)
    return items[k:] + items[:k]


def run_record(run, rnd, program, engine):
    """The dict stored for one run (the normalized output is kept until outputs are checked)."""
    rec = {"round": rnd, "benchmark": program.name, "engine": engine.id, "status": run.status,
           "seconds": run.seconds if run.status == "ok" else None, "wall": run.wall, "load": run.load,
           "inner": run.inner, "returncode": run.returncode, "detail": short_paths(run.detail),
           "output": programs.normalize_output(program.name, run.stdout)}
    if program.is_pystone:
        rec["pystones_per_second"] = programs.pystones_per_second(run.stdout)
    return rec


def short_paths(text):
    """Error text with the checkout's path left out (benches/cache/stage/... is clear enough)."""
    return text.replace(str(ROOT) + os.sep, "")


def outcome_text(rec):
    if rec["status"] != "ok":
        return f"{rec['status'].upper()}: {rec['detail']}"
    text = f"{rec['seconds']:.3f} s"
    if rec.get("load"):
        text += f" (+{rec['load']:.2f} s load)"
    if rec.get("pystones_per_second"):
        text += f", {rec['pystones_per_second']:,.0f} pystones/s"
    return text


def measure(progs, running, args, progress, stage_root=fetch.STAGE):
    """All rounds of all programs on all engines; returns the run records (outputs checked)."""
    runs, references, given_up = [], {}, {}
    for rnd in range(1, args.rounds + 1):
        for prog in progs:
            group = []
            for e in rotated(running, rnd - 1):
                what = f"round {rnd}/{args.rounds} · {prog.name} · {e.label}"
                if (prog.name, e.id) in given_up:
                    group.append(skipped_record(rnd, prog, e, given_up[(prog.name, e.id)]))
                    progress.skip()
                    continue
                progress.start(what)
                stage = fetch.stage_dir(prog.name, stage_root)
                run = runner.run_process(e.argv + [stage / prog.script] + prog.args, stage, args.timeout, run_env())
                rec = run_record(run, rnd, prog, e)
                group.append(rec)
                if rec["status"] != "ok":
                    progress.done(what, outcome_text(rec))
            references[prog.name] = analysis.check_outputs(group, references.get(prog.name))
            report_group(group, running, rnd, args.rounds, prog, progress, given_up)
            runs += group
    for rec in runs:
        rec.pop("output", None)
    return runs


def report_group(group, running, rnd, rounds, prog, progress, given_up):
    """Print each checked run of a group; remember engines to leave out of later rounds."""
    labels = {e.id: e.label for e in running}
    for rec in group:
        if rec["status"] == "skipped":
            continue
        if rec["status"] in ("ok", "mismatch", "no-baseline"):
            progress.done(f"round {rnd}/{rounds} · {prog.name} · {labels[rec['engine']]}", outcome_text(rec))
        if rec["status"] in ("mismatch", "failed", "timeout") and rec["engine"] != analysis.BASELINE:
            given_up[(prog.name, rec["engine"])] = f"not run again after: {rec['status']} in round {rnd}"


def skipped_record(rnd, prog, e, why):
    return {"round": rnd, "benchmark": prog.name, "engine": e.id, "status": "skipped", "seconds": None,
            "wall": None, "load": None, "inner": None, "returncode": None, "detail": why, "output": ""}


def run_env():
    """The environment for engine processes: ours, without variables that change a benchmark's loops,
    and asking engines that can (Kiln's kpy.mjs) to report their load time."""
    env = dict(os.environ)
    env.pop("KILN_BENCH_LOOPS", None)
    env["KILN_HARNESS_LOAD"] = "1"
    return env


def measure_warmup(running, args, progress):
    """Pystone in chunks on CPython and the JIT engines, interleaved; returns warm-up run records."""
    engines = [e for e in running if e.id in WARMUP_ENGINES]
    stage = fetch.stage_dir("pystone")
    wruns = []
    for rnd in range(1, args.warmup_rounds + 1):
        for e in rotated(engines, rnd - 1):
            what = f"warm-up {rnd}/{args.warmup_rounds} · {e.label}"
            progress.start(what)
            argv = e.argv + [stage / "pystone_warmup.py", f"{args.warmup_seconds:g}", str(args.warmup_chunk)]
            run = runner.run_process(argv, stage, args.warmup_seconds + args.timeout, run_env())
            rec = warmup_record(run, rnd, e)
            wruns.append(rec)
            progress.done(what, f"{rec['points'][-1][1]:,} passes in {rec['points'][-1][0]:.2f} s"
                          if rec["status"] == "ok" else f"{rec['status'].upper()}: {rec['detail']}")
    return engines, wruns


def warmup_record(run, rnd, e):
    start, points = warmup.parse(run.stdout, run.started)
    rec = {"round": rnd, "engine": e.id, "status": run.status, "detail": short_paths(run.detail), "wall": run.wall,
           "import_seconds": start, "points": points}
    if rec["status"] == "ok" and not points:
        rec["status"], rec["detail"] = "failed", "printed no warm-up lines"
    return rec


def build_results(args, found, running, progs, runs, warm, started_load):
    """The results dict: metadata, engines, raw runs, summaries (saved as results.json)."""
    ids = [e.id for e in running]
    summary = analysis.summarize(runs, ids, [p.name for p in progs])
    results = {
        "schema": 1,
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "commit": commit_id(),
        "machine": describe_machine(),
        "load_average": {"start": started_load, "end": list(os.getloadavg())},
        "command": "python3 benches/harness.py " + " ".join(shlex.quote(a) for a in sys.argv[1:]),
        "quick": args.quick,
        "rounds": args.rounds,
        "timeout": args.timeout,
        "engines": [e.to_json() for e in found],
        "benchmarks": [{"name": p.name, "script": p.script, "args": p.args} for p in progs],
        "benchmark_order": [p.name for p in progs],
        "programs_sha256": fetch.provenance(),
        "runs": runs,
        "summary": summary,
        "geomean": analysis.geomeans(summary, ids),
    }
    if warm is not None:
        w_engines, wruns = warm
        results["warmup"] = {"seconds": args.warmup_seconds, "chunk": args.warmup_chunk,
                             "rounds": args.warmup_rounds, "runs": wruns,
                             "summary": analysis.warmup_summary(wruns, [e.id for e in w_engines])}
    return results


def write_outputs(results, out_dir, record):
    """results.json, results.md, speed.svg, warmup.svg; and RESULTS.md with --record. Returns the Markdown."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    charts = [out / "speed.svg"]
    (out / "speed.svg").write_text(svg.speed_chart(results))
    if results.get("warmup"):
        (out / "warmup.svg").write_text(svg.warmup_chart(results))
        charts.append(out / "warmup.svg")
    shown = [_rel(p) for p in charts]
    md = report.markdown(results, shown)
    (out / "results.md").write_text(md)
    report.write_json(results, out / "results.json")
    if record:
        with open(BENCHES / "RESULTS.md", "a") as f:
            f.write("\n" + md)
        publish_charts(charts)
    return md


def publish_charts(charts, dest=BENCHES / "charts"):
    """Copy the charts of a recorded run to benches/charts/ (committed; the README shows them)."""
    dest.mkdir(parents=True, exist_ok=True)
    for chart in charts:
        shutil.copyfile(chart, dest / chart.name)


def _rel(path):
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def main(argv=None):
    args = parse_args(argv)
    load_start = list(os.getloadavg())
    early = Progress(0)
    if args.build:
        build_kiln(early.note)
    progs = prepare_programs(args, early.note)
    found, running = choose_engines(args, early.note)
    if load_start[0] > (os.cpu_count() or 1) * 0.5:
        early.note(f"harness: warning: load average {load_start[0]:.1f} on {os.cpu_count()} cores; "
                   "times will be noisy (ratios are paired per round, which helps)")
    do_warmup = args.warmup_seconds > 0 and any(p.is_pystone for p in progs)
    n_warm = len([e for e in running if e.id in WARMUP_ENGINES]) * args.warmup_rounds if do_warmup else 0
    progress = Progress(args.rounds * len(progs) * len(running) + n_warm)
    runs = measure(progs, running, args, progress)
    warm = measure_warmup(running, args, progress) if do_warmup else None
    results = build_results(args, found, running, progs, runs, warm, load_start)
    md = write_outputs(results, args.out, args.record)
    print(md)
    progress.note(f"harness: wrote {_rel(Path(args.out))}/results.json, results.md and the charts"
                  + ("; appended to benches/RESULTS.md" if args.record else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
