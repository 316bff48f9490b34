//! Kiln's Wasm backend: optimized trace IR to a fresh WebAssembly module per
//! trace, linked into the running wasm32 interpreter.
//!
//! [`WasmBackend`] implements [`kiln::backend::Backend`]. Each trace becomes
//! a small module that imports the interpreter's linear memory and function
//! table and exports one function with the Wasm type of the compiled-code
//! ABI, `extern "C" fn(ctx: *mut JitCtx, buf: *mut u64) -> u64` on wasm32:
//! `(param i32 i32) (result i64)`. It behaves exactly like the IR evaluator
//! ([`kiln::eval`]), which is the reference semantics the tests compare
//! against. Residual calls and allocation go back into the interpreter
//! through the shared table (`call_indirect`), so no JS runs on the hot path.
//!
//! On wasm32 the backend hands each module to its host (one imported JS
//! function, see `link`), which compiles and instantiates it synchronously
//! and puts its function into a slot of the shared table; running the trace
//! is then an ordinary indirect call of that slot. The number of live
//! modules and their total size are capped ([`Limits`]): over the cap, the
//! least recently entered traces are reported to the driver through
//! [`Backend::take_evicted`], which drops them, freeing their slots.
//!
//! On other targets the backend only emits: [`emit`] turns a trace into
//! module bytes (the tests validate them), and [`WasmBackend::new`] fails.
//!
//! Modules:
//! * this file — the public API, [`Limits`];
//! * `check` — validation of the trace and its `CompileInfo` before any code
//!   is emitted (malformed input is an `Err`, never a panic);
//! * `emit` — the trace-to-Wasm translation: module layout, locals, loop,
//!   guard exits; `emit/ops.rs` emits each opcode;
//! * `runtime` — `extern "C"` shims compiled code calls (allocation, the
//!   slow path of `int_mul_ovf`);
//! * `validate` — `wasmparser` validation of emitted modules;
//! * `link` (wasm32 only) — the JS linker, table slots, eviction.
//!
//! ```no_run
//! # #[cfg(target_arch = "wasm32")] {
//! let backend = kiln_wasm::WasmBackend::new().expect("not running on wasm32");
//! kiln::driver::set_backend(Box::new(backend));
//! # }
//! ```

mod check;
mod emit;
#[cfg(target_arch = "wasm32")]
mod link;
mod runtime;
mod validate;

pub use emit::EXPORT_NAME;
pub use validate::{features, validate};

use kiln::backend::CompileInfo;
use kiln::ir::Trace;

/// Caps on the code a backend keeps linked at once.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Live modules (one per compiled trace, bridges included).
    pub max_modules: usize,
    /// Total size of the live modules' bytes.
    pub max_bytes: usize,
}

impl Default for Limits {
    /// 4096 modules and 32 MiB of module bytes: far above what one program
    /// usually needs (engines keep a few times the module size in machine
    /// code), low enough to bound a runaway program's memory.
    fn default() -> Self {
        Limits { max_modules: 4096, max_bytes: 32 << 20 }
    }
}

/// Emits the Wasm module for `trace` (on any host; the module's addresses
/// are only meaningful in the wasm32 process whose descriptors and
/// functions the trace names). Malformed traces are errors.
pub fn emit(trace: &Trace<'_>, info: &CompileInfo) -> Result<Vec<u8>, String> {
    let plan = check::check(trace, info)?;
    let bytes = emit::module(trace, info, &plan)?;
    if cfg!(any(debug_assertions, feature = "validate")) {
        validate(&bytes).map_err(|e| format!("internal error: emitted an {e}"))?;
    }
    Ok(bytes)
}

#[cfg(target_arch = "wasm32")]
pub use link::{WasmBackend, WasmCode};

/// The Wasm code generator (only usable on wasm32: elsewhere
/// [`WasmBackend::new`] fails and [`emit`] is the way to get modules).
#[cfg(not(target_arch = "wasm32"))]
pub struct WasmBackend {
    _private: (),
}

#[cfg(not(target_arch = "wasm32"))]
impl WasmBackend {
    /// Fails: compiled modules can only be linked into a wasm32 process.
    pub fn new() -> Result<Self, String> {
        Self::with_limits(Limits::default())
    }

    /// Fails: compiled modules can only be linked into a wasm32 process.
    pub fn with_limits(_limits: Limits) -> Result<Self, String> {
        Err("the Wasm backend links code only when the interpreter runs as wasm32 (use kiln_wasm::emit to get module bytes)".into())
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl kiln::backend::Backend for WasmBackend {
    fn name(&self) -> &'static str {
        "wasm"
    }
    fn compile(&mut self, _trace: &Trace<'_>, _info: &CompileInfo) -> Result<std::rc::Rc<dyn kiln::backend::CompiledCode>, String> {
        Err("the Wasm backend links code only on wasm32".into())
    }
}
