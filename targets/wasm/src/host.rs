//! The JS host: what a program sees of the outside world.
//!
//! A host is a plain JS object with these methods (see `host.mjs` for
//! Node's):
//! * `write(fd, bytes)` — fd 1 is stdout, 2 stderr, others files it
//!   created; `bytes` is a view into Wasm memory, valid during the call;
//! * `read(fd, max)` — up to `max` bytes from fd 0 (stdin) as a
//!   `Uint8Array`; empty at end of input;
//! * `readFile(path)` — the file's bytes (throws a message on failure);
//! * `createFile(path)` — a new fd for writing (throws on failure);
//! * `writeFile(path, bytes)` — creates or replaces a whole file (throws
//!   on failure; Python's `open()` writes files back on close);
//! * `time()` — seconds since the Unix epoch, and `sleep(seconds)` — block
//!   (both optional: without them the wall clock is the monotonic clock
//!   and sleeping does nothing);
//! * `ready()` — optional: called once the interpreter is initialized, just
//!   before the program runs (Node's host tunes V8's tiering there).
//!
//! Failures are thrown as strings; "Message (os error N)" (Rust's form)
//! carries an errno, which Python turns into the matching `OSError`.
//!
//! The clock is `performance.now()`, which Node and Web Workers have.

use std::cell::RefCell;
use std::io;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The JS host object passed to each entry point.
    pub type Host;
    #[wasm_bindgen(method)]
    fn write(this: &Host, fd: u32, data: &[u8]);
    #[wasm_bindgen(method)]
    fn read(this: &Host, fd: u32, max: u32) -> Vec<u8>;
    #[wasm_bindgen(method, catch, js_name = readFile)]
    fn read_file(this: &Host, path: &str) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(method, catch, js_name = createFile)]
    fn create_file(this: &Host, path: &str) -> Result<u32, JsValue>;
    #[wasm_bindgen(method, catch, js_name = writeFile)]
    fn write_file(this: &Host, path: &str, data: &[u8]) -> Result<(), JsValue>;

    #[wasm_bindgen(method, catch, js_name = time)]
    fn wall_time(this: &Host) -> Result<f64, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn sleep(this: &Host, seconds: f64) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn ready(this: &Host) -> Result<(), JsValue>;

    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

thread_local! {
    static HOST: RefCell<Option<Host>> = const { RefCell::new(None) };
}

/// Installs `host` for the current entry point: the clock, a panic hook
/// that reports on stderr, and the streams.
pub(crate) fn install(host: Host) {
    HOST.with(|h| *h.borrow_mut() = Some(host));
    kiln::clock::set_source(|| performance_now() / 1000.0);
    std::panic::set_hook(Box::new(|info| {
        let msg = format!("kiln: internal error: {info}\n");
        write_fd(2, msg.as_bytes());
    }));
}

/// Removes the host after an entry point returns.
pub(crate) fn uninstall() {
    HOST.with(|h| h.borrow_mut().take());
}

fn with_host<R>(f: impl FnOnce(&Host) -> R) -> Option<R> {
    HOST.with(|h| h.borrow().as_ref().map(f))
}

/// Writes to a host fd (dropped when no host is installed).
pub(crate) fn write_fd(fd: u32, data: &[u8]) {
    with_host(|h| h.write(fd, data));
}

/// Prints a line on stderr.
pub(crate) fn eprintln(msg: &str) {
    write_fd(2, format!("{msg}\n").as_bytes());
}

fn js_message(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// Reads a whole file through the host.
pub(crate) fn read_file(path: &str) -> Result<Vec<u8>, String> {
    with_host(|h| h.read_file(path)).ok_or("no host installed")?.map_err(js_message)
}

/// Seconds since the Unix epoch from the host (else the monotonic clock).
pub(crate) fn wall_time() -> f64 {
    with_host(|h| h.wall_time().ok()).flatten().unwrap_or_else(kiln::clock::now)
}

/// Tells the host that the interpreter is initialized and the program
/// starts (optional: `ready()`).
pub(crate) fn ready() {
    with_host(|h| h.ready().ok());
}

/// Blocks for `seconds` through the host (if it can).
pub(crate) fn sleep(seconds: f64) {
    with_host(|h| h.sleep(seconds).ok());
}

/// Creates or replaces a whole file through the host.
pub(crate) fn write_file(path: &str, data: &[u8]) -> Result<(), String> {
    with_host(|h| h.write_file(path, data)).ok_or("no host installed")?.map_err(js_message)
}

/// Creates a file for writing through the host; returns a writer.
pub(crate) fn create_file(path: &str) -> Result<FdWriter, String> {
    let fd = with_host(|h| h.create_file(path)).ok_or("no host installed")?.map_err(js_message)?;
    Ok(FdWriter(fd))
}

/// Writes to a host fd.
pub struct FdWriter(pub u32);

impl io::Write for FdWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match with_host(|h| h.write(self.0, buf)) {
            Some(()) => Ok(buf.len()),
            None => Err(io::Error::other("no host installed")),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Reads the host's stdin.
pub struct Stdin;

impl io::Read for Stdin {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let max = buf.len().min(1 << 16) as u32;
        let data = with_host(|h| h.read(0, max)).ok_or_else(|| io::Error::other("no host installed"))?;
        let n = data.len().min(buf.len());
        buf[..n].copy_from_slice(&data[..n]);
        Ok(n)
    }
}
