// The Python conformance corpus (interpreters/python/tests/corpus) through
// kpy compiled to WebAssembly, checked like interpreters/python/tests/corpus.rs:
// stdout exactly, the exit code, the last non-empty stderr line against
// NAME.err, the whole stderr against NAME.stderr where that exists, and (at
// threshold 1) no JIT abort for "hint misuse".
//
// Each program runs in its own worker thread with a fresh instance of the
// one compiled module (start-up ~30 ms; compiled code is shared), with the
// corpus directory as its working directory, `sys.argv == [NAME.py]` and an
// empty stdin, as CPython was run to make the expectations.
//
// Also a command line: node targets/wasm/tests/support/corpus.mjs [off|on|eager ...] [--filter S]

import { Worker } from 'node:worker_threads';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileModule } from '../../host.mjs';

export const corpusDir = fileURLToPath(new URL('../../../../interpreters/python/tests/corpus/', import.meta.url));
const workerUrl = new URL('./kpy-worker.mjs', import.meta.url);

/** kpy's flags for each mode (as the native test sets its JitParams). */
export const MODES = {
  off: ['--jit=off'],
  on: [],
  eager: ['--jit-threshold', '1', '--jit-bridge-threshold', '1'],
};

/** The programs (names without .py), sorted; `filter` is a substring. */
export function programs(filter = '') {
  return readdirSync(corpusDir)
    .filter((n) => n.endsWith('.py') && !n.startsWith('helper_') && n !== 'regen.py')
    .map((n) => n.slice(0, -3))
    .filter((n) => n.includes(filter))
    .sort();
}

/**
 * Runs kpy with `args` in a fresh worker; resolves to { exitCode, stdout,
 * stderr, stats } (exitCode -1 when the worker died or timed out).
 */
export function runInWorker({ args, cwd = process.cwd(), stdin = '', timeoutMs = 60000 }) {
  const module = compileModule();
  return new Promise((resolve) => {
    const worker = new Worker(workerUrl, { workerData: { module, args, cwd, stdin }, stdout: false, stderr: false });
    let done = false;
    const finish = (r) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      worker.terminate().then(() => resolve(r));
    };
    const timer = setTimeout(() => finish({ exitCode: -1, stdout: '', stderr: `<no result within ${timeoutMs / 1000} s>`, stats: null }), timeoutMs);
    worker.on('message', finish);
    worker.on('error', (e) => finish({ exitCode: -1, stdout: '', stderr: `<the worker failed: ${e && e.stack ? e.stack : e}>`, stats: null }));
    worker.on('exit', (code) => finish({ exitCode: -1, stdout: '', stderr: `<the worker exited with ${code}>`, stats: null }));
  });
}

function lastLine(s) {
  const lines = s.split('\n').filter((l) => l.trim() !== '');
  return lines.length ? lines[lines.length - 1] : '';
}

function diff(expected, got) {
  const e = expected.split('\n');
  const g = got.split('\n');
  const out = [];
  for (let i = 0; i < Math.max(e.length, g.length) && out.length < 3; i++) {
    if (e[i] !== g[i]) out.push(`    line ${i + 1}: expected ${JSON.stringify(e[i] ?? '<none>')}\n               got ${JSON.stringify(g[i] ?? '<none>')}`);
  }
  return out.join('\n');
}

/** What differs between a run and the stored expectations ('' if nothing). */
export function check(name, mode, r) {
  const read = (ext) => {
    const p = join(corpusDir, `${name}.${ext}`);
    return existsSync(p) ? readFileSync(p, 'utf8') : null;
  };
  const expOut = read('out') ?? '';
  const expCode = Number.parseInt((read('code') ?? '0').trim(), 10) || 0;
  const expErr = (read('err') ?? '').replace(/\n+$/, '');
  const problems = [];
  if (r.stdout !== expOut) problems.push(`  stdout differs:\n${diff(expOut, r.stdout)}`);
  if (r.exitCode !== expCode) problems.push(`  exit code ${r.exitCode} (expected ${expCode})`);
  if (lastLine(r.stderr) !== expErr) problems.push(`  last stderr line ${JSON.stringify(lastLine(r.stderr))} (expected ${JSON.stringify(expErr)})`);
  const full = read('stderr');
  if (full !== null && full !== r.stderr) problems.push(`  stderr differs:\n${diff(full, r.stderr)}`);
  if (mode === 'eager' && r.stats) {
    const misuse = Object.keys(r.stats.aborts).filter((k) => k.startsWith('hint misuse'));
    if (misuse.length) problems.push(`  JIT aborts with hint misuse: ${JSON.stringify(misuse)}`);
  }
  return problems.length ? `${name} [${mode}]\n${problems.join('\n')}` : '';
}

/**
 * Runs every program in `mode` with `jobs` workers at a time; resolves to
 * { names, failures (messages), seconds }.
 */
export async function runCorpus(mode, { filter = '', jobs = Math.max(1, Math.min(2, availableParallelism())) } = {}) {
  const names = programs(filter);
  const failures = [];
  const t0 = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < names.length) {
      const name = names[next++];
      const r = await runInWorker({ args: [...MODES[mode], `${name}.py`], cwd: corpusDir });
      const f = check(name, mode, r);
      if (f) failures.push(f);
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  failures.sort();
  return { names, failures, seconds: (performance.now() - t0) / 1000 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const fi = argv.indexOf('--filter');
  const filter = fi >= 0 ? argv.splice(fi, 2)[1] : '';
  const modes = argv.length ? argv : Object.keys(MODES);
  let bad = 0;
  for (const mode of modes) {
    const { names, failures, seconds } = await runCorpus(mode, { filter });
    for (const f of failures) console.log(f);
    console.log(`corpus [${mode}]: ${names.length - failures.length} passed, ${failures.length} failed (${seconds.toFixed(1)} s)`);
    bad += failures.length;
  }
  process.exitCode = bad ? 1 : 0;
}
