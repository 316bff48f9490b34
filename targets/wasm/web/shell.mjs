// The browser shell's page logic: the editor with line numbers, Run, Run
// pystone, the REPL line, the JIT switch and the JIT panel. Python runs in
// worker.mjs; this thread only talks to it (output comes through a shared
// ring, ring.mjs, when the page is cross-origin isolated).

import { createRing, ringReader } from './ring.mjs';

const $ = (id) => document.getElementById(id);
const editor = $('editor');
const gutter = $('gutter');
const output = $('output');
const replInput = $('repl');
const pageStart = performance.now();

const EXAMPLE = `# Edit and press Run (Ctrl-Enter). The REPL line below runs in this program's globals.
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

total = 0
for i in range(200000):
    total += i % 7
print("total", total)
print([fib(n) for n in range(12)])
`;

editor.value = localStorage.getItem('kiln-shell-source') ?? EXAMPLE;

function updateGutter() {
  const n = editor.value.split('\n').length;
  let s = '';
  for (let i = 1; i <= n; i++) s += `${i}\n`;
  gutter.textContent = s;
  gutter.scrollTop = editor.scrollTop;
}
editor.addEventListener('input', () => {
  updateGutter();
  localStorage.setItem('kiln-shell-source', editor.value);
});
editor.addEventListener('scroll', () => (gutter.scrollTop = editor.scrollTop));
editor.addEventListener('keydown', (e) => {
  if (e.key === 'Tab' && !e.shiftKey) {
    e.preventDefault();
    editor.setRangeText('    ', editor.selectionStart, editor.selectionEnd, 'end');
    updateGutter();
  } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    run();
  }
});
updateGutter();

// Output arrives in many small messages: append it once per frame, and
// keep the console to its last MAX_OUTPUT characters.
const MAX_OUTPUT = 200_000;
let queued = [];
let frame = 0;

function render() {
  frame = 0;
  // Runs of the same class become one string, appended once.
  const runs = [];
  for (const [text, cls] of queued) {
    const last = runs[runs.length - 1];
    if (last && last.cls === cls) last.parts.push(text);
    else runs.push({ cls, parts: [text] });
  }
  queued = [];
  for (const { cls, parts } of runs) {
    const text = parts.join('');
    const last = output.lastChild;
    if (last && (last.className || null) === cls && last.textContent.length < 20_000) {
      last.append(text);
    } else {
      const span = document.createElement('span');
      if (cls) span.className = cls;
      span.textContent = text;
      output.append(span);
    }
  }
  let total = 0;
  for (const c of output.childNodes) total += c.textContent.length;
  while (total > MAX_OUTPUT && output.firstChild) {
    const first = output.firstChild;
    const excess = total - MAX_OUTPUT;
    if (first.textContent.length > excess) {
      first.textContent = first.textContent.slice(excess);
      total -= excess;
    } else {
      total -= first.textContent.length;
      first.remove();
    }
  }
  output.scrollTop = output.scrollHeight;
}

function print(text, cls = null) {
  queued.push([text, cls]);
  if (!frame) frame = requestAnimationFrame(render);
}

/** Renders what is queued now (before reading the console). */
function drain() {
  if (frame) cancelAnimationFrame(frame);
  render();
}

function clearOutput() {
  queued = [];
  drain();
  output.textContent = '';
}

// ---- the worker

let worker = null;
let busy = true;
let onDone = null;

function setBusy(b) {
  busy = b;
  for (const id of ['run', 'pystone']) $(id).disabled = b;
  $('stop').disabled = !b || !$('status').dataset.ready;
  replInput.disabled = b;
  if (!b) replInput.focus({ preventScroll: true });
}

function send(msg) {
  return new Promise((resolve) => {
    setBusy(true);
    onDone = resolve;
    worker.postMessage({ jit: $('jit').checked, ...msg });
  });
}

const kb = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${Math.round(n / 1e3)} kB`);

function onMessage({ data: m }) {
  if (m.type === 'ready') {
    const page = performance.now() - pageStart;
    const size = m.wasmBytes ? `wasm ${kb(m.wasmBytes)}${m.wasmTransfer && m.wasmTransfer < m.wasmBytes ? ` (${kb(m.wasmTransfer)} gzipped download)` : ''}` : 'wasm size unknown';
    $('status').textContent = $('status').dataset.ready
      ? `Ready: interpreter restarted in ${Math.round(m.ms)} ms · ${size}`
      : `Ready: interpreter loaded in ${Math.round(m.ms)} ms (${Math.round(page)} ms after the page started) · ${size}`;
    $('status').dataset.ready = '1';
    setBusy(false);
  } else if (m.type === 'output') {
    print(m.text, m.fd === 2 ? 'err' : null);
  } else if (m.type === 'done') {
    if (m.stats) showJit(m.stats, m.log);
    finishRequest(m);
  } else if (m.type === 'error') {
    print(`kiln: ${m.message}\n`, 'err');
    if (!$('status').dataset.ready) $('status').textContent = `Failed to load: ${m.message}`;
    finishRequest(m);
  }
}

function finishRequest(m) {
  const done = onDone;
  onDone = null;
  setBusy(false);
  if (done) done(m);
}

let readRing = null;
const decoders = { 1: new TextDecoder(), 2: new TextDecoder() };

/** Shows what the Worker wrote to the ring since the last call. */
function pollRing() {
  if (!readRing) return;
  for (const [fd, bytes] of readRing()) print(decoders[fd === 2 ? 2 : 1].decode(bytes, { stream: true }), fd === 2 ? 'err' : null);
}
setInterval(() => busy && pollRing(), 20);

function startWorker() {
  worker = new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module' });
  worker.onmessage = (e) => {
    pollRing(); // output written before this message comes first
    onMessage(e);
  };
  const sab = createRing();
  readRing = sab ? ringReader(sab) : null;
  if (sab) worker.postMessage({ type: 'ring', sab });
}
startWorker();

// Stop: the only way to interrupt Python running in a Worker is to end the
// Worker; a new one (with a new interpreter) takes its place.
$('stop').addEventListener('click', () => {
  if (!busy) return;
  worker.terminate();
  print('\n[stopped: the interpreter was restarted]\n', 'note');
  $('prompt').textContent = '>>>';
  startWorker();
  finishRequest({ type: 'stopped' });
  setBusy(true); // until the new worker reports 'ready'
  $('stop').disabled = true;
});

// ---- actions

async function run() {
  if (busy) return;
  clearOutput();
  const m = await send({ type: 'run', source: editor.value });
  if (m.type === 'done') print(`\n[exit status ${m.exitCode}, ${m.ms.toFixed(0)} ms, JIT ${$('jit').checked ? 'on' : 'off'}]\n`, 'note');
}

async function pystone() {
  if (busy) return;
  clearOutput();
  const passes = Math.max(1, Math.floor(Number($('passes').value) || 50000));
  $('pystones').textContent = 'running…';
  const m = await send({ type: 'pystone', passes });
  if (m.type === 'stopped') {
    $('pystones').textContent = 'stopped';
    return;
  }
  drain();
  const found = /benchmarks at ([\d.]+(?:e[+-]?\d+)?) pystones\/second/.exec(output.textContent);
  $('pystones').textContent = found ? `${Math.round(Number(found[1])).toLocaleString('en-US')} pystones/second (JIT ${$('jit').checked ? 'on' : 'off'})` : 'no result';
  if (m.type === 'done') print(`\n[pystone, ${passes} passes: exit status ${m.exitCode}, ${m.ms.toFixed(0)} ms]\n`, 'note');
}

async function repl(line) {
  print(`${$('prompt').textContent} ${line}\n`, 'note');
  const m = await send({ type: 'repl', line });
  $('prompt').textContent = m.more ? '...' : '>>>';
}

$('run').addEventListener('click', run);
$('pystone').addEventListener('click', pystone);
replInput.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' || busy) return;
  const line = replInput.value;
  replInput.value = '';
  repl(line);
});
$('jit').addEventListener('change', () => print(`[JIT ${$('jit').checked ? 'on' : 'off'} from the next run]\n`, 'note'));

// ---- the JIT panel

let traces = [];

/** The traces of a JIT log: "# TITLE: recorded|optimized, N ops" then the IR. */
export function parseLog(log) {
  const byTitle = new Map();
  const list = [];
  const parts = log.split(/^(?=# )/m);
  for (const part of parts) {
    const head = /^# (.*): (recorded|optimized), (\d+) ops\n/.exec(part);
    if (!head) continue;
    const [, title, phase, ops] = head;
    const ir = part.slice(head[0].length).replace(/\n+$/, '\n');
    let t = byTitle.get(title);
    if (!t || t[phase]) {
      t = { title, n: list.length + 1 };
      byTitle.set(title, t);
      list.push(t);
    }
    t[phase] = { ops: Number(ops), ir };
  }
  return list.filter((t) => t.optimized);
}

function showJit(st, log) {
  $('stat-traces').textContent = st.loopsCompiled + st.functionsCompiled;
  $('stat-bridges').textContent = st.bridgesCompiled;
  $('stat-guard-failures').textContent = st.guardFailures;
  $('stat-aborts').textContent = st.loopsAborted + st.functionsAborted + st.bridgesAborted;
  $('stat-entries').textContent = st.loopEntries;
  $('stat-bytes').textContent = st.codeBytes;
  const reasons = Object.entries(st.aborts);
  $('abort-reasons').textContent = reasons.length ? `aborts: ${reasons.map(([r, n]) => `${n}× ${r}`).join('; ')}` : '';
  traces = parseLog(log || '');
  const list = $('trace-list');
  list.textContent = '';
  for (const t of traces) {
    const o = document.createElement('option');
    o.value = String(t.n - 1);
    o.textContent = `#${t.n} ${t.title} (${t.optimized.ops} ops${t.recorded ? `, ${t.recorded.ops} recorded` : ''})`;
    list.append(o);
  }
  if (traces.length) {
    list.selectedIndex = 0;
    showTrace();
  } else {
    $('trace-ir').textContent = $('jit').checked ? 'No trace was compiled.' : 'The JIT is off.';
  }
}

function showTrace() {
  const t = traces[$('trace-list').selectedIndex];
  if (!t) return;
  const phase = $('show-recorded').checked && t.recorded ? t.recorded : t.optimized;
  $('trace-ir').textContent = phase.ir;
  $('trace-ir').classList.remove('muted');
}
$('trace-list').addEventListener('change', showTrace);
$('show-recorded').addEventListener('change', showTrace);
