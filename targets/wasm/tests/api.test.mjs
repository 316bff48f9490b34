// The package API (index.mjs): runs programs in memory and returns output.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runKbf } from '../index.mjs';

const hello = '++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+.';

test('runKbf returns the output with the JIT on and off', () => {
  for (const jit of [false, true]) {
    const r = runKbf(hello, { jit, threshold: 1 });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(new TextDecoder().decode(r.stdout), 'Hello World!');
    assert.equal(r.stderr, '');
  }
});

test('runKbf reads stdin and reports errors like kbf', () => {
  const cat = runKbf(',[.,]', { stdin: 'abc' });
  assert.equal(new TextDecoder().decode(cat.stdout), 'abc');
  const bad = runKbf('<', {});
  assert.equal(bad.exitCode, 1);
  assert.match(bad.stderr, /^kbf: program.b:1:1: the pointer moved left/);
  const stats = runKbf(hello, { stats: true, threshold: 1 });
  assert.match(stats.stderr, /jit: loops traced \d+, compiled [1-9]/);
});
