// The Node host of the wasm32 build: standard streams and files for the
// programs' entry points (see targets/wasm/src/host.rs for the interface),
// and loading the module.

import { readFileSync, writeSync, readSync, openSync } from 'node:fs';
import v8 from 'node:v8';
import { initSync } from './pkg/kiln_web.js';

const pause = new Int32Array(new SharedArrayBuffer(4));

// Node may put pipes in non-blocking mode; wait briefly and retry.
function retrying(op) {
  for (;;) {
    try {
      return op();
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

/** A host that reads stdin and writes stdout/stderr and files with node:fs. */
export function nodeHost() {
  return {
    write(fd, bytes) {
      let done = 0;
      while (done < bytes.length) {
        try {
          done += retrying(() => writeSync(fd, bytes, done, bytes.length - done));
        } catch (e) {
          // A closed stdout (EPIPE) ends output silently, like a native
          // program killed by SIGPIPE would.
          if (e.code === 'EPIPE') return;
          throw e;
        }
      }
    },
    read(fd, max) {
      const buf = new Uint8Array(max);
      try {
        const n = retrying(() => readSync(fd, buf, 0, max, null));
        return buf.subarray(0, n);
      } catch (e) {
        if (e.code === 'EOF') return new Uint8Array(0);
        throw e;
      }
    },
    readFile(path) {
      try {
        return readFileSync(path);
      } catch (e) {
        throw e.code === 'ENOENT' ? 'No such file or directory (os error 2)' : String(e.message || e);
      }
    },
    createFile(path) {
      try {
        return openSync(path, 'w');
      } catch (e) {
        throw String(e.message || e);
      }
    },
  };
}

/**
 * A host without I/O: `files` maps paths to contents (strings or bytes),
 * stdin is a string or bytes, and `output(fd)` returns what was written to
 * fd 1 (stdout), 2 (stderr) or a created file.
 */
export function memoryHost(files = {}, stdin = '') {
  const encode = (x) => (typeof x === 'string' ? new TextEncoder().encode(x) : Uint8Array.from(x));
  const input = encode(stdin);
  let pos = 0;
  const out = new Map();
  const created = new Map();
  let nextFd = 3;
  const append = (fd, bytes) => {
    const chunks = out.get(fd) || [];
    chunks.push(Uint8Array.from(bytes));
    out.set(fd, chunks);
  };
  return {
    write: append,
    read(fd, max) {
      const chunk = input.subarray(pos, pos + max);
      pos += chunk.length;
      return chunk;
    },
    readFile(path) {
      if (!(path in files)) throw 'No such file or directory (os error 2)';
      return encode(files[path]);
    },
    createFile(path) {
      created.set(path, nextFd);
      return nextFd++;
    },
    output(fdOrPath) {
      const fd = typeof fdOrPath === 'string' ? created.get(fdOrPath) : fdOrPath;
      const chunks = out.get(fd) || [];
      const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let k = 0;
      for (const c of chunks) {
        all.set(c, k);
        k += c.length;
      }
      return all;
    },
  };
}

let loaded = false;

/**
 * Loads and instantiates the Wasm module (once).
 *
 * V8 first compiles Wasm with its baseline compiler (Liftoff) and swaps in
 * optimized code (TurboFan) only when a function is called again: it has no
 * on-stack replacement for Wasm, so an interpreter loop that runs for the
 * whole program, or a long-running trace, would stay in baseline code
 * (about 2x slower). Compiling each function with TurboFan when it is first
 * called avoids that at a small start-up cost. `KILN_NODE_TIERING=default`
 * keeps V8's defaults (for comparisons).
 */
export function load() {
  if (!loaded) {
    if (process.env.KILN_NODE_TIERING !== 'default') {
      v8.setFlagsFromString('--wasm-lazy-compilation');
      v8.setFlagsFromString('--no-liftoff');
    }
    initSync({ module: readFileSync(new URL('./pkg/kiln_web_bg.wasm', import.meta.url)) });
    loaded = true;
  }
}
