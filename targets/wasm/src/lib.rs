//! The wasm32 build of Kiln's interpreters, for Node and browsers.
//!
//! Built for `wasm32-unknown-unknown` and processed by wasm-bindgen
//! (`--target web`), it exports one entry point per command-line program:
//! [`kbf`] (Brainfuck) and [`kpy`] (Python, plus [`KpySession`] for
//! shells) — the JIT wiring in [`cli`] is shared, and [`jit`] exposes the
//! JIT's statistics to JS. Each entry point takes a
//! [`Host`] (a JS object: standard streams and files) and the arguments,
//! and returns the process exit code, so `targets/wasm/kbf.mjs` is a thin
//! Node wrapper and a browser Worker can supply its own host.
//!
//! With the JIT on, the framework's backend is `kiln_wasm::WasmBackend`:
//! each hot loop becomes a Wasm module linked into this instance's function
//! table at run time (see `docs/backend-wasm.md`).
//!
//! Modules:
//! * [`host`] — the JS host interface, stream adapters, clock, panic hook;
//! * [`cli`] — the JIT options shared by every program (`--jit=on|off`,
//!   `--jit-threshold N`, `--jit-stats`, `--jit-log FILE`) and their wiring;
//! * `bf` — the `kbf` program;
//! * `python` — the `kpy` program and `KpySession`;
//! * [`jit`] — JIT statistics as JSON for a JIT panel;
//! * [`math`] — `exp`, `log` and `pow` that round like glibc's, replacing
//!   the wasm32 standard library's (so Python prints native digits).

pub mod cli;
pub mod host;
pub mod jit;
pub mod math;
mod bf;
mod python;

pub use bf::kbf;
pub use host::Host;
pub use python::{kpy, needs_more_input, KpySession};
