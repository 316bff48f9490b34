// The browser shell's static server (serve.mjs): routes, compression, the
// cross-origin isolation headers, and nothing served outside its folders.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startServer } from '../serve.mjs';

function get(server, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, server.url), { headers, path }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves the shell, the Wasm build and nothing else', async () => {
  const server = await startServer({ port: 0, quiet: true });
  try {
    const page = await get(server, '/');
    assert.equal(page.status, 200);
    assert.match(page.headers['content-type'], /text\/html/);
    assert.equal(page.headers['cross-origin-opener-policy'], 'same-origin');
    assert.equal(page.headers['cross-origin-embedder-policy'], 'require-corp');
    assert.match(page.body.toString(), /id="editor"/);
    const wasm = await get(server, '/pkg/kiln_web_bg.wasm', { 'accept-encoding': 'gzip, br' });
    assert.equal(wasm.status, 200);
    assert.equal(wasm.headers['content-type'], 'application/wasm');
    assert.equal(wasm.headers['content-encoding'], 'gzip');
    assert.deepEqual([...gunzipSync(wasm.body).subarray(0, 4)], [0, 0x61, 0x73, 0x6d]);
    const worker = await get(server, '/worker.mjs');
    assert.match(worker.headers['content-type'], /javascript/);
    for (const path of ['/../../Cargo.toml', '/%2e%2e/%2e%2e/Cargo.toml', '/pkg/../../Cargo.toml', '/pystone/run_pystone.py', '/no-such-file.js']) {
      assert.equal((await get(server, path)).status, 404, path);
    }
    assert.equal((await get(server, '/%E0%A4%A')).status, 400);
  } finally {
    server.close();
  }
});
