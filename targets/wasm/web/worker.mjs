// The shell's Web Worker: runs Kiln's Python (compiled to WebAssembly, with
// the Wasm JIT) off the page's thread. In a Worker, V8 compiles Wasm
// modules of any size synchronously, so each trace the JIT emits is
// compiled and linked at once (see docs/backend-wasm.md, "Linking at run
// time", and targets/wasm/README.md for why asynchronous compilation would
// not help a worker that never returns to its event loop mid-run).
//
// Messages in:  {type: 'ring', sab}  (first, when the page can share memory:
//                output then goes through ring.mjs instead of messages)
//               {type: 'run', source, jit, threshold}
//               {type: 'pystone', passes, jit, threshold}
//               {type: 'repl', line, jit, threshold}
// Messages out: {type: 'ready', ms, wasmBytes, wasmTransfer}
//               {type: 'output', fd, text}  (batched)
//               {type: 'done', what, exitCode, ms, stats, log, more}
//               {type: 'error', message}

import init, { KpySession, jitStats, needsMoreInput } from './pkg/kiln_web.js';
import { ringWriter } from './ring.mjs';

const t0 = performance.now();
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const files = new Map(); // path -> Uint8Array: the in-memory file system
const LOG = 'jit.log';
let jitLog = [];
let session = null;
let sessionFlags = '';
let pending = { 1: '', 2: '' };
const streams = { 1: new TextDecoder(), 2: new TextDecoder() };
let replBuffer = '';
let ring = null;

function flush() {
  for (const fd of [1, 2]) {
    if (pending[fd]) postMessage({ type: 'output', fd, text: pending[fd] });
    pending[fd] = '';
  }
}

const pause = typeof SharedArrayBuffer === 'function' && self.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : null;

const host = {
  write(fd, bytes) {
    if (fd === 3) {
      jitLog.push(decoder.decode(bytes));
      return;
    }
    const k = fd === 2 ? 2 : 1;
    if (ring) {
      ring(k, bytes);
      return;
    }
    // Posted at once (the Worker cannot run a timer while Python runs, so
    // anything held back would wait for the next write).
    pending[k] += streams[k].decode(bytes, { stream: true });
    flush();
  },
  read() {
    return new Uint8Array(0); // no stdin: input() raises EOFError
  },
  readFile(path) {
    const data = files.get(path.replace(/^\.\//, ''));
    if (!data) throw 'No such file or directory (os error 2)';
    return data;
  },
  writeFile(path, bytes) {
    files.set(path.replace(/^\.\//, ''), Uint8Array.from(bytes));
  },
  createFile(path) {
    if (path !== LOG) throw 'Read-only file system (os error 30)';
    return 3;
  },
  time() {
    return (performance.timeOrigin + performance.now()) / 1000;
  },
  sleep(seconds) {
    const until = performance.now() + seconds * 1000;
    if (pause) Atomics.wait(pause, 0, 0, seconds * 1000);
    while (performance.now() < until) {
      // No SharedArrayBuffer (the page is not cross-origin isolated): spin.
    }
  },
};

function flags({ jit = true, threshold }) {
  const f = [`--jit=${jit ? 'on' : 'off'}`, '--jit-log', LOG];
  if (threshold) f.push('--jit-threshold', String(threshold));
  return f;
}

/** A fresh interpreter (and JIT) with these flags. */
function newSession(opts, script) {
  if (session) session.free();
  jitLog = [];
  session = new KpySession(host, [...flags(opts), script]);
  sessionFlags = JSON.stringify(flags(opts));
  replBuffer = '';
  return session;
}

function finish(what, exitCode, started, extra = {}) {
  flush();
  let stats = null;
  try {
    stats = JSON.parse(jitStats());
  } catch {
    // the instance trapped
  }
  postMessage({ type: 'done', what, exitCode, ms: performance.now() - started, stats, log: jitLog.join(''), ...extra });
}

async function pystoneSource() {
  if (!files.has('pystone.py')) {
    const r = await fetch('./pystone/pystone.py');
    if (!r.ok) throw new Error(`cannot load pystone.py (${r.status}): run python3 benches/fetch.py, or serve with node targets/wasm/serve.mjs`);
    files.set('pystone.py', new Uint8Array(await r.arrayBuffer()));
  }
}

let broken = null;

async function handle(msg) {
  if (broken) throw new Error(`the interpreter stopped after an internal error (${broken}); reload the page`);
  const started = performance.now();
  if (msg.type === 'run') {
    files.set('main.py', encoder.encode(msg.source));
    const s = newSession(msg, 'main.py');
    const code = s.runProgram(msg.source, 'main.py');
    finish('run', code, started);
  } else if (msg.type === 'pystone') {
    await pystoneSource();
    const s = newSession(msg, 'pystone');
    const passes = Math.max(1, Math.floor(Number(msg.passes) || 50000));
    const code = s.runProgram(`import pystone\npystone.main(${passes})\n`, '<pystone>');
    finish('pystone', code, started);
  } else if (msg.type === 'repl') {
    if (!session || sessionFlags !== JSON.stringify(flags(msg))) newSession(msg, '');
    replBuffer += `${msg.line}\n`;
    if (needsMoreInput(replBuffer) && msg.line.trim() !== '') {
      postMessage({ type: 'done', what: 'repl', more: true });
      return;
    }
    const src = replBuffer;
    replBuffer = '';
    const exit = session.runInteractive(src);
    if (exit !== undefined) {
      host.write(2, encoder.encode(`(the program exited with status ${exit}; the next input starts a new session)\n`));
      session.free();
      session = null;
    }
    finish('repl', exit ?? null, started);
  }
}

async function load() {
  try {
    const url = new URL('./pkg/kiln_web_bg.wasm', import.meta.url);
    await init({ module_or_path: url });
    const entry = performance.getEntriesByName(url.href)[0];
    postMessage({
      type: 'ready',
      ms: performance.now() - t0,
      wasmBytes: entry ? entry.decodedBodySize : 0,
      wasmTransfer: entry ? entry.encodedBodySize : 0,
    });
  } catch (err) {
    broken = 'the Wasm module did not load';
    postMessage({ type: 'error', message: `cannot load the Wasm module: ${err && err.message ? err.message : err}` });
  }
}

// Messages are handled one at a time, after the module has loaded.
let queue = load();
onmessage = (e) => {
  if (e.data.type === 'ring') {
    ring = ringWriter(e.data.sab);
    return;
  }
  queue = queue
    .then(() => handle(e.data))
    .catch((err) => {
      flush();
      if (err instanceof WebAssembly.RuntimeError) broken = err.message;
      postMessage({ type: 'error', message: String(err && err.message ? err.message : err) });
    });
};
