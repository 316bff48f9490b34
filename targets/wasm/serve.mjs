#!/usr/bin/env node
// Serves the browser shell (targets/wasm/web/) on localhost:
//   node targets/wasm/serve.mjs [--port N] [--host H]     (default 127.0.0.1:8000)
// then open http://127.0.0.1:8000/. Build first: scripts/build-wasm.
//
// Routes: / and the shell's files from web/; /pkg/ (the wasm-bindgen
// output: the .wasm and its JS glue); /pystone/pystone.py from
// benches/cache/stage/pystone/, fetched with `python3 benches/fetch.py` the
// first time it is asked for (third-party code, never committed). Files
// are sent gzip-compressed when the browser accepts it (compressed once and
// kept), with the headers that make the page cross-origin isolated, so the
// Worker can block in time.sleep (Atomics.wait on a SharedArrayBuffer).
// Importable: `startServer({ port, host, quiet })` resolves to the server
// (its URL in `server.url`); port 0 picks a free one.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const pystoneDir = join(root, 'benches', 'cache', 'stage', 'pystone');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.py': 'text/x-python; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.ts': 'text/plain; charset=utf-8',
};

/** The file a URL path names, or null: only inside the served directories. */
function resolvePath(urlPath) {
  const mounts = [
    ['/pkg/', join(here, 'pkg')],
    ['/pystone/', pystoneDir],
    ['/', join(here, 'web')],
  ];
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    let rest = urlPath.slice(prefix.length) || 'index.html';
    if (prefix === '/pystone/' && rest !== 'pystone.py') return null;
    const file = normalize(join(dir, rest));
    if (!file.startsWith(dir + sep)) return null;
    return file;
  }
  return null;
}

function ensurePystone(log) {
  if (existsSync(join(pystoneDir, 'pystone.py'))) return true;
  log('serve: fetching pystone (python3 benches/fetch.py) ...');
  const r = spawnSync('python3', [join(root, 'benches', 'fetch.py')], { stdio: ['ignore', 'inherit', 'inherit'] });
  return r.status === 0 && existsSync(join(pystoneDir, 'pystone.py'));
}

const gzipped = new Map(); // path -> { mtimeMs, data }

async function body(file, acceptsGzip) {
  const info = await stat(file);
  if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
  if (!acceptsGzip) return { data: await readFile(file), encoding: null };
  const cached = gzipped.get(file);
  if (cached && cached.mtimeMs === info.mtimeMs) return { data: cached.data, encoding: 'gzip' };
  const data = gzipSync(await readFile(file), { level: 9 });
  gzipped.set(file, { mtimeMs: info.mtimeMs, data });
  return { data, encoding: 'gzip' };
}

/** Starts the server; resolves once it listens. */
export function startServer({ port = 8000, host = '127.0.0.1', quiet = false } = {}) {
  const log = quiet ? () => {} : (m) => console.error(m);
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad request\n');
      return;
    }
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cache-Control': 'no-cache',
    };
    const file = resolvePath(path);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    if (!file || (path.startsWith('/pystone/') && !ensurePystone(log))) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end(`not found: ${path}\n`);
      return;
    }
    try {
      const { data, encoding } = await body(file, /\bgzip\b/.test(req.headers['accept-encoding'] || ''));
      res.writeHead(200, {
        ...headers,
        'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
        'Content-Length': data.length,
        ...(encoding ? { 'Content-Encoding': encoding, Vary: 'Accept-Encoding' } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : data);
    } catch (e) {
      const missing = e.code === 'ENOENT' || e.code === 'EISDIR';
      const hint = path.startsWith('/pkg/') ? ' (run scripts/build-wasm)' : '';
      res.writeHead(missing ? 404 : 500, { ...headers, 'Content-Type': 'text/plain' }).end(`${missing ? 'not found' : 'error'}: ${path}${hint}\n`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.url = `http://${host}:${server.address().port}/`;
      resolve(server);
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
  };
  if (args.includes('--help')) {
    console.log('usage: node targets/wasm/serve.mjs [--port N] [--host H]');
    process.exit(0);
  }
  if (!existsSync(join(here, 'pkg', 'kiln_web_bg.wasm'))) {
    console.error('serve: the Wasm build is missing; run scripts/build-wasm first');
    process.exit(2);
  }
  const port = Number(opt('--port', '8000'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: bad --port ${opt('--port')}`);
    process.exit(2);
  }
  try {
    const server = await startServer({ port, host: opt('--host', '127.0.0.1') });
    console.log(`Kiln shell: ${server.url}  (Ctrl-C to stop)`);
  } catch (e) {
    console.error(`serve: ${e.message}`);
    process.exit(1);
  }
}
