// The package's API: run a program with Kiln compiled to WebAssembly and
// get its output back, without touching the real file system or streams.
//
//   import { runKpy, runKbf } from 'kiln-web';
//   const { exitCode, stdout, stderr } = runKpy('print(sum(range(10)))');
//   const bf = runKbf('++++++++[>++++++++<-]>+.', { jit: true });
//
// Programs run in this thread's instance of the Wasm module, one at a time.
// Each run starts a fresh interpreter (the previous one is shut down and
// the JIT forgets its code), so no Python state carries over. If the
// interpreter ever traps (an internal error, already reported on stderr),
// the instance is unusable and later calls throw: use a new worker or
// process (tests/support/kpy-worker.mjs runs each program in a worker).

import { load, memoryHost } from './host.mjs';
import { kbf, kpy } from './pkg/kiln_web.js';

let broken = null;

function jitArgs({ jit = true, threshold, bridgeThreshold, stats = false } = {}) {
  const args = [`--jit=${jit ? 'on' : 'off'}`];
  if (threshold !== undefined) args.push('--jit-threshold', String(threshold));
  if (bridgeThreshold !== undefined) args.push('--jit-bridge-threshold', String(bridgeThreshold));
  if (stats) args.push('--jit-stats');
  return args;
}

function call(name, entry, host, args) {
  if (broken) throw new Error(`kiln-web: the Wasm instance trapped earlier (${broken}); start a new worker or process`);
  load();
  try {
    return entry(host, args);
  } catch (e) {
    broken = `${name}: ${e && e.message ? e.message : e}`;
    host.write(2, new TextEncoder().encode(`${broken}\n`));
    return 101;
  }
}

/**
 * Runs a Brainfuck program. `options`: `stdin` (string or bytes), `jit`
 * (default true), `threshold`, `stats` (JIT statistics go to stderr).
 * Returns `{ exitCode, stdout (Uint8Array), stderr (string) }`.
 */
export function runKbf(source, options = {}) {
  const host = memoryHost({ 'program.b': source }, options.stdin ?? '');
  const exitCode = call('kbf', kbf, host, [...jitArgs(options), 'program.b']);
  return { exitCode, stdout: host.output(1), stderr: new TextDecoder().decode(host.output(2)) };
}

/**
 * Runs a Python program. `options`: `path` (its file name, default
 * 'main.py'), `args` (`sys.argv[1:]`), `files` (other files by path, e.g.
 * modules it imports: strings or bytes), `stdin`, `jit` (default true),
 * `threshold`, `bridgeThreshold`, `stats` (JIT statistics go to stderr),
 * `jitLog` (return the JIT's trace log). Returns `{ exitCode, stdout,
 * stderr, files, jitLog }`: strings, the files after the run (including
 * those the program wrote), and the log (or undefined).
 */
export function runKpy(source, options = {}) {
  const path = options.path ?? 'main.py';
  const host = memoryHost({ ...(options.files ?? {}), [path]: source }, options.stdin ?? '');
  const args = jitArgs(options);
  if (options.jitLog) args.push('--jit-log', '<jit-log>');
  const exitCode = call('kpy', kpy, host, [...args, '--', path, ...(options.args ?? []).map(String)]);
  const text = (x) => new TextDecoder().decode(x);
  const files = {};
  for (const [name, data] of Object.entries(host.files)) files[name] = typeof data === 'string' ? data : text(data);
  return {
    exitCode,
    stdout: text(host.output(1)),
    stderr: text(host.output(2)),
    files,
    jitLog: options.jitLog ? text(host.output('<jit-log>')) : undefined,
  };
}
