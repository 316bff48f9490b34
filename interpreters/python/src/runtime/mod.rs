//! The runtime: the per-thread VM state (frames, built-in types, modules,
//! interned strings, I/O), object constructors and the error helpers every
//! other module uses. Submodules implement the object protocols.

pub mod attr;
pub mod call;
pub mod dict;
pub mod exc;
pub mod format;
pub mod fxhash;
pub mod hash;
pub mod iter;
pub mod num;
pub mod ops;
pub mod repr;
pub mod set;
pub mod types;

use crate::bytecode::Code;
use crate::interp::frame::Frame;
use crate::object::{self, Kind, PyStr, HASH_UNSET};
use crate::value::{ObjRef, Value};
use std::cell::Cell;
use std::collections::HashMap;
use std::io::Write;

pub use exc::*;
pub use types::Types;

/// Result of any operation that may raise: the error is the exception instance.
pub type PyResult<T> = Result<T, ObjRef>;

pub struct Vm {
    /// The frame stack. Frames are boxed so that a handler's reference to
    /// its frame stays valid while nested calls push more frames.
    pub frames: Vec<Box<Frame>>,
    pub t: Types,
    pub builtins: ObjRef,
    /// sys.modules
    pub modules: ObjRef,
    pub interned: fxhash::FxHashMap<Box<str>, ObjRef>,
    /// Interned names by the address of a static string (fast `intern_static`).
    pub static_names: fxhash::FxHashMap<usize, Value>,
    /// Frames kept for reuse (their slot buffers stay allocated).
    pub frame_pool: Vec<Box<Frame>>,
    pub codes: Vec<&'static Code>,
    pub out: Box<dyn Write>,
    pub err: Box<dyn Write>,
    /// The exception being handled (`sys.exc_info()`), or NONE.
    pub handled: Value,
    /// Arguments collected for a residual call.
    pub argbuf: Vec<Value>,
    /// Items of a slice copied by a trace's fused slice assignment, between
    /// its two residual calls (see `interp::subscr`).
    pub slice_stage: Vec<Value>,
    /// Tag of the last value a residual call returned.
    pub ret_tag: Cell<u64>,
    pub recursion_limit: usize,
    /// Depth of nested interpreter loops (builtins calling back into Python).
    pub nested: usize,
    /// For each nested loop, the heap's object count when it began: a
    /// collection inside it frees only younger objects (see
    /// `collect_at_safe_point`).
    pub nested_marks: Vec<usize>,
    /// A collection inside a nested loop was declined or could free only
    /// young objects: the loop at this nesting depth (which can free more)
    /// collects when control returns to it.
    pub gc_deferred_to: Option<usize>,
    /// Objects alive after the last full collection.
    pub live_after_full: usize,
    /// A generator that a builtin is draining (depth, heap mark, generator):
    /// its resumptions share the mark taken when the draining began.
    pub draining: Option<(usize, usize, ObjRef)>,
    /// Values Rust code holds across calls into Python.
    pub temp_roots: Vec<Value>,
    pub sources: HashMap<String, String>,
    pub int_max_str_digits: usize,
    pub script_dir: String,
    pub argv: Vec<String>,
    pub type_versions: u64,
    pub main_module: Option<ObjRef>,
    /// Modules being imported (to detect cycles and find file sources).
    pub importing: Vec<String>,
    pub stdin_lines: Option<Vec<String>>,
    pub jit_enabled: bool,
    /// An exception stashed by the non-raising variant of an effectful
    /// residual call, raised by the check that follows it in traces.
    pub pending: Option<ObjRef>,
    /// The one-character ASCII strings (shared, like CPython's).
    pub chars: Vec<Value>,
    /// Types of the built-in iterators by name (made on first use).
    pub iter_types: fxhash::FxHashMap<&'static str, ObjRef>,
}

thread_local! {
    // A plain pointer (no destructor) keeps the thread-local access cheap.
    static VM: Cell<*mut Vm> = const { Cell::new(std::ptr::null_mut()) };
}

/// The VM of this thread. Single-threaded; callers never hold two
/// overlapping mutable views of the same field across calls into Python.
#[inline(always)]
pub fn vm() -> &'static mut Vm {
    // SAFETY: the VM is created by `init` before any use and freed only by
    // `shutdown`; the interpreter is single-threaded.
    unsafe { &mut *VM.with(|v| v.get()) }
}

pub fn vm_exists() -> bool {
    !VM.with(|v| v.get()).is_null()
}

/// Creates this thread's VM with its built-in types and modules.
pub fn init(out: Box<dyn Write>, err: Box<dyn Write>) {
    kiln::gc::disable();
    // Collecting every 256 KiB (or every live-heap size, when larger)
    // keeps a small program's young objects in the cache: about 10% faster
    // on pystone than the framework's 8 MiB default.
    kiln::gc::set_min_threshold(MIN_GC_THRESHOLD);
    let placeholder = ObjRef(0);
    let vmb = Box::new(Vm {
        frames: Vec::new(),
        t: Types::placeholder(),
        builtins: placeholder,
        modules: placeholder,
        interned: Default::default(),
        static_names: Default::default(),
        frame_pool: Vec::new(),
        codes: Vec::new(),
        out,
        err,
        handled: Value::NONE,
        argbuf: Vec::new(),
        slice_stage: Vec::new(),
        ret_tag: Cell::new(0),
        recursion_limit: 1000,
        nested: 0,
        nested_marks: Vec::new(),
        gc_deferred_to: None,
        live_after_full: 0,
        draining: None,
        temp_roots: Vec::new(),
        sources: HashMap::new(),
        int_max_str_digits: 4300,
        script_dir: String::new(),
        argv: Vec::new(),
        type_versions: 1,
        main_module: None,
        importing: Vec::new(),
        stdin_lines: None,
        jit_enabled: true,
        pending: None,
        iter_types: Default::default(),
        chars: Vec::new(),
    });
    VM.with(|v| v.set(Box::into_raw(vmb)));
    types::init_types();
    crate::builtins::init_builtins();
    crate::modules::init_modules();
    kiln::gc::enable();
}

/// Drops the VM and frees the heap.
pub fn shutdown() {
    let p = VM.with(|v| v.replace(std::ptr::null_mut()));
    if !p.is_null() {
        // SAFETY: made by Box::into_raw in `init`.
        drop(unsafe { Box::from_raw(p) });
    }
    kiln::gc::reset();
}

/// Reports every root to the GC.
pub fn trace_roots(t: &mut kiln::gc::Tracer) {
    let vm = vm();
    for f in &vm.frames {
        f.trace(t);
    }
    vm.t.trace(t);
    t.mark(vm.builtins.0);
    t.mark(vm.modules.0);
    for r in vm.interned.values() {
        t.mark(r.0);
    }
    for c in &vm.codes {
        for v in c.consts.iter().chain(c.names.iter()).chain(c.param_names.iter()) {
            mark(t, *v);
        }
        mark(t, c.doc);
    }
    mark(t, vm.handled);
    for c in &vm.chars {
        mark(t, *c);
    }
    for it in vm.iter_types.values() {
        t.mark(it.0);
    }
    if let Some(p) = vm.pending {
        t.mark(p.0);
    }
    for v in vm.argbuf.iter().chain(vm.temp_roots.iter()).chain(vm.slice_stage.iter()) {
        mark(t, *v);
    }
    if let Some(m) = vm.main_module {
        t.mark(m.0);
    }
}

pub fn mark(t: &mut kiln::gc::Tracer, v: Value) {
    if v.is_obj() {
        t.mark(v.payload as usize);
    }
}

pub fn collect_garbage() {
    crate::object::take_traced_words();
    kiln::gc::collect(trace_roots);
    vm().live_after_full = kiln::gc::object_count();
    pace_collections();
}

/// The least allocation between collections (see `init`).
const MIN_GC_THRESHOLD: usize = 256 << 10;

/// Spaces collections by the whole live heap, list items and dict entries
/// included (the GC counts only object headers): marking a big live list
/// after every few allocations would make a loop's cost grow with the size
/// of the data it keeps.
fn pace_collections() {
    let words = crate::object::take_traced_words();
    kiln::gc::set_min_threshold(MIN_GC_THRESHOLD.max(words.saturating_mul(8)));
}

/// A collection at a safe point of the eval loop. At top level everything
/// unreachable is freed. Inside a nested loop, Rust code up the stack may
/// hold values it does not report as roots (a builtin collecting a
/// generator's items, say), but only values that existed when it called
/// into Python: so only objects allocated since the innermost nested loop
/// began may be freed.
///
/// A young collection marks the whole older heap, so it runs only when the
/// young part is big enough to be worth it: a generator resumed by a
/// builtin (`list(gen)`) begins a new nested loop per item, leaving little
/// young garbage each time. A declined collection is handed to the
/// enclosing loop: when control returns there, it is asked to collect (else
/// a loop that makes its garbage outside a drained generator, but polls for
/// collections mostly inside it, would never free that garbage). Nested
/// loops begun before then decline the request cheaply (unless a
/// collection is due by their own allocation), and it is renewed whenever
/// control returns to that loop.
/// A young collection hands over too when the heap has more than doubled
/// since the last full collection (older garbage piling up).
pub fn collect_at_safe_point() {
    let vm = vm();
    let Some(&keep) = vm.nested_marks.last() else {
        vm.gc_deferred_to = None;
        collect_garbage();
        return;
    };
    let depth = vm.nested_marks.len();
    match vm.gc_deferred_to {
        // Requested for an enclosing loop, and not due here by itself.
        Some(d) if d < depth && !kiln::gc::allocation_due() => {
            kiln::gc::decline();
            return;
        }
        Some(d) if d >= depth => vm.gc_deferred_to = None,
        _ => {}
    }
    let young = kiln::gc::allocation_mark().saturating_sub(keep);
    if young * 3 >= kiln::gc::object_count() {
        crate::object::take_traced_words();
        kiln::gc::collect_young(keep, trace_roots);
        pace_collections();
        // What survives is mostly older than this loop: some of it may be
        // garbage only an enclosing loop can free.
        if kiln::gc::object_count() <= 2 * vm.live_after_full + OLD_GARBAGE_SLACK {
            return;
        }
    } else {
        kiln::gc::postpone();
    }
    let outer = depth - 1;
    // The nearest enclosing loop first: it passes the request on if needed.
    vm.gc_deferred_to = Some(vm.gc_deferred_to.map_or(outer, |d| d.max(outer)));
}

/// Objects a nested loop's young collections may leave behind, beyond
/// twice what the last full collection kept, before the enclosing loop is
/// asked for a full one.
const OLD_GARBAGE_SLACK: usize = 16 * 1024;

/// Enters a nested interpreter loop (a call from Rust into Python).
pub fn enter_nested() {
    let vm = vm();
    vm.nested += 1;
    vm.nested_marks.push(kiln::gc::allocation_mark());
}

/// Enters the nested loop that resumes generator `g`. When a builtin is
/// draining `g` (see `iter::collect`), the loop uses the mark taken when
/// the draining began: the builtin holds nothing unrooted, so everything
/// the generator made since then and no longer references may be freed.
pub fn enter_nested_for_generator(g: ObjRef) {
    let vm = vm();
    let mark = match vm.draining {
        Some((depth, mark, gen)) if depth == vm.nested && gen == g => mark,
        _ => kiln::gc::allocation_mark(),
    };
    vm.nested += 1;
    vm.nested_marks.push(mark);
}

pub fn leave_nested() {
    let vm = vm();
    vm.nested -= 1;
    vm.nested_marks.pop();
    // Renewed on every return to the loop it is for, until that loop
    // collects (nested loops begun before then decline it).
    if vm.gc_deferred_to.is_some_and(|d| d >= vm.nested_marks.len()) {
        kiln::gc::request_collection();
    }
}

// ---- code objects

/// Leaks a code object (traces refer to code by address) and keeps its
/// constants alive.
pub fn register_code(c: Code) -> &'static Code {
    let c: &'static Code = Box::leak(Box::new(c));
    vm().codes.push(c);
    c
}

pub fn code_value(c: &'static Code) -> Value {
    object::alloc(vm().t.code, Kind::Code(c)).val()
}

// ---- constructors

pub fn alloc(class: ObjRef, kind: Kind) -> Value {
    object::alloc(class, kind).val()
}

pub fn new_str(s: &str) -> Value {
    if s.len() == 1 {
        let b = s.as_bytes()[0];
        if b < 128 {
            let vm = vm();
            if let Some(v) = vm.chars.get(b as usize) {
                return *v;
            }
        }
    }
    new_string(s.to_string())
}

pub fn new_string(s: String) -> Value {
    if s.len() == 1 && s.as_bytes()[0] < 128 {
        if let Some(v) = vm().chars.get(s.as_bytes()[0] as usize) {
            return *v;
        }
    }
    let chars = if s.is_ascii() { s.len() } else { s.chars().count() };
    alloc(vm().t.str_, Kind::Str(PyStr { s: s.into_boxed_str(), chars, hash: Cell::new(HASH_UNSET) }))
}

/// `intern` for string literals of the interpreter itself (dunder names):
/// looked up by the literal's address.
#[inline]
pub fn intern_static(s: &'static str) -> Value {
    let key = (s.as_ptr() as usize).wrapping_add(s.len().wrapping_mul(0x9e37_79b9));
    if let Some(v) = vm().static_names.get(&key) {
        return *v;
    }
    let v = intern(s);
    vm().static_names.insert(key, v);
    v
}

/// The interned string object for `s` (names, attribute keys).
pub fn intern(s: &str) -> Value {
    let vm = vm();
    if let Some(r) = vm.interned.get(s) {
        return r.val();
    }
    let v = new_str(s);
    vm.interned.insert(s.into(), v.objref());
    v
}

pub fn new_tuple(items: Vec<Value>) -> Value {
    alloc(vm().t.tuple, Kind::Tuple(items.into_boxed_slice()))
}

pub fn new_list(items: Vec<Value>) -> Value {
    alloc(vm().t.list, Kind::List(items))
}

pub fn new_dict() -> Value {
    alloc(vm().t.dict, Kind::Dict(Box::default()))
}

pub fn new_set(kind_frozen: bool) -> Value {
    if kind_frozen {
        alloc(vm().t.frozenset, Kind::FrozenSet(Box::default()))
    } else {
        alloc(vm().t.set, Kind::Set(Box::default()))
    }
}

/// A frozenset of the items of a tuple (None if an item is unhashable).
pub fn frozenset_of(t: Value) -> Option<Value> {
    let fs = new_set(true);
    for x in as_tuple(t)? {
        as_set(fs)?.add(*x).ok()?;
    }
    Some(fs)
}

pub fn new_bytes(b: Vec<u8>) -> Value {
    alloc(vm().t.bytes, Kind::Bytes(b))
}

pub fn new_bigint(b: num_bigint::BigInt) -> Value {
    num::from_bigint(b)
}

pub fn ellipsis() -> Value {
    vm().t.ellipsis_obj
}

pub fn not_implemented() -> Value {
    vm().t.not_implemented_obj
}

pub fn parse_int_literal(s: &str) -> Option<Value> {
    let s: String = s.chars().filter(|&c| c != '_').collect();
    let (digits, radix) = if let Some(r) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        (r.to_string(), 16)
    } else if let Some(r) = s.strip_prefix("0o").or_else(|| s.strip_prefix("0O")) {
        (r.to_string(), 8)
    } else if let Some(r) = s.strip_prefix("0b").or_else(|| s.strip_prefix("0B")) {
        (r.to_string(), 2)
    } else {
        (s, 10)
    };
    let b = num_bigint::BigInt::parse_bytes(digits.as_bytes(), radix)?;
    Some(num::from_bigint(b))
}

// ---- accessors

/// The string of a str object value (panics in debug builds otherwise).
pub fn str_of(v: Value) -> &'static str {
    match v.as_obj().map(|o| &o.get().kind) {
        Some(Kind::Str(s)) => &s.s,
        _ => "",
    }
}

pub fn as_str(v: Value) -> Option<&'static PyStr> {
    match &v.as_obj()?.get().kind {
        Kind::Str(s) => Some(s),
        Kind::Instance(i) if i.base.is_obj() => as_str(i.base),
        _ => None,
    }
}

pub fn as_list(v: Value) -> Option<&'static mut Vec<Value>> {
    match &mut v.as_obj()?.get().kind {
        Kind::List(l) => Some(l),
        Kind::Instance(i) if i.base.is_obj() => as_list(i.base),
        _ => None,
    }
}

pub fn as_tuple(v: Value) -> Option<&'static [Value]> {
    match &v.as_obj()?.get().kind {
        Kind::Tuple(t) => Some(t),
        Kind::Instance(i) if i.base.is_obj() => as_tuple(i.base),
        _ => None,
    }
}

pub fn as_dict(v: Value) -> Option<&'static mut dict::Dict> {
    match &mut v.as_obj()?.get().kind {
        Kind::Dict(d) => Some(d),
        Kind::Instance(i) if i.base.is_obj() => as_dict(i.base),
        _ => None,
    }
}

pub fn as_set(v: Value) -> Option<&'static mut set::Set> {
    match &mut v.as_obj()?.get().kind {
        Kind::Set(s) | Kind::FrozenSet(s) => Some(s),
        Kind::Instance(i) if i.base.is_obj() => as_set(i.base),
        _ => None,
    }
}

pub fn kind(v: Value) -> Option<&'static mut Kind> {
    v.as_obj().map(|o| &mut o.get().kind)
}

/// The Python type of a value.
#[inline]
pub fn type_of(v: Value) -> ObjRef {
    let t = &vm().t;
    match v.tag {
        crate::value::T_INT => t.int,
        crate::value::T_FLOAT => t.float,
        crate::value::T_BOOL => t.bool_,
        crate::value::T_NONE => t.none_type,
        crate::value::T_OBJ => v.objref().get().class,
        _ => t.none_type,
    }
}

pub fn type_name(v: Value) -> String {
    types::type_data(type_of(v)).name.clone()
}

/// Pushes a value on the temporary-root stack for the duration of `f`.
pub fn with_root<R>(v: Value, f: impl FnOnce() -> R) -> R {
    vm().temp_roots.push(v);
    let r = f();
    vm().temp_roots.pop();
    r
}

pub fn write_out(s: &str) -> PyResult<()> {
    let _ = vm().out.write_all(s.as_bytes());
    Ok(())
}

pub fn write_err(s: &str) {
    let _ = vm().err.write_all(s.as_bytes());
}

pub fn flush() {
    let _ = vm().out.flush();
    let _ = vm().err.flush();
}
