// The package's API: run a program with Kiln compiled to WebAssembly and
// get its output back, without touching the real file system or streams.
//
//   import { runKbf } from 'kiln-web';
//   const { exitCode, stdout, stderr } = runKbf('++++++++[>++++++++<-]>+.', { jit: true });
//
// (Python will be `runKpy` with the same shape once kiln-python builds for
// wasm32.)

import { load, memoryHost } from './host.mjs';
import { kbf } from './pkg/kiln_web.js';

function jitArgs({ jit = true, threshold, stats = false } = {}) {
  const args = [`--jit=${jit ? 'on' : 'off'}`];
  if (threshold !== undefined) args.push('--jit-threshold', String(threshold));
  if (stats) args.push('--jit-stats');
  return args;
}

/**
 * Runs a Brainfuck program. `options`: `stdin` (string or bytes), `jit`
 * (default true), `threshold`, `stats` (JIT statistics go to stderr).
 * Returns `{ exitCode, stdout (Uint8Array), stderr (string) }`.
 */
export function runKbf(source, options = {}) {
  load();
  const host = memoryHost({ 'program.b': source }, options.stdin ?? '');
  const exitCode = kbf(host, [...jitArgs(options), 'program.b']);
  return { exitCode, stdout: host.output(1), stderr: new TextDecoder().decode(host.output(2)) };
}
