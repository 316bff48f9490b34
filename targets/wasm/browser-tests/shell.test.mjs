// End-to-end tests of the browser shell (targets/wasm/web) in headless
// Chromium, driven by playwright-core: serve the page (serve.mjs, on a free
// localhost port), run a program, use the REPL line, run pystone with the
// JIT on and off and check the output and the JIT panel. Screenshots are
// kept in targets/wasm/browser-tests/screenshots/ (gitignored; the path is
// printed).
//
// Needs: scripts/build-wasm, `npm ci` (playwright-core), Debian's chromium
// (`apt-get install -y chromium`; or CHROMIUM=/path/to/chrome), and pystone
// (fetched by serve.mjs through benches/fetch.py when missing).
// Run: node --test targets/wasm/browser-tests/

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../serve.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let server;
let context;
let page;
let profile;
const pageErrors = [];

before(async () => {
  assert.ok(existsSync(executablePath), `${executablePath} is missing: apt-get install -y chromium (or set CHROMIUM)`);
  assert.ok(existsSync(join(root, 'targets/wasm/pkg/kiln_web_bg.wasm')), 'run scripts/build-wasm first');
  if (!existsSync(join(root, 'benches/cache/stage/pystone/pystone.py'))) {
    const r = spawnSync('python3', [join(root, 'benches/fetch.py')], { stdio: 'inherit', timeout: 10 * 60 * 1000 });
    assert.equal(r.status, 0, 'python3 benches/fetch.py failed (pystone is needed)');
  }
  mkdirSync(shots, { recursive: true });
  console.log(`# screenshots: ${shots}`);
  server = await startServer({ port: 0, quiet: true });
  profile = mkdtempSync(join(tmpdir(), 'kiln-chromium-'));
  context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: ARGS, viewport: { width: 1360, height: 900 } });
  page = context.pages()[0] || (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(server.url);
  await page.waitForSelector('#status[data-ready="1"]', { timeout: 60_000 });
});

after(async () => {
  if (context) await context.close();
  if (server) server.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const text = (sel) => page.locator(sel).innerText();
const shot = (name) => page.screenshot({ path: join(shots, name), fullPage: true });

async function waitForOutput(pattern, timeout = 60_000) {
  await page.waitForFunction((src) => new RegExp(src).test(document.getElementById('output').textContent), pattern.source, { timeout });
}

test('the page loads the interpreter and shows start-up time and size', async () => {
  const status = await text('#status');
  assert.match(status, /Ready: interpreter loaded in \d+ ms/);
  assert.match(status, /wasm \d+(\.\d+)? (MB|kB)/);
  assert.deepEqual(pageErrors, []);
  await shot('1-loaded.png');
});

test('runs the program in the editor and the REPL line in its globals', async () => {
  await page.fill('#editor', 'import sys\nsquares = [i * i for i in range(6)]\nprint("squares", squares)\nprint("oops", file=sys.stderr)\n');
  await page.click('#run');
  await waitForOutput(/\[exit status 0/);
  const out = await text('#output');
  assert.match(out, /squares \[0, 1, 4, 9, 16, 25\]\noops\n/);
  await page.fill('#repl', 'sum(squares) * 2');
  await page.press('#repl', 'Enter');
  await waitForOutput(/\n110\n/);
  await page.fill('#repl', 'def twice(x):');
  await page.press('#repl', 'Enter');
  await page.waitForFunction(() => document.getElementById('prompt').textContent === '...');
  await page.fill('#repl', '    return 2 * x');
  await page.press('#repl', 'Enter');
  await page.fill('#repl', '');
  await page.press('#repl', 'Enter');
  await page.fill('#repl', 'twice(squares[-1])');
  await page.press('#repl', 'Enter');
  await waitForOutput(/\n50\n/);
  await page.fill('#repl', '1/0');
  await page.press('#repl', 'Enter');
  await waitForOutput(/ZeroDivisionError: division by zero/);
  await shot('2-program-and-repl.png');
});

test('Stop ends a program that runs forever and restarts the interpreter', async () => {
  await page.fill('#editor', 'print("looping")\nwhile True:\n    pass\n');
  await page.click('#run');
  await waitForOutput(/looping/);
  await page.waitForFunction(() => !document.getElementById('stop').disabled);
  await page.click('#stop');
  await waitForOutput(/\[stopped: the interpreter was restarted\]/);
  await page.waitForFunction(() => !document.getElementById('run').disabled, null, { timeout: 60_000 });
  await page.fill('#editor', 'print("alive", 6 * 7)\n');
  await page.click('#run');
  await waitForOutput(/alive 42\n/);
});

async function pystone(jit, passes) {
  await page.setChecked('#jit', jit);
  await page.fill('#passes', String(passes));
  await page.click('#pystone');
  await page.waitForFunction(() => /pystones\/second|no result/.test(document.getElementById('pystones').textContent), null, { timeout: 120_000 });
  const out = await text('#output');
  assert.match(out, new RegExp(`Pystone\\(1\\.2\\) time for ${passes} passes = [-\\d.e+]+\\nThis machine benchmarks at [-\\d.e+]+ pystones/second`));
  const rate = /^([\d,]+) pystones\/second/.exec(await text('#pystones'));
  assert.ok(rate, await text('#pystones'));
  return Number(rate[1].replaceAll(',', ''));
}

test('runs pystone with the JIT on: the JIT panel shows compiled traces', async () => {
  const rate = await pystone(true, 20000);
  assert.ok(rate > 0);
  const traces = Number(await text('#stat-traces'));
  assert.ok(traces > 0, `traces compiled: ${traces}`);
  assert.ok((await page.locator('#trace-list option').count()) > 0);
  assert.match(await text('#trace-ir'), /label\(/);
  await page.selectOption('#trace-list', { index: (await page.locator('#trace-list option').count()) - 1 });
  assert.match(await text('#trace-ir'), /guard_/);
  console.log(`# pystone in Chromium, JIT on: ${rate} pystones/s, ${traces} traces`);
  await shot('3-pystone-jit-on.png');
});

test('runs pystone with the JIT off: no traces', async () => {
  const rate = await pystone(false, 20000);
  assert.ok(rate > 0);
  assert.equal(await text('#stat-traces'), '0');
  assert.equal(await page.locator('#trace-list option').count(), 0);
  console.log(`# pystone in Chromium, JIT off: ${rate} pystones/s`);
  await shot('4-pystone-jit-off.png');
  assert.deepEqual(pageErrors, []);
});
