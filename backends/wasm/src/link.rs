//! Linking on wasm32: each emitted module is compiled and instantiated by
//! the host, its function is put into a slot of the interpreter's function
//! table, and running the trace is an indirect call of that slot.
//!
//! The host side is one small JS module (`inline_js` below, emitted by
//! wasm-bindgen next to the interpreter's glue): `WebAssembly.Module` and
//! `WebAssembly.Instance` compile synchronously (allowed in Node and in a
//! Web Worker; Chrome's main thread limits synchronous compilation to 8 MB),
//! with `{env: {memory, table}}` as imports. JS runs only here, never when
//! traces are entered or call back into the interpreter.
//!
//! Slots freed by dropped code are reused. The backend keeps the number of
//! live modules and their total size under its [`Limits`]: when a new module
//! takes them over, the least recently entered traces are reported through
//! [`Backend::take_evicted`]; the driver drops them, which frees their slots
//! (and lets the engine collect their instances).

use crate::Limits;
use kiln::backend::{Backend, CompileInfo, CompiledCode};
use kiln::ctx::JitCtx;
use kiln::ir::Trace;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
function message(e) {
  return String((e && e.message) || e);
}
export function kiln_wasm_grow(table) {
  try {
    return table.grow(1);
  } catch (e) {
    throw "cannot grow the interpreter's function table (link it with --growable-table): " + message(e);
  }
}
export function kiln_wasm_link(bytes, memory, table, slot) {
  let instance;
  try {
    const module = new WebAssembly.Module(bytes);
    instance = new WebAssembly.Instance(module, { env: { memory, table } });
  } catch (e) {
    throw "cannot instantiate a trace's module: " + message(e);
  }
  table.set(slot, instance.exports.run);
  return slot;
}
export function kiln_wasm_unlink(table, slot) {
  table.set(slot, null);
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn kiln_wasm_grow(table: &JsValue) -> Result<u32, JsValue>;
    #[wasm_bindgen(catch)]
    fn kiln_wasm_link(bytes: &[u8], memory: &JsValue, table: &JsValue, slot: u32) -> Result<u32, JsValue>;
    fn kiln_wasm_unlink(table: &JsValue, slot: u32);
}

fn js_error(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

thread_local! {
    /// Table slots whose code was dropped, for any backend of this thread
    /// (there is one table).
    static FREE_SLOTS: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// State shared by the backend and its code.
struct Shared {
    memory: JsValue,
    table: JsValue,
    /// Counts trace entries; each code remembers the count at its last entry.
    clock: Cell<u64>,
}

impl Shared {
    fn slot(&self) -> Result<u32, String> {
        if let Some(s) = FREE_SLOTS.with(|f| f.borrow_mut().pop()) {
            return Ok(s);
        }
        kiln_wasm_grow(&self.table).map_err(js_error)
    }
}

fn free_slot(slot: u32) {
    FREE_SLOTS.with(|f| f.borrow_mut().push(slot));
}

/// One linked trace: its table slot. Dropping it frees the slot.
pub struct WasmCode {
    slot: u32,
    size: usize,
    last_entered: Cell<u64>,
    shared: Rc<Shared>,
}

impl WasmCode {
    /// The trace's slot in the interpreter's function table (its function
    /// pointer).
    pub fn slot(&self) -> u32 {
        self.slot
    }
}

impl Drop for WasmCode {
    fn drop(&mut self) {
        kiln_wasm_unlink(&self.shared.table, self.slot);
        free_slot(self.slot);
    }
}

type EntryFn = extern "C" fn(*mut JitCtx, *mut u64) -> u64;

impl CompiledCode for WasmCode {
    unsafe fn run(&self, ctx: *mut JitCtx, buf: *mut u64) -> u64 {
        let t = self.shared.clock.get().wrapping_add(1);
        self.shared.clock.set(t);
        self.last_entered.set(t);
        // SAFETY: on wasm32 a function pointer is an index into the
        // function table, and this slot holds the module's `run`, whose
        // Wasm type `(i32, i32) -> i64` is this ABI's (`call_indirect`
        // checks it).
        let f: EntryFn = unsafe { std::mem::transmute::<usize, EntryFn>(self.slot as usize) };
        f(ctx, buf)
    }
    fn code_size(&self) -> usize {
        self.size
    }
}

struct Linked {
    trace_id: u32,
    size: usize,
    code: Weak<WasmCode>,
    /// Reported to the driver as evicted (not counted against the limits).
    reported: bool,
}

/// The Wasm code generator and linker.
pub struct WasmBackend {
    shared: Rc<Shared>,
    limits: Limits,
    linked: Vec<Linked>,
    evicted: Vec<u32>,
    compiled: u64,
}

impl WasmBackend {
    /// A backend linking into this process's memory and function table,
    /// with the default [`Limits`].
    pub fn new() -> Result<Self, String> {
        Self::with_limits(Limits::default())
    }

    /// A backend with the given caps on live code.
    pub fn with_limits(limits: Limits) -> Result<Self, String> {
        let shared = Rc::new(Shared { memory: wasm_bindgen::memory(), table: wasm_bindgen::function_table(), clock: Cell::new(0) });
        // Fail now, with a clear message, if the table cannot grow (it has
        // grown before if slots are free); the slot is kept for a trace.
        if FREE_SLOTS.with(|f| f.borrow().is_empty()) {
            free_slot(kiln_wasm_grow(&shared.table).map_err(js_error)?);
        }
        Ok(WasmBackend { shared, limits, linked: Vec::new(), evicted: Vec::new(), compiled: 0 })
    }

    /// Number of traces compiled so far.
    pub fn traces_compiled(&self) -> u64 {
        self.compiled
    }

    /// Live modules and their total size (evicted ones the driver still
    /// holds included).
    pub fn live(&self) -> (usize, usize) {
        let alive = self.linked.iter().filter(|l| l.code.strong_count() > 0);
        alive.fold((0, 0), |(n, b), l| (n + 1, b + l.size))
    }

    /// [`Backend::compile`] with the concrete result type.
    pub fn compile_trace(&mut self, trace: &Trace<'_>, info: &CompileInfo) -> Result<Rc<WasmCode>, String> {
        let bytes = crate::emit(trace, info)?;
        let slot = self.shared.slot()?;
        if let Err(e) = kiln_wasm_link(&bytes, &self.shared.memory, &self.shared.table, slot) {
            free_slot(slot);
            return Err(js_error(e));
        }
        let code = Rc::new(WasmCode { slot, size: bytes.len(), last_entered: Cell::new(self.shared.clock.get()), shared: self.shared.clone() });
        self.compiled += 1;
        self.linked.retain(|l| l.code.strong_count() > 0);
        self.linked.push(Linked { trace_id: info.trace_id, size: bytes.len(), code: Rc::downgrade(&code), reported: false });
        self.enforce_limits();
        Ok(code)
    }

    /// Reports the least recently entered traces (never the newest) until
    /// the unreported ones fit the limits.
    fn enforce_limits(&mut self) {
        let newest = self.linked.len() - 1;
        loop {
            let kept = self.linked.iter().filter(|l| !l.reported);
            let (count, bytes) = kept.fold((0, 0), |(n, b), l| (n + 1, b + l.size));
            if count <= self.limits.max_modules && bytes <= self.limits.max_bytes {
                return;
            }
            let victim = self.linked[..newest]
                .iter()
                .enumerate()
                .filter(|(_, l)| !l.reported)
                .filter_map(|(k, l)| l.code.upgrade().map(|c| (k, c.last_entered.get())))
                .min_by_key(|&(k, t)| (t, k));
            let Some((k, _)) = victim else { return };
            self.linked[k].reported = true;
            self.evicted.push(self.linked[k].trace_id);
        }
    }
}

impl Backend for WasmBackend {
    fn name(&self) -> &'static str {
        "wasm"
    }

    fn compile(&mut self, trace: &Trace<'_>, info: &CompileInfo) -> Result<Rc<dyn CompiledCode>, String> {
        Ok(self.compile_trace(trace, info)?)
    }

    fn take_evicted(&mut self) -> Vec<u32> {
        std::mem::take(&mut self.evicted)
    }
}
