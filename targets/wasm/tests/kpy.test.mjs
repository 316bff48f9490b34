// `node targets/wasm/kpy.mjs` as a command: flags, streams, exit codes,
// files beside the script, stdin, the JIT's statistics and log, and the
// benchmark harness's load-time line. (The corpus is kpy-corpus.test.mjs.)
// Build first: scripts/build-wasm.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const kpyMjs = fileURLToPath(new URL('../kpy.mjs', import.meta.url));

function kpy(args, { cwd, input = '', env = {} } = {}) {
  const r = spawnSync(process.execPath, [kpyMjs, ...args], { cwd, input, env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

function withDir(files, f) {
  const dir = mkdtempSync(join(tmpdir(), 'kpy-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('runs a script with arguments, imports beside it and open()', () => {
  withDir(
    {
      'main.py': 'import sys, helper\nprint(sys.argv[1:], helper.twice(21))\nwith open(sys.argv[1], "w") as f:\n    f.write("data\\n")\nprint(open(sys.argv[1]).read(), end="")\n',
      'helper.py': 'def twice(x):\n    return 2 * x\n',
    },
    (dir) => {
      // From another directory: the script's own directory is searched.
      const out = join(dir, 'out.txt');
      const r = kpy([join(dir, 'main.py'), out]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, `['${out}'] 42\ndata\n`);
      assert.equal(readFileSync(out, 'utf8'), 'data\n');
    },
  );
});

test('exit codes, tracebacks and OSError like native kpy', () => {
  const r = kpy(['-c', 'import sys\nprint("x")\nsys.exit(3)']);
  assert.deepEqual([r.status, r.stdout], [3, 'x\n']);
  const e = kpy(['-c', 'def f():\n    1/0\nf()']);
  assert.equal(e.status, 1);
  assert.match(e.stderr, /^Traceback \(most recent call last\):\n  File "<string>", line 3, in <module>\n/);
  assert.match(e.stderr, /ZeroDivisionError: division by zero\n$/);
  const o = kpy(['-c', 'try:\n    open("/no/such/dir/f")\nexcept FileNotFoundError as e:\n    print(e.errno, e.strerror)']);
  assert.equal(o.stdout, '2 No such file or directory\n');
  const m = kpy(['-c', 'import no_such_module']);
  assert.match(m.stderr, /ModuleNotFoundError: No module named 'no_such_module'\n$/);
});

test('reads the program or input() from stdin', () => {
  assert.equal(kpy([], { input: 'print(6 * 7)\n' }).stdout, '42\n');
  assert.equal(kpy(['-', 'a'], { input: 'import sys; print(sys.argv)\n' }).stdout, "['-', 'a']\n");
  const r = kpy(['-c', 'print(input("? ").upper()); print(input())'], { input: 'abc\nlast' });
  assert.equal(r.stdout, '? ABC\nlast\n');
  const eof = kpy(['-c', 'input()']);
  assert.match(eof.stderr, /EOFError: EOF when reading a line\n$/);
});

test('usage errors exit with status 2', () => {
  for (const args of [['--jit=maybe', 'x.py'], ['--no-such-flag'], ['-c'], ['no/such/file.py']]) {
    const r = kpy(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^kpy: /);
  }
  assert.match(kpy(['no/such/file.py']).stderr, /^kpy: can't open file 'no\/such\/file.py': \[Errno 2\] No such file or directory\n$/);
  assert.match(kpy(['--version']).stdout, /^kpy \d+\.\d+\.\d+ /);
});

test('--jit-stats, --jit-log and --jit-threshold report compiled traces', () => {
  withDir({}, (dir) => {
    const log = join(dir, 'jit.log');
    const prog = 'total = 0\nfor i in range(20000):\n    total += i % 7\nprint(total)\n';
    const r = kpy(['--jit-stats', '--jit-threshold', '5', '--jit-log', log, '-c', prog]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '59997\n');
    const compiled = /loops traced \d+, compiled (\d+)/.exec(r.stderr);
    assert.ok(compiled && Number(compiled[1]) > 0, r.stderr);
    assert.match(readFileSync(log, 'utf8'), /# loop at <string>:2 .*: optimized, \d+ ops/);
    const off = kpy(['--jit=off', '--jit-stats', '-c', prog]);
    assert.match(off.stderr, /loops traced 0, compiled 0/);
  });
});

test('prints harness-load-seconds only when KILN_HARNESS_LOAD=1', () => {
  assert.doesNotMatch(kpy(['-c', 'pass']).stderr, /harness-load-seconds/);
  const r = kpy(['-c', 'pass'], { env: { KILN_HARNESS_LOAD: '1' } });
  assert.match(r.stderr, /^harness-load-seconds: \d+\.\d+\n$/);
});
