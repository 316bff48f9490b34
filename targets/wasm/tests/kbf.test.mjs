// The Brainfuck test programs through `node targets/wasm/kbf.mjs` with the
// JIT off, on, and at threshold 1 must print exactly what the native
// `kbf --jit=off` prints (stdout, stderr and exit status). The native binary
// is target/release/kbf (or $CARGO_TARGET_DIR/release/kbf, or $KBF_NATIVE),
// built by `cargo test`/`cargo build --release`. Build the Wasm side first:
// scripts/build-wasm.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const kbfMjs = fileURLToPath(new URL('../kbf.mjs', import.meta.url));
const programs = join(root, 'interpreters/bf/tests/programs');
const native =
  process.env.KBF_NATIVE ||
  join(process.env.CARGO_TARGET_DIR ? resolve(root, process.env.CARGO_TARGET_DIR) : join(root, 'target'), 'release/kbf');

function stdinOf(file) {
  const input = file.replace(/\.b$/, '.in');
  return existsSync(input) ? readFileSync(input) : Buffer.alloc(0);
}

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { input, cwd: root, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

const files = readdirSync(programs).filter((f) => f.endsWith('.b')).sort();

test('the native kbf exists', () => {
  assert.ok(existsSync(native), `${native} is missing: build it with cargo build --release -p kiln-native --bin kbf`);
});

for (const f of files) {
  const rel = join('interpreters/bf/tests/programs', f);
  test(f, () => {
    const input = stdinOf(join(programs, f));
    const want = run(native, ['--jit=off', rel], input);
    for (const flags of [['--jit=off'], ['--jit=on'], ['--jit-threshold', '1'], ['--jit-threshold=3', '--jit-bridge-threshold=2']]) {
      const got = run(process.execPath, [kbfMjs, ...flags, rel], input);
      const what = `${f} with ${flags.join(' ')}`;
      assert.equal(got.status, want.status, `${what}: exit status\n${got.stderr}`);
      assert.deepEqual(got.stdout, want.stdout, `${what}: stdout differs`);
      assert.equal(got.stderr, want.stderr, `${what}: stderr differs`);
    }
  });
}

test('--jit-stats and --jit-log report compiled traces', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kbf-'));
  try {
    const log = join(dir, 'jit.log');
    const r = run(process.execPath, [kbfMjs, '--jit-stats', '--jit-threshold', '1', '--jit-log', log, 'benches/bf/nested_loops.b']);
    assert.equal(r.status, 0, r.stderr);
    const compiled = /loops traced \d+, compiled (\d+)/.exec(r.stderr);
    assert.ok(compiled && Number(compiled[1]) > 0, r.stderr);
    assert.match(r.stderr, /code bytes [1-9]/);
    assert.match(readFileSync(log, 'utf8'), /optimized/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors exit with status 2', () => {
  for (const args of [[], ['--jit=maybe', 'x.b'], ['--no-such-flag', 'x.b'], ['no/such/file.b']]) {
    const r = run(process.execPath, [kbfMjs, ...args]);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^kbf: /);
  }
});
