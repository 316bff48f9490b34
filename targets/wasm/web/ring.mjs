// A byte ring in a SharedArrayBuffer carrying the Worker's output to the
// page. A Worker running Python cannot return to its event loop, so output
// must either be posted message by message (costly: a message per printed
// line) or written where the page can poll it. The Worker appends records
// (1 byte fd, 4 bytes length, the bytes) and blocks, with Atomics.wait,
// while the ring is full; the page reads records every few milliseconds
// and wakes it. Needs a cross-origin isolated page (serve.mjs sends the
// headers); without one, the Worker posts messages instead.

const CAP = 1 << 20; // bytes; a power of two
const W = 0; // header word: bytes written (wraps)
const R = 1; // header word: bytes read (wraps)

/** A new ring's SharedArrayBuffer (header + data), or null when unavailable. */
export function createRing() {
  if (typeof SharedArrayBuffer !== 'function' || !globalThis.crossOriginIsolated) return null;
  return new SharedArrayBuffer(8 + CAP);
}

function views(sab) {
  return { head: new Int32Array(sab, 0, 2), data: new Uint8Array(sab, 8, CAP) };
}

/** The Worker's side: `write(fd, bytes)`. */
export function ringWriter(sab) {
  const { head, data } = views(sab);
  const put = (pos, bytes) => {
    const at = pos & (CAP - 1);
    const first = Math.min(bytes.length, CAP - at);
    data.set(bytes.subarray(0, first), at);
    if (first < bytes.length) data.set(bytes.subarray(first), 0);
  };
  const record = (fd, bytes) => {
    const need = 5 + bytes.length;
    for (;;) {
      const w = Atomics.load(head, W);
      const r = Atomics.load(head, R);
      if (CAP - ((w - r) | 0) >= need) {
        const h = new Uint8Array(5);
        h[0] = fd;
        new DataView(h.buffer).setUint32(1, bytes.length);
        put(w, h);
        put((w + 5) | 0, bytes);
        Atomics.store(head, W, (w + need) | 0);
        return;
      }
      Atomics.wait(head, R, r, 100); // the page reads, stores R and notifies
    }
  };
  return (fd, bytes) => {
    for (let i = 0; i < bytes.length; i += CAP / 4) record(fd, bytes.subarray(i, i + CAP / 4));
  };
}

/** The page's side: `read()` returns the records written since, as [fd, bytes]. */
export function ringReader(sab) {
  const { head, data } = views(sab);
  const get = (pos, n) => {
    const out = new Uint8Array(n);
    const at = pos & (CAP - 1);
    const first = Math.min(n, CAP - at);
    out.set(data.subarray(at, at + first));
    if (first < n) out.set(data.subarray(0, n - first), first);
    return out;
  };
  return () => {
    const w = Atomics.load(head, W);
    let r = Atomics.load(head, R);
    const records = [];
    while (r !== w) {
      const h = get(r, 5);
      const n = new DataView(h.buffer).getUint32(1);
      records.push([h[0], get((r + 5) | 0, n)]);
      r = (r + 5 + n) | 0;
    }
    Atomics.store(head, R, r);
    Atomics.notify(head, R);
    return records;
  };
}
