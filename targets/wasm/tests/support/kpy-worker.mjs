// One Python program in a fresh Wasm instance (a worker thread per
// program, so no state survives between programs and a trap cannot spoil
// the next one). workerData: { module (a compiled WebAssembly.Module),
// args (kpy's arguments), cwd (relative paths resolve against it), stdin }.
// Posts { exitCode, stdout, stderr, stats } (stats: the JIT's, as JSON).

import { workerData, parentPort } from 'node:worker_threads';
import { resolve } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { osError, wallTime, sleep, optimizeFromNowOn } from '../../host.mjs';
import { initSync, kpy, jitStats } from '../../pkg/kiln_web.js';

const { module, args, cwd, stdin = '' } = workerData;
initSync({ module });

const out = { 1: [], 2: [] };
const input = new TextEncoder().encode(stdin);
let pos = 0;
const at = (path) => resolve(cwd, path);
const host = {
  write(fd, bytes) {
    (out[fd] || (out[fd] = [])).push(Buffer.from(bytes));
  },
  read(fd, max) {
    const chunk = input.subarray(pos, pos + max);
    pos += chunk.length;
    return chunk;
  },
  readFile(path) {
    try {
      return readFileSync(at(path));
    } catch (e) {
      throw osError(e);
    }
  },
  writeFile(path, bytes) {
    try {
      writeFileSync(at(path), bytes);
    } catch (e) {
      throw osError(e);
    }
  },
  createFile(path) {
    throw `cannot create ${path} here (os error 30)`;
  },
  time: wallTime,
  sleep,
  ready: optimizeFromNowOn,
};

let exitCode;
try {
  exitCode = kpy(host, args);
} catch (e) {
  host.write(2, new TextEncoder().encode(`kpy: ${e && e.message ? e.message : e}\n`));
  exitCode = 101;
}
let stats = null;
try {
  stats = JSON.parse(jitStats());
} catch {
  // The instance trapped: no statistics.
}
const text = (fd) => Buffer.concat(out[fd] || []).toString('utf8');
parentPort.postMessage({ exitCode, stdout: text(1), stderr: text(2), stats });
