// The Python conformance corpus through kpy compiled to WebAssembly, with
// the JIT off, on, and at threshold 1: stdout, exit code and stderr must be
// exactly what CPython 3.11 printed (the stored expectations, as the native
// interpreters/python/tests/corpus.rs checks them). Each program runs in a
// fresh Wasm instance in a worker thread (tests/support/corpus.mjs); the
// same runner is a command line: node targets/wasm/tests/support/corpus.mjs.
// Build first: scripts/build-wasm.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODES, runCorpus } from './support/corpus.mjs';

// Programs whose wasm32 result differs for a reason outside this target,
// with the reason; they are run and reported, but do not fail the test.
const KNOWN = {};

for (const mode of Object.keys(MODES)) {
  test(`corpus in Node, JIT ${mode}`, { timeout: 30 * 60 * 1000 }, async (t) => {
    const { names, failures, seconds } = await runCorpus(mode);
    const known = failures.filter((f) => KNOWN[f.split(' ')[0]]);
    const real = failures.filter((f) => !KNOWN[f.split(' ')[0]]);
    for (const f of known) t.diagnostic(`known wasm32 difference (${KNOWN[f.split(' ')[0]]}):\n${f}`);
    t.diagnostic(`corpus [${mode}]: ${names.length - failures.length} passed, ${failures.length} failed (${known.length} known) in ${seconds.toFixed(1)} s`);
    assert.ok(names.length > 200, `only ${names.length} programs found`);
    assert.equal(real.length, 0, `${real.length} of ${names.length} corpus programs failed [${mode}]:\n${real.join('\n')}`);
  });
}
