#!/usr/bin/env python3
"""Regenerate (or verify) the expected results of the Kiln Python conformance corpus.

Every test program ``NAME.py`` in this directory (file names of the form
``<category>_<NNN>_<topic>.py``; ``helper_*.py`` modules are support code and
are skipped) is run under CPython 3.11 exactly as the conformance harness runs
it::

    python3 -X utf8 NAME.py

with the corpus directory as the working directory, stdin from /dev/null, a
60 second timeout, ``PYTHONHASHSEED=0``, ``PYTHONDONTWRITEBYTECODE=1`` and no
other ``PYTHON*`` environment variables.  Each program is run twice and the
two runs must agree byte for byte; a nondeterministic program is an error.

The results are stored beside the program:

``NAME.out``
    the exact bytes written to stdout.
``NAME.code``
    the exit status as a decimal number followed by a newline.
``NAME.err``
    the last non-empty line of stderr followed by a newline, or an empty
    file when stderr is empty.
``NAME.stderr``
    the complete stderr; only written for programs that fail to compile
    (``SyntaxError``/``IndentationError``) and for programs that contain the
    marker comment ``# kiln-corpus: full-stderr``.

Absolute paths of the corpus directory are stripped from stderr, so
tracebacks show ``File "NAME.py", line N`` exactly as if CPython had been
given a relative path (CPython >= 3.9 makes the script path absolute).

Usage::

    python3 regen.py                 # regenerate every expectation file
    python3 regen.py 'jit_*' err_01  # only programs matching the filters
    python3 regen.py --check         # verify expectations are up to date

With ``--check`` nothing is written; the exit status is 1 if any expectation
file is missing, stale or superfluous.  Filters are shell-style globs matched
against the program name (with or without ``.py``); a filter without glob
characters matches every program whose name starts with it.
"""

import argparse
import concurrent.futures
import fnmatch
import os
import re
import subprocess
import sys
import time

CORPUS_DIR = os.path.dirname(os.path.abspath(__file__))
PROGRAM_RE = re.compile(r"^[a-z][a-z0-9_]*?_\d{3}_[A-Za-z0-9_]+\.py$")
FULL_STDERR_MARKER = b"# kiln-corpus: full-stderr"
COMPILE_ERROR_PREFIXES = (b"SyntaxError", b"IndentationError", b"TabError")
TIMEOUT_SECONDS = 60
SLOW_WARNING_SECONDS = 1.0
EXPECTED_VERSION = (3, 11)
SUFFIXES = (".out", ".code", ".err", ".stderr")


class CorpusError(Exception):
    """A problem that makes regeneration impossible (nondeterminism, timeout...)."""


def discover_programs(filters):
    """Return the sorted list of test program names selected by ``filters``."""
    names = sorted(
        n for n in os.listdir(CORPUS_DIR)
        if PROGRAM_RE.match(n) and not n.startswith("helper_")
    )
    if not filters:
        return names
    selected = []
    for name in names:
        stem = name[:-3]
        for f in filters:
            f = f[:-3] if f.endswith(".py") else f
            if any(c in f for c in "*?["):
                if fnmatch.fnmatchcase(stem, f):
                    break
            elif stem.startswith(f):
                break
        else:
            continue
        selected.append(name)
    return selected


def child_environment():
    """The environment programs run in: no PYTHON* variables except ours."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def check_interpreter(python):
    """Fail loudly unless ``python`` is CPython 3.11."""
    try:
        out = subprocess.run(
            [python, "-c", "import sys, platform; print(sys.version_info[0], sys.version_info[1], platform.python_implementation())"],
            capture_output=True, check=True, text=True, timeout=TIMEOUT_SECONDS,
        ).stdout.split()
    except (OSError, subprocess.SubprocessError) as e:
        raise CorpusError(f"cannot run {python!r}: {e}")
    major, minor, impl = int(out[0]), int(out[1]), out[2]
    if (major, minor) != EXPECTED_VERSION or impl != "CPython":
        raise CorpusError(
            f"{python!r} is {impl} {major}.{minor}; expectations must be produced by "
            f"CPython {EXPECTED_VERSION[0]}.{EXPECTED_VERSION[1]}"
        )


def normalize_stderr(raw):
    """Make tracebacks independent of where the corpus lives on disk."""
    prefix = (CORPUS_DIR + os.sep).encode()
    return raw.replace(prefix, b"")


def last_nonempty_line(data):
    for line in reversed(data.splitlines()):
        if line.strip():
            return line
    return None


def run_once(python, name, env):
    """Run one program; return (stdout, exit_code, normalized_stderr, seconds)."""
    start = time.monotonic()
    try:
        proc = subprocess.run(
            [python, "-X", "utf8", name],
            cwd=CORPUS_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        raise CorpusError(f"{name}: timed out after {TIMEOUT_SECONDS} s")
    elapsed = time.monotonic() - start
    return proc.stdout, proc.returncode, normalize_stderr(proc.stderr), elapsed


def expected_files(python, name, env):
    """Run ``name`` twice and return ({suffix: bytes}, seconds) for its expectation files."""
    first = run_once(python, name, env)
    second = run_once(python, name, env)
    for label, a, b in (("stdout", first[0], second[0]),
                        ("exit code", first[1], second[1]),
                        ("stderr", first[2], second[2])):
        if a != b:
            raise CorpusError(f"{name}: nondeterministic {label} (two runs differ)")
    stdout, code, stderr, elapsed = first
    last = last_nonempty_line(stderr)
    files = {
        ".out": stdout,
        ".code": f"{code}\n".encode(),
        ".err": b"" if last is None else last + b"\n",
    }
    with open(os.path.join(CORPUS_DIR, name), "rb") as f:
        source = f.read()
    wants_full = FULL_STDERR_MARKER in source
    is_compile_error = last is not None and last.startswith(COMPILE_ERROR_PREFIXES)
    if wants_full or is_compile_error:
        if not stderr:
            raise CorpusError(f"{name}: marked full-stderr but wrote nothing to stderr")
        files[".stderr"] = stderr
    return files, max(first[3], second[3])


def read_existing(stem):
    existing = {}
    for suffix in SUFFIXES:
        path = os.path.join(CORPUS_DIR, stem + suffix)
        if os.path.exists(path):
            with open(path, "rb") as f:
                existing[suffix] = f.read()
    return existing


def orphan_expectations(all_programs):
    """Expectation files with no matching test program."""
    stems = {n[:-3] for n in all_programs}
    orphans = []
    for n in sorted(os.listdir(CORPUS_DIR)):
        root, ext = os.path.splitext(n)
        if ext in SUFFIXES and root not in stems:
            orphans.append(n)
    return orphans


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Regenerate or verify the expected outputs of the Kiln Python corpus.")
    parser.add_argument("filters", nargs="*",
                        help="only process programs matching these globs/prefixes")
    parser.add_argument("--check", action="store_true",
                        help="verify existing expectation files instead of writing them")
    parser.add_argument("--python", default="python3",
                        help="CPython 3.11 executable to use (default: python3)")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                        help="number of programs to run in parallel")
    args = parser.parse_args(argv)

    try:
        check_interpreter(args.python)
    except CorpusError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    all_programs = discover_programs([])
    programs = discover_programs(args.filters)
    if not programs:
        print("error: no test programs matched", file=sys.stderr)
        return 2

    env = child_environment()
    results = {}
    errors = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(expected_files, args.python, n, env): n for n in programs}
        for fut in concurrent.futures.as_completed(futures):
            name = futures[fut]
            try:
                results[name] = fut.result()
            except CorpusError as e:
                errors.append(str(e))
    if errors:
        for e in sorted(errors):
            print(f"error: {e}", file=sys.stderr)
        return 2

    problems = []
    written = 0
    for name in programs:
        stem = name[:-3]
        files, elapsed = results[name]
        if elapsed > SLOW_WARNING_SECONDS:
            print(f"warning: {name} took {elapsed:.2f} s (should be well under 1 s)", file=sys.stderr)
        existing = read_existing(stem)
        for suffix in SUFFIXES:
            path = os.path.join(CORPUS_DIR, stem + suffix)
            want = files.get(suffix)
            have = existing.get(suffix)
            if want == have:
                continue
            if args.check:
                if want is None:
                    problems.append(f"{stem}{suffix}: superfluous file")
                elif have is None:
                    problems.append(f"{stem}{suffix}: missing")
                else:
                    problems.append(f"{stem}{suffix}: out of date")
            elif want is None:
                os.remove(path)
                written += 1
            else:
                with open(path, "wb") as f:
                    f.write(want)
                written += 1

    if not args.filters:
        for orphan in orphan_expectations(all_programs):
            if args.check:
                problems.append(f"{orphan}: no matching test program")
            else:
                os.remove(os.path.join(CORPUS_DIR, orphan))
                written += 1

    if args.check:
        if problems:
            for p in problems:
                print(f"mismatch: {p}", file=sys.stderr)
            print(f"{len(problems)} problem(s) in {len(programs)} program(s); "
                  f"run 'python3 regen.py' to update", file=sys.stderr)
            return 1
        print(f"ok: {len(programs)} program(s) up to date")
        return 0
    print(f"regenerated {len(programs)} program(s), {written} file(s) changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
