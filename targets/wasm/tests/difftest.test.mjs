// The Wasm backend against the IR evaluator, inside a wasm32 process: each
// case of targets/wasm/difftest runs in its own Node process (a failing case
// traps its instance). Build first: scripts/build-wasm.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runner = fileURLToPath(new URL('./run-difftest.mjs', import.meta.url));

function node(args) {
  return spawnSync(process.execPath, [runner, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

const list = node([]);
assert.equal(list.status, 0, `cannot list the cases (run scripts/build-wasm first?)\n${list.stderr}`);
const names = list.stdout.split('\n').filter(Boolean);

test('there are differential cases', () => {
  assert.ok(names.length > 40, `only ${names.length} cases`);
});

for (const name of names) {
  test(name, () => {
    const r = node([name]);
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  });
}
