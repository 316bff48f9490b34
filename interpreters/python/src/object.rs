//! Heap objects: one GC layout (`Obj`: GC header, Python class, payload
//! `Kind`) with a tracing function and a finalizer for the GC, and the
//! payload types of every built-in kind of object.

use crate::bytecode::Code;
use crate::runtime::dict::Dict;
use crate::runtime::set::Set;
use crate::value::{ObjRef, Value, T_OBJ};
use kiln::gc::{GcHeader, Tracer};
use kiln::ir::{FieldDescr, MemKind, TypeDescr};
use num_bigint::BigInt;
use std::cell::Cell;
use std::collections::{HashMap, VecDeque};

/// Every Python heap object.
#[repr(C)]
pub struct Obj {
    pub header: GcHeader,
    /// The Python type (an object whose kind is `Kind::Type`).
    pub class: ObjRef,
    pub kind: Kind,
}

/// The `class` word, read by traces when they promote an object's type.
pub static CLASS_FIELD: FieldDescr = FieldDescr::new("py.class", std::mem::offset_of!(Obj, class), MemKind::Ref);

pub static OBJ_TYPE: TypeDescr = TypeDescr {
    name: "py.object",
    size: std::mem::size_of::<Obj>() as u32,
    var: None,
    trace: Some(trace_obj),
    finalize: Some(finalize_obj),
};

pub struct PyStr {
    pub s: Box<str>,
    /// Number of characters (code points).
    pub chars: usize,
    /// Cached hash; `HASH_UNSET` until computed.
    pub hash: Cell<i64>,
}
pub const HASH_UNSET: i64 = i64::MIN;

pub struct Function {
    pub code: &'static Code,
    pub globals: ObjRef,
    pub name: Value,
    pub qualname: Value,
    pub defaults: Vec<Value>,
    pub kwdefaults: Option<ObjRef>,
    pub closure: Vec<Value>,
    pub dict: Option<ObjRef>,
    pub module: Value,
    pub doc: Value,
}

/// An attribute layout shared by instances (a hidden class). Maps are
/// never freed, so compiled code may rely on their addresses.
pub struct Map {
    pub names: Vec<ObjRef>,
    pub transitions: std::cell::RefCell<HashMap<usize, &'static Map>>,
}

impl Map {
    pub fn empty() -> &'static Map {
        thread_local! { static EMPTY: &'static Map = Box::leak(Box::new(Map { names: vec![], transitions: Default::default() })); }
        EMPTY.with(|m| *m)
    }
    pub fn index(&self, name: ObjRef) -> Option<usize> {
        // Names are interned: pointer comparison is enough.
        self.names.iter().position(|&n| n == name)
    }
    pub fn with(&'static self, name: ObjRef) -> &'static Map {
        if let Some(m) = self.transitions.borrow().get(&name.0) {
            return m;
        }
        let mut names = self.names.clone();
        names.push(name);
        let m: &'static Map = Box::leak(Box::new(Map { names, transitions: Default::default() }));
        self.transitions.borrow_mut().insert(name.0, m);
        m
    }
    pub fn from_names(names: &[ObjRef]) -> &'static Map {
        let mut m = Map::empty();
        for &n in names {
            m = m.with(n);
        }
        m
    }
}

/// The attribute values of an instance: a growable array whose storage is
/// a GC object (`VALUE_ARRAY`), so that making an instance never calls the
/// system allocator and traces can address the values directly.
#[derive(Copy, Clone)]
#[repr(C)]
pub struct ValueVec {
    /// The `ValueArray` object (0 while empty).
    pub arr: usize,
    pub len: usize,
}

/// The storage of a `ValueVec`: a header, a capacity, then the values.
#[repr(C)]
pub struct ValueArray {
    pub header: GcHeader,
    pub cap: usize,
}

/// Offset of the first value in a `ValueArray`.
pub const VALUE_ARRAY_ITEMS: usize = std::mem::size_of::<ValueArray>();

pub static VALUE_ARRAY_CAP: FieldDescr = FieldDescr::new("py.values.cap", std::mem::offset_of!(ValueArray, cap), MemKind::Word).immutable();

unsafe fn trace_value_array(p: *mut u8, t: &mut Tracer) {
    let cap = (*(p as *const ValueArray)).cap;
    let items = std::slice::from_raw_parts((p as usize + VALUE_ARRAY_ITEMS) as *const Value, cap);
    mark_all(t, items);
}

pub static VALUE_ARRAY: TypeDescr = TypeDescr {
    name: "py.values",
    size: VALUE_ARRAY_ITEMS as u32,
    var: Some(kiln::ir::descr::VarPart { item_size: 16, length: &VALUE_ARRAY_CAP }),
    trace: Some(trace_value_array),
    finalize: None,
};

impl ValueVec {
    pub const EMPTY: ValueVec = ValueVec { arr: 0, len: 0 };

    pub fn with_capacity(n: usize) -> ValueVec {
        ValueVec { arr: if n == 0 { 0 } else { kiln::gc::alloc_var(&VALUE_ARRAY, n) }, len: 0 }
    }
    fn cap(&self) -> usize {
        if self.arr == 0 {
            0
        } else {
            // SAFETY: arr is a live ValueArray.
            unsafe { (*(self.arr as *const ValueArray)).cap }
        }
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    pub fn as_slice(&self) -> &[Value] {
        if self.arr == 0 {
            return &[];
        }
        // SAFETY: the first `len` items of a live array are initialized.
        unsafe { std::slice::from_raw_parts((self.arr + VALUE_ARRAY_ITEMS) as *const Value, self.len) }
    }
    pub fn as_mut_slice(&mut self) -> &mut [Value] {
        if self.arr == 0 {
            return &mut [];
        }
        // SAFETY: as in `as_slice`.
        unsafe { std::slice::from_raw_parts_mut((self.arr + VALUE_ARRAY_ITEMS) as *mut Value, self.len) }
    }
    pub fn get(&self, i: usize) -> Option<&Value> {
        self.as_slice().get(i)
    }
    pub fn get_mut(&mut self, i: usize) -> Option<&mut Value> {
        self.as_mut_slice().get_mut(i)
    }
    pub fn push(&mut self, v: Value) {
        if self.len == self.cap() {
            let bigger = ValueVec::with_capacity((self.len * 2).max(4));
            // SAFETY: both arrays are live; the new one has room for `len` items.
            unsafe {
                std::ptr::copy_nonoverlapping(self.as_slice().as_ptr(), (bigger.arr + VALUE_ARRAY_ITEMS) as *mut Value, self.len);
            }
            self.arr = bigger.arr;
        }
        // SAFETY: len < cap.
        unsafe { *((self.arr + VALUE_ARRAY_ITEMS) as *mut Value).add(self.len) = v };
        self.len += 1;
    }
    pub fn remove(&mut self, k: usize) -> Value {
        let s = self.as_mut_slice();
        let v = s[k];
        s.copy_within(k + 1.., k);
        let last = self.len - 1;
        // SAFETY: the vacated last item is cleared (the array is traced whole).
        unsafe { *((self.arr + VALUE_ARRAY_ITEMS) as *mut Value).add(last) = Value::NULL };
        self.len = last;
        v
    }
}

impl std::ops::Index<usize> for ValueVec {
    type Output = Value;
    fn index(&self, i: usize) -> &Value {
        &self.as_slice()[i]
    }
}

impl std::ops::IndexMut<usize> for ValueVec {
    fn index_mut(&mut self, i: usize) -> &mut Value {
        &mut self.as_mut_slice()[i]
    }
}

pub struct Instance {
    pub map: &'static Map,
    pub values: ValueVec,
    /// For instances of subclasses of built-in types (list, dict, int, ...):
    /// the built-in object holding the data.
    pub base: Value,
    /// Exception data, for instances of BaseException subclasses.
    pub exc: Option<Box<ExcData>>,
}

#[derive(Default)]
pub struct ExcData {
    pub args: Value,
    /// (code, instruction index) of each frame the exception passed, innermost first.
    pub traceback: Vec<(&'static Code, u32)>,
    pub cause: Value,
    pub context: Value,
    pub suppress_context: bool,
}

pub struct TypeData {
    pub name: String,
    pub qualname: String,
    pub module: String,
    pub bases: Vec<ObjRef>,
    pub mro: Vec<ObjRef>,
    pub dict: ObjRef,
    /// Which built-in layout instances of this type have.
    pub layout: Layout,
    /// Changes whenever the type's dict or an ancestor's changes.
    pub version: u64,
    pub is_builtin: bool,
    /// Subclasses (to propagate version changes).
    pub subclasses: Vec<ObjRef>,
    /// How many attributes instances of this class usually get (their
    /// value arrays are allocated with this capacity).
    pub expected_attrs: usize,
    /// Cached lookups keyed by interned name address; cleared with the version.
    pub cache: crate::runtime::fxhash::FxHashMap<usize, Value>,
}

impl TypeData {
    /// A type data with no content (for measuring layouts).
    pub fn placeholder() -> TypeData {
        TypeData {
            name: String::new(),
            qualname: String::new(),
            module: String::new(),
            bases: Vec::new(),
            mro: Vec::new(),
            dict: ObjRef(8),
            layout: Layout::Other,
            version: 0,
            is_builtin: true,
            subclasses: Vec::new(),
            expected_attrs: 0,
            cache: Default::default(),
        }
    }
}

/// The built-in layout a type's instances use.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Layout {
    Object,
    Int,
    Bool,
    Float,
    Str,
    Bytes,
    ByteArray,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Exception,
    Type,
    NoneType,
    Other,
}

pub struct Generator {
    pub frame: Option<Box<crate::interp::frame::Frame>>,
    pub running: bool,
    pub finished: bool,
    pub name: Value,
    pub qualname: Value,
}

pub enum IterKind {
    Seq { seq: Value, index: usize },
    Range { next: i64, stop: i64, step: i64 },
    Str { s: ObjRef, byte: usize },
    DictKeys { dict: ObjRef, index: usize, len: usize },
    DictValues { dict: ObjRef, index: usize, len: usize },
    DictItems { dict: ObjRef, index: usize, len: usize },
    Set { set: ObjRef, index: usize, len: usize },
    Reversed { seq: Value, index: isize },
    Enumerate { it: Value, count: Value },
    Zip { its: Vec<Value>, strict: bool },
    Map { func: Value, its: Vec<Value> },
    Filter { func: Value, it: Value, negate: bool },
    Callable { func: Value, sentinel: Value },
    Count { next: Value, step: Value },
    Cycle { it: Value, saved: Vec<Value>, index: usize, exhausted: bool },
    Repeat { value: Value, left: i64 },
    Chain { its: Vec<Value>, current: Value, from_iterable: bool, index: usize },
    Islice { it: Value, next: usize, stop: Option<usize>, step: usize },
    /// A pre-computed list of results (itertools functions that are simple to compute eagerly).
    Buffered { items: VecDeque<Value> },
    TakeWhile { func: Value, it: Value, done: bool, drop: bool },
    Accumulate { it: Value, func: Value, total: Value, initial: Value },
    Starmap { func: Value, it: Value },
    GroupBy { it: Value, key: Value, current_key: Value, current_value: Value, done: bool, tgt: Value },
    Grouper { parent: ObjRef, key: Value, done: bool },
    Product { pools: Vec<Vec<Value>>, indices: Vec<usize>, first: bool, done: bool },
    Permutations { pool: Vec<Value>, r: usize, indices: Vec<usize>, cycles: Vec<usize>, first: bool, done: bool },
    Combinations { pool: Vec<Value>, r: usize, indices: Vec<usize>, first: bool, done: bool, with_replacement: bool },
    ZipLongest { its: Vec<Value>, fill: Value, active: usize },
    Pairwise { it: Value, last: Value },
    Deque { deque: ObjRef, index: usize, reverse: bool },
}

pub struct Module {
    pub name: String,
    pub dict: ObjRef,
}

pub struct Property {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    pub doc: Value,
    pub name: Value,
}

/// A built-in function: a Rust function taking positional arguments and
/// keyword arguments (name, value).
pub type NativeFn = fn(&[Value], &[(ObjRef, Value)]) -> crate::runtime::PyResult<Value>;

pub struct Builtin {
    pub name: &'static str,
    pub func: NativeFn,
    /// Bound first argument (a method bound to its receiver, or a module-level
    /// function's module); NULL when unbound.
    pub this: Value,
    /// Qualified name for messages ("list.append").
    pub qualname: &'static str,
}

pub struct FileData {
    pub path: String,
    pub content: Vec<u8>,
    pub pos: usize,
    pub writable: bool,
    pub closed: bool,
    pub mode: String,
    pub binary: bool,
}

pub enum Kind {
    Str(PyStr),
    Bytes(Vec<u8>),
    ByteArray(Vec<u8>),
    BigInt(Box<BigInt>),
    Tuple(Box<[Value]>),
    List(Vec<Value>),
    Dict(Box<Dict>),
    Set(Box<Set>),
    FrozenSet(Box<Set>),
    Range { start: i64, stop: i64, step: i64 },
    Slice { start: Value, stop: Value, step: Value },
    Type(Box<TypeData>),
    Instance(Instance),
    Function(Box<Function>),
    Method { func: Value, this: Value },
    Builtin(Box<Builtin>),
    Cell(Value),
    Module(Box<Module>),
    Code(&'static Code),
    Generator(Box<Generator>),
    Iter(Box<IterKind>),
    Property(Box<Property>),
    StaticMethod(Value),
    ClassMethod(Value),
    Super { start: ObjRef, this: Value },
    Deque { items: VecDeque<Value>, maxlen: Option<usize> },
    File(Box<FileData>),
    /// A partial application (functools.partial).
    Partial { func: Value, args: Vec<Value>, kwargs: Vec<(ObjRef, Value)> },
    /// operator.itemgetter / attrgetter / methodcaller.
    ItemGetter(Vec<Value>),
    AttrGetter(Vec<Value>),
    MethodCaller { name: Value, args: Vec<Value>, kwargs: Vec<(ObjRef, Value)> },
    /// A function wrapped by functools.lru_cache / cache.
    Cached { func: Value, cache: ObjRef, hits: u64, misses: u64, maxsize: Option<usize>, order: VecDeque<Value> },
    /// A random.Random instance's state.
    Random(Box<crate::modules::random::Mt>),
    DictView { dict: ObjRef, which: u8 },
    /// A complex number (real, imaginary).
    Complex(f64, f64),
    NotImplemented,
    Ellipsis,
}

fn mark(t: &mut Tracer, v: Value) {
    if v.tag == T_OBJ {
        t.mark(v.payload as usize);
    }
}

thread_local! {
    /// Words of out-of-object storage (list items, dict entries...) seen by
    /// the last marking: the heap's size beyond what the GC itself counts.
    static TRACED_WORDS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Notes `n` words of out-of-object storage traced.
pub fn note_traced(n: usize) {
    TRACED_WORDS.with(|c| c.set(c.get() + n));
}

/// The words noted since the last call.
pub fn take_traced_words() -> usize {
    TRACED_WORDS.with(|c| c.replace(0))
}

fn mark_all(t: &mut Tracer, vs: &[Value]) {
    note_traced(vs.len());
    for &v in vs {
        mark(t, v);
    }
}

unsafe fn trace_obj(p: *mut u8, t: &mut Tracer) {
    let o = &*(p as *const Obj);
    t.mark(o.class.0);
    trace_kind(&o.kind, t);
}

pub fn trace_kind(k: &Kind, t: &mut Tracer) {
    match k {
        Kind::Str(_) | Kind::Bytes(_) | Kind::ByteArray(_) | Kind::BigInt(_) | Kind::Range { .. } => {}
        Kind::NotImplemented | Kind::Ellipsis | Kind::Code(_) | Kind::Random(_) | Kind::Complex(..) => {}
        Kind::Tuple(v) => mark_all(t, v),
        Kind::List(v) => mark_all(t, v),
        Kind::Dict(d) => d.trace(t),
        Kind::Set(s) | Kind::FrozenSet(s) => s.trace(t),
        Kind::Slice { start, stop, step } => mark_all(t, &[*start, *stop, *step]),
        Kind::Type(ty) => {
            for b in ty.bases.iter().chain(ty.mro.iter()).chain(ty.subclasses.iter()) {
                t.mark(b.0);
            }
            t.mark(ty.dict.0);
            for v in ty.cache.values() {
                mark(t, *v);
            }
        }
        Kind::Instance(i) => {
            t.mark(i.values.arr);
            mark(t, i.base);
            if let Some(e) = &i.exc {
                mark_all(t, &[e.args, e.cause, e.context]);
            }
        }
        Kind::Function(f) => {
            t.mark(f.globals.0);
            mark_all(t, &[f.name, f.qualname, f.module, f.doc]);
            mark_all(t, &f.defaults);
            mark_all(t, &f.closure);
            if let Some(k) = f.kwdefaults {
                t.mark(k.0);
            }
            if let Some(d) = f.dict {
                t.mark(d.0);
            }
        }
        Kind::Method { func, this } => mark_all(t, &[*func, *this]),
        Kind::Builtin(b) => mark(t, b.this),
        Kind::Cell(v) => mark(t, *v),
        Kind::Module(m) => t.mark(m.dict.0),
        Kind::Generator(g) => {
            mark_all(t, &[g.name, g.qualname]);
            if let Some(f) = &g.frame {
                f.trace(t);
            }
        }
        Kind::Iter(it) => trace_iter(it, t),
        Kind::Property(p) => mark_all(t, &[p.fget, p.fset, p.fdel, p.doc, p.name]),
        Kind::StaticMethod(v) | Kind::ClassMethod(v) => mark(t, *v),
        Kind::Super { start, this } => {
            t.mark(start.0);
            mark(t, *this);
        }
        Kind::Deque { items, .. } => {
            for v in items {
                mark(t, *v);
            }
        }
        Kind::File(_) => {}
        Kind::Partial { func, args, kwargs } => {
            mark(t, *func);
            mark_all(t, args);
            for (k, v) in kwargs {
                t.mark(k.0);
                mark(t, *v);
            }
        }
        Kind::ItemGetter(v) | Kind::AttrGetter(v) => mark_all(t, v),
        Kind::MethodCaller { name, args, kwargs } => {
            mark(t, *name);
            mark_all(t, args);
            for (k, v) in kwargs {
                t.mark(k.0);
                mark(t, *v);
            }
        }
        Kind::Cached { func, cache, order, .. } => {
            mark(t, *func);
            t.mark(cache.0);
            for v in order {
                mark(t, *v);
            }
        }
        Kind::DictView { dict, .. } => t.mark(dict.0),
    }
}

fn trace_iter(it: &IterKind, t: &mut Tracer) {
    match it {
        IterKind::Seq { seq, .. } => mark(t, *seq),
        IterKind::Range { .. } => {}
        IterKind::Str { s, .. } => t.mark(s.0),
        IterKind::DictKeys { dict, .. } | IterKind::DictValues { dict, .. } | IterKind::DictItems { dict, .. } => t.mark(dict.0),
        IterKind::Set { set, .. } => t.mark(set.0),
        IterKind::Reversed { seq, .. } => mark(t, *seq),
        IterKind::Enumerate { it, count } => mark_all(t, &[*it, *count]),
        IterKind::Zip { its, .. } => mark_all(t, its),
        IterKind::Map { func, its } => {
            mark(t, *func);
            mark_all(t, its);
        }
        IterKind::Filter { func, it, .. } => mark_all(t, &[*func, *it]),
        IterKind::Callable { func, sentinel } => mark_all(t, &[*func, *sentinel]),
        IterKind::Count { next, step } => mark_all(t, &[*next, *step]),
        IterKind::Cycle { it, saved, .. } => {
            mark(t, *it);
            mark_all(t, saved);
        }
        IterKind::Repeat { value, .. } => mark(t, *value),
        IterKind::Chain { its, current, .. } => {
            mark_all(t, its);
            mark(t, *current);
        }
        IterKind::Islice { it, .. } => mark(t, *it),
        IterKind::Buffered { items } => {
            for v in items {
                mark(t, *v);
            }
        }
        IterKind::TakeWhile { func, it, .. } => mark_all(t, &[*func, *it]),
        IterKind::Accumulate { it, func, total, initial } => mark_all(t, &[*it, *func, *total, *initial]),
        IterKind::Starmap { func, it } => mark_all(t, &[*func, *it]),
        IterKind::GroupBy { it, key, current_key, current_value, tgt, .. } => mark_all(t, &[*it, *key, *current_key, *current_value, *tgt]),
        IterKind::Grouper { parent, key, .. } => {
            t.mark(parent.0);
            mark(t, *key);
        }
        IterKind::Product { pools, .. } => {
            for p in pools {
                mark_all(t, p);
            }
        }
        IterKind::Permutations { pool, .. } | IterKind::Combinations { pool, .. } => mark_all(t, pool),
        IterKind::ZipLongest { its, fill, .. } => {
            mark_all(t, its);
            mark(t, *fill);
        }
        IterKind::Pairwise { it, last } => mark_all(t, &[*it, *last]),
        IterKind::Deque { deque, .. } => t.mark(deque.0),
    }
}

unsafe fn finalize_obj(p: *mut u8) {
    let o = &mut *(p as *mut Obj);
    std::ptr::drop_in_place(&mut o.kind);
}

/// Allocates an object of class `class` with payload `kind`.
pub fn alloc(class: ObjRef, kind: Kind) -> ObjRef {
    let addr = kiln::gc::alloc(&OBJ_TYPE);
    // SAFETY: fresh zeroed allocation of OBJ_TYPE's size; the header is set.
    unsafe {
        let o = addr as *mut Obj;
        std::ptr::addr_of_mut!((*o).class).write(class);
        std::ptr::addr_of_mut!((*o).kind).write(kind);
    }
    ObjRef(addr)
}
