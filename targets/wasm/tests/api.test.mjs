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

test('runKpy runs Python in memory: files, args, stdin, JIT log', async () => {
  const { runKpy } = await import('../index.mjs');
  const prog = 'import sys, helper\nprint(helper.x, sys.argv[1:], input())\nwith open("out.txt", "w") as f:\n    f.write("hi")\nfor i in range(2000):\n    pass\n';
  for (const jit of [false, true]) {
    const r = runKpy(prog, { jit, threshold: 10, files: { 'helper.py': 'x = 42\n' }, args: ['a', 1], stdin: 'line\n', jitLog: true });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stdout, "42 ['a', '1'] line\n");
    assert.equal(r.files['out.txt'], 'hi');
    assert.equal(/# loop at main\.py:5/.test(r.jitLog), jit, r.jitLog);
  }
  const bad = runKpy('x = 1\nraise ValueError("no")', { path: 'bad.py' });
  assert.equal(bad.exitCode, 1);
  assert.match(bad.stderr, /File "bad\.py", line 2, in <module>\n[\s\S]*ValueError: no\n$/);
  // Each run starts from a fresh interpreter.
  runKpy('import sys\nsys.leak = 1');
  assert.equal(runKpy('import sys\nprint(hasattr(sys, "leak"))').stdout, 'False\n');
  const stats = runKpy('for i in range(5000): pass', { stats: true, threshold: 1 });
  assert.match(stats.stderr, /jit: loops traced \d+, compiled [1-9]/);
});
