// The Node host of the wasm32 build: standard streams and files for the
// programs' entry points (see targets/wasm/src/host.rs for the interface),
// and loading the module.

import { readFileSync, writeFileSync, writeSync, readSync, openSync } from 'node:fs';
import { constants } from 'node:os';
import v8 from 'node:v8';
import { initSync } from './pkg/kiln_web.js';

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Seconds since the Unix epoch, with sub-millisecond resolution. */
export function wallTime() {
  return (performance.timeOrigin + performance.now()) / 1000;
}

/** Blocks the thread for `seconds` (Atomics.wait: Node, and Workers). */
export function sleep(seconds) {
  if (seconds > 0) Atomics.wait(pause, 0, 0, seconds * 1000);
}

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

// strerror() of the errors a program is likely to meet; Node's own
// message for the rest.
const messages = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  EROFS: 'Read-only file system',
  ENOSPC: 'No space left on device',
  ENAMETOOLONG: 'File name too long',
  ELOOP: 'Too many levels of symbolic links',
};

/**
 * A node:fs error as Rust renders an OS error, "Message (os error N)",
 * which the interpreters turn into the matching error (Python: the OSError
 * subclass with errno N).
 */
export function osError(e) {
  const errno = constants.errno[e.code];
  if (errno === undefined) return String(e.message || e);
  return `${messages[e.code] || String(e.message || e.code)} (os error ${errno})`;
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
        throw osError(e);
      }
    },
    createFile(path) {
      try {
        return openSync(path, 'w');
      } catch (e) {
        throw osError(e);
      }
    },
    writeFile(path, bytes) {
      try {
        writeFileSync(path, bytes);
      } catch (e) {
        throw osError(e);
      }
    },
    time: wallTime,
    sleep,
    ready: optimizeFromNowOn,
  };
}

/**
 * A host without I/O: `files` maps paths to contents (strings or bytes;
 * `writeFile` and `createFile` add to it), stdin is a string or bytes, and
 * `output(fd)` returns what was written to fd 1 (stdout), 2 (stderr) or a
 * created file (by fd or path).
 */
export function memoryHost(initialFiles = {}, stdin = '') {
  const files = { ...initialFiles };
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
    files,
    write: append,
    read(fd, max) {
      const chunk = input.subarray(pos, pos + max);
      pos += chunk.length;
      return chunk;
    },
    readFile(path) {
      if (!Object.hasOwn(files, path)) throw 'No such file or directory (os error 2)';
      return encode(files[path]);
    },
    writeFile(path, bytes) {
      files[path] = Uint8Array.from(bytes);
    },
    time: wallTime,
    sleep,
    ready: optimizeFromNowOn,
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

let compiled = null;
let loaded = false;

/**
 * V8 tiering. V8 first compiles Wasm with its baseline compiler (Liftoff)
 * and swaps in optimized code (TurboFan) only when a function is called
 * again: it has no on-stack replacement for Wasm, so an interpreter loop
 * that runs for the whole program, or a long-running trace, would stay in
 * baseline code (about 2.5x slower). So functions first called once the
 * program runs are compiled by TurboFan at once (`--no-liftoff`), while
 * the interpreter's initialization and the parser, which run before (see
 * `ready()` in src/python.rs), use Liftoff and tier up as V8 likes: the
 * fast start of the one, the steady speed of the other.
 * `KILN_NODE_TIERING=default` keeps V8's defaults throughout (faster start,
 * slower long runs); `KILN_NODE_TIERING=optimize` uses TurboFan from the
 * start (what kbf.mjs always did).
 */
const tiering = process.env.KILN_NODE_TIERING || 'auto';

/** Switches V8 to optimizing compilation for functions not compiled yet. */
export function optimizeFromNowOn() {
  if (tiering !== 'default') {
    v8.setFlagsFromString('--wasm-lazy-compilation');
    v8.setFlagsFromString('--no-liftoff');
  }
}

/**
 * The compiled Wasm module (compiled once per thread, lazily: functions
 * are compiled when first called). A `WebAssembly.Module` can be sent to
 * workers, which then share its compiled code.
 */
export function compileModule() {
  if (!compiled) {
    if (tiering === 'optimize') optimizeFromNowOn();
    compiled = new WebAssembly.Module(readFileSync(new URL('./pkg/kiln_web_bg.wasm', import.meta.url)));
  }
  return compiled;
}

/** Loads and instantiates the Wasm module in this thread (once). */
export function load() {
  if (!loaded) {
    initSync({ module: compileModule() });
    loaded = true;
  }
}
