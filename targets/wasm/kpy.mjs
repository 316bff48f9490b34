#!/usr/bin/env node
// kpy for Node: runs a Python program with Kiln compiled to WebAssembly
// (and its Wasm JIT). Same flags, streams and exit codes as the native kpy:
//   node targets/wasm/kpy.mjs [--jit=on|off] [--jit-threshold N] [--jit-stats] [--jit-log FILE] FILE.py [ARGS]
//   node targets/wasm/kpy.mjs -c CODE [ARGS]      (also -m MODULE, - for stdin)
// With no program and a terminal on stdin it starts an interactive prompt.
// With KILN_HARNESS_LOAD=1 in the environment it also prints
// `harness-load-seconds: S` on stderr: the time from this script's start
// until the interpreter is ready (what benches/harness.py reports as load).
// Build first: scripts/build-wasm.

const started = performance.now();
import { existsSync } from 'node:fs';

if (!existsSync(new URL('./pkg/kiln_web_bg.wasm', import.meta.url))) {
  process.stderr.write('kpy: the Wasm build is missing; run scripts/build-wasm first\n');
  process.exit(2);
}
const { load, nodeHost } = await import('./host.mjs');
const pkg = await import('./pkg/kiln_web.js');
load();
if (process.env.KILN_HARNESS_LOAD === '1') {
  process.stderr.write(`harness-load-seconds: ${((performance.now() - started) / 1000).toFixed(6)}\n`);
}

const args = process.argv.slice(2);
const flagsOnly = args.every((a, i) => a.startsWith('--') || /^--jit-(threshold|bridge-threshold|log)$/.test(args[i - 1] ?? ''));
if (flagsOnly && process.stdin.isTTY && !args.some((a) => a === '--version' || a === '--help')) {
  const { repl } = await import('./repl.mjs');
  process.exitCode = await repl(pkg, nodeHost(), args);
} else {
  let code;
  try {
    code = pkg.kpy(nodeHost(), args);
  } catch (e) {
    // A trap (a panic already reported on stderr, or a Wasm error such as
    // running out of memory or stack).
    process.stderr.write(`kpy: ${e && e.message ? e.message : e}\n`);
    code = 101;
  }
  process.exitCode = code;
}
