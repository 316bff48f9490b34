#!/usr/bin/env node
// Kiln's Pyodide runner: load Pyodide in Node and run one Python file like `python FILE ARGS...`.
//
// Usage: node pyodide_run.mjs [--pyodide-dir DIR] FILE [ARGS...]
// DIR defaults to benches/cache/node_modules/pyodide (see `benches/fetch.py --pyodide`).
// The file's directory is mounted into Pyodide's file system at the same path
// (NODEFS), put first on sys.path and made the working directory, and the file
// runs as __main__ with sys.argv = [FILE, ...ARGS]. Python's stdout and stderr
// go to the process's, byte for byte. On stderr it also prints
// `harness-load-seconds: S` (time to load Pyodide, which the harness reports
// separately from the run time) and `harness-run-seconds: S`.
// The exit status is the program's (SystemExit code, 1 on an uncaught exception).

import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  let pyodideDir = path.resolve(here, "..", "cache", "node_modules", "pyodide");
  if (argv[0] === "--pyodide-dir") {
    pyodideDir = path.resolve(argv[1]);
    argv = argv.slice(2);
  }
  if (argv.length < 1) {
    console.error("usage: node pyodide_run.mjs [--pyodide-dir DIR] FILE [ARGS...]");
    process.exit(2);
  }
  return { pyodideDir, file: path.resolve(argv[0]), args: argv.slice(1) };
}

function rawWriter(stream) {
  return { write: (buf) => { stream.write(Buffer.from(buf)); return buf.length; } };
}

const RUN_PY = `
import os, runpy, sys, traceback

def _kiln_run(path, argv):
    sys.argv = [path] + list(argv)
    sys.path.insert(0, os.path.dirname(path))
    os.chdir(os.path.dirname(path))
    try:
        runpy.run_path(path, run_name="__main__")
        return 0
    except SystemExit as e:
        if e.code is None:
            return 0
        if isinstance(e.code, int):
            return e.code
        print(e.code, file=sys.stderr)
        return 1
    except BaseException:
        traceback.print_exc()
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
_kiln_run
`;

async function main() {
  const { pyodideDir, file, args } = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep });
  pyodide.setStdout(rawWriter(process.stdout));
  pyodide.setStderr(rawWriter(process.stderr));
  const dir = path.dirname(file);
  pyodide.FS.mkdirTree(dir);
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: dir }, dir);
  const run = pyodide.runPython(RUN_PY);
  const t1 = performance.now();
  const status = run(file, pyodide.toPy(args));
  const t2 = performance.now();
  process.stderr.write(`harness-load-seconds: ${((t1 - t0) / 1000).toFixed(6)}\n`);
  process.stderr.write(`harness-run-seconds: ${((t2 - t1) / 1000).toFixed(6)}\n`);
  process.exitCode = status;
}

main().catch((e) => {
  console.error(`pyodide_run: ${e && e.stack ? e.stack : e}`);
  process.exitCode = 1;
});
