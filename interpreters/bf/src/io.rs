//! Program input and output, reached from traces through residual calls.
//!
//! Output is buffered per thread and handed to a sink in chunks; input is a
//! byte source read on demand. Both are installed for the duration of a run.

use std::cell::RefCell;
use std::io::{Read, Write};

/// Where `,` reads from.
pub enum Input {
    Bytes(Vec<u8>, usize),
    Reader(Box<dyn Read>),
}

/// Where `.` writes to.
pub enum Output {
    Buffer(Vec<u8>),
    Writer(Box<dyn Write>),
}

pub(crate) struct Io {
    pub input: Input,
    pub output: Output,
    pending: Vec<u8>,
    pub error: Option<std::io::Error>,
}

thread_local! {
    static IO: RefCell<Option<Io>> = const { RefCell::new(None) };
}

pub(crate) fn install(input: Input, output: Output) {
    IO.with(|io| *io.borrow_mut() = Some(Io { input, output, pending: Vec::with_capacity(8192), error: None }));
}

/// Flushes and removes the installed I/O, returning it.
pub(crate) fn uninstall() -> Io {
    flush();
    IO.with(|io| io.borrow_mut().take().expect("no I/O installed"))
}

pub(crate) fn flush() {
    IO.with(|io| {
        if let Some(io) = io.borrow_mut().as_mut() {
            let pending = std::mem::take(&mut io.pending);
            match &mut io.output {
                Output::Buffer(b) => b.extend_from_slice(&pending),
                Output::Writer(w) => {
                    if let Err(e) = w.write_all(&pending).and_then(|_| w.flush()) {
                        io.error.get_or_insert(e);
                    }
                }
            }
            io.pending = pending;
            io.pending.clear();
        }
    });
}

/// `.`: buffers one byte.
pub(crate) fn put(c: i64) {
    let full = IO.with(|io| {
        let mut io = io.borrow_mut();
        let io = io.as_mut().expect("no I/O installed");
        io.pending.push(c as u8);
        io.pending.len() >= 8192
    });
    if full {
        flush();
    }
}

/// `,`: the next input byte, or 0 at end of input. Output is flushed first
/// so that prompts appear before the program waits.
pub(crate) fn get(_old: i64) -> i64 {
    flush();
    IO.with(|io| {
        let mut io = io.borrow_mut();
        let io = io.as_mut().expect("no I/O installed");
        match &mut io.input {
            Input::Bytes(b, pos) => {
                let c = b.get(*pos).copied().unwrap_or(0);
                *pos += 1;
                c as i64
            }
            Input::Reader(r) => {
                let mut byte = [0u8];
                match r.read(&mut byte) {
                    Ok(1) => byte[0] as i64,
                    _ => 0,
                }
            }
        }
    })
}
