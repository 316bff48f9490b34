#!/usr/bin/env node
// kbf for Node: runs a Brainfuck program with Kiln compiled to WebAssembly
// (and its Wasm JIT). Same flags, streams and exit codes as the native kbf:
//   node targets/wasm/kbf.mjs [--jit=on|off] [--jit-threshold N] [--jit-stats] [--jit-log FILE] FILE.b
// Build first: scripts/build-wasm.

import { existsSync } from 'node:fs';

if (!existsSync(new URL('./pkg/kiln_web_bg.wasm', import.meta.url))) {
  process.stderr.write('kbf: the Wasm build is missing; run scripts/build-wasm first\n');
  process.exit(2);
}
const { load, nodeHost, optimizeFromNowOn } = await import('./host.mjs');
const { kbf } = await import('./pkg/kiln_web.js');
load();
optimizeFromNowOn(); // BF needs no start-up: TurboFan from the first call (see host.mjs)
let code;
try {
  code = kbf(nodeHost(), process.argv.slice(2));
} catch (e) {
  // A trap (a panic already reported on stderr, or a Wasm error).
  process.stderr.write(`kbf: ${e && e.message ? e.message : e}\n`);
  code = 101;
}
process.exitCode = code;
