//! Descriptors: the static facts the JIT needs about an interpreter's memory
//! layouts (fields, arrays, object types) and about the plain Rust functions
//! it calls (residual calls and their effects).
//!
//! Descriptors are `'static` values defined by the interpreter. Every
//! descriptor has a unique name, used by the text form of the IR; parsing
//! looks names up in a process-wide registry that descriptors join when
//! they are first used by the recorder or registered explicitly with
//! [`register`].

use super::Type;
use crate::gc::Tracer;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// How a value is stored in memory.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub enum MemKind {
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    I64,
    F64,
    /// A pointer-sized unsigned integer (a raw pointer or `usize`).
    Word,
    /// A pointer-sized reference to a GC object.
    Ref,
}

impl MemKind {
    /// The IR type a load of this kind produces.
    pub fn ty(self) -> Type {
        match self {
            MemKind::F64 => Type::Float,
            MemKind::Ref => Type::Ref,
            _ => Type::Int,
        }
    }
    /// Size in bytes on the target this crate is compiled for.
    pub fn size(self) -> u32 {
        match self {
            MemKind::I8 | MemKind::U8 => 1,
            MemKind::I16 | MemKind::U16 => 2,
            MemKind::I32 | MemKind::U32 => 4,
            MemKind::I64 | MemKind::F64 => 8,
            MemKind::Word | MemKind::Ref => std::mem::size_of::<usize>() as u32,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            MemKind::I8 => "i8",
            MemKind::U8 => "u8",
            MemKind::I16 => "i16",
            MemKind::U16 => "u16",
            MemKind::I32 => "i32",
            MemKind::U32 => "u32",
            MemKind::I64 => "i64",
            MemKind::F64 => "f64",
            MemKind::Word => "word",
            MemKind::Ref => "ref",
        }
    }
    /// Reads a value of this kind at `addr`, widened to a 64-bit word.
    ///
    /// # Safety
    /// `addr` must be valid for a read of this kind.
    #[inline(always)]
    pub unsafe fn load(self, addr: usize) -> u64 {
        let p = addr as *const u8;
        match self {
            MemKind::I8 => *(p as *const i8) as i64 as u64,
            MemKind::U8 => *p as u64,
            MemKind::I16 => (p as *const i16).read_unaligned() as i64 as u64,
            MemKind::U16 => (p as *const u16).read_unaligned() as u64,
            MemKind::I32 => (p as *const i32).read_unaligned() as i64 as u64,
            MemKind::U32 => (p as *const u32).read_unaligned() as u64,
            MemKind::I64 | MemKind::F64 => (p as *const u64).read_unaligned(),
            MemKind::Word | MemKind::Ref => (p as *const usize).read_unaligned() as u64,
        }
    }
    /// Writes the low bits of `v` as a value of this kind at `addr`.
    ///
    /// # Safety
    /// `addr` must be valid for a write of this kind.
    #[inline(always)]
    pub unsafe fn store(self, addr: usize, v: u64) {
        let p = addr as *mut u8;
        match self {
            MemKind::I8 | MemKind::U8 => *p = v as u8,
            MemKind::I16 | MemKind::U16 => (p as *mut u16).write_unaligned(v as u16),
            MemKind::I32 | MemKind::U32 => (p as *mut u32).write_unaligned(v as u32),
            MemKind::I64 | MemKind::F64 => (p as *mut u64).write_unaligned(v),
            MemKind::Word | MemKind::Ref => (p as *mut usize).write_unaligned(v as usize),
        }
    }
    pub fn from_name(s: &str) -> Option<MemKind> {
        Some(match s {
            "i8" => MemKind::I8,
            "u8" => MemKind::U8,
            "i16" => MemKind::I16,
            "u16" => MemKind::U16,
            "i32" => MemKind::I32,
            "u32" => MemKind::U32,
            "i64" => MemKind::I64,
            "f64" => MemKind::F64,
            "word" => MemKind::Word,
            "ref" => MemKind::Ref,
            _ => return None,
        })
    }
}

/// Properties of a field that let the optimizer do more.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Default)]
pub struct FieldFlags(pub u8);

impl FieldFlags {
    pub const NONE: FieldFlags = FieldFlags(0);
    /// Never written after the object is initialized: loads from constant
    /// objects fold to constants and loads are never invalidated by writes.
    pub const IMMUTABLE: FieldFlags = FieldFlags(1);
    /// Written rarely; a trace reading it depends on its value and is
    /// invalidated when it changes (see [`crate::quasi_immut_changed`]).
    pub const QUASI_IMMUTABLE: FieldFlags = FieldFlags(2);
    pub fn contains(self, o: FieldFlags) -> bool {
        self.0 & o.0 == o.0
    }
}

/// A field of an object or of raw memory, at a fixed byte offset.
#[derive(Debug)]
pub struct FieldDescr {
    pub name: &'static str,
    pub offset: u32,
    pub kind: MemKind,
    pub flags: FieldFlags,
}

impl FieldDescr {
    pub const fn new(name: &'static str, offset: usize, kind: MemKind) -> FieldDescr {
        FieldDescr { name, offset: offset as u32, kind, flags: FieldFlags::NONE }
    }
    pub const fn immutable(mut self) -> FieldDescr {
        self.flags = FieldFlags(self.flags.0 | FieldFlags::IMMUTABLE.0);
        self
    }
    pub const fn quasi_immutable(mut self) -> FieldDescr {
        self.flags = FieldFlags(self.flags.0 | FieldFlags::QUASI_IMMUTABLE.0);
        self
    }
    pub fn is_immutable(&self) -> bool {
        self.flags.contains(FieldFlags::IMMUTABLE)
    }
}

/// Elements of an array: item `i` is at `base + offset + i * item_size`.
#[derive(Debug)]
pub struct ArrayDescr {
    pub name: &'static str,
    pub offset: u32,
    pub item_size: u32,
    pub kind: MemKind,
    pub flags: FieldFlags,
}

impl ArrayDescr {
    pub const fn new(name: &'static str, offset: usize, item_size: usize, kind: MemKind) -> ArrayDescr {
        ArrayDescr { name, offset: offset as u32, item_size: item_size as u32, kind, flags: FieldFlags::NONE }
    }
    pub const fn immutable(mut self) -> ArrayDescr {
        self.flags = FieldFlags(self.flags.0 | FieldFlags::IMMUTABLE.0);
        self
    }
    pub fn is_immutable(&self) -> bool {
        self.flags.contains(FieldFlags::IMMUTABLE)
    }
}

/// Visits the references held by an object (see [`crate::gc`]).
pub type TraceFn = unsafe fn(obj: *mut u8, tracer: &mut Tracer);
/// Releases what an object owns outside the GC heap (a `Vec`'s buffer, ...).
pub type FinalizeFn = unsafe fn(obj: *mut u8);

/// The variable-sized tail of an object: `length` items of `item_size` bytes
/// starting at the type's fixed `size`.
#[derive(Debug)]
pub struct VarPart {
    pub item_size: u32,
    /// Where the allocator stores the item count.
    pub length: &'static FieldDescr,
}

/// The layout of a GC-managed object type. Every object starts with a
/// [`crate::gc::GcHeader`] whose first word points to its `TypeDescr`,
/// which is what `guard_class` compares.
pub struct TypeDescr {
    pub name: &'static str,
    /// Size in bytes including the header (the fixed part, for arrays).
    pub size: u32,
    pub var: Option<VarPart>,
    pub trace: Option<TraceFn>,
    pub finalize: Option<FinalizeFn>,
}

impl std::fmt::Debug for TypeDescr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TypeDescr({})", self.name)
    }
}

/// The uniform calling convention of residual calls: up to six 64-bit
/// words in, one word out. Floats travel as their bit patterns, references
/// as zero-extended addresses. The same convention works for native code and
/// for Wasm (`(i64 ...) -> i64`).
#[derive(Copy, Clone)]
pub enum ResidualFn {
    A0(extern "C" fn() -> u64),
    A1(extern "C" fn(u64) -> u64),
    A2(extern "C" fn(u64, u64) -> u64),
    A3(extern "C" fn(u64, u64, u64) -> u64),
    A4(extern "C" fn(u64, u64, u64, u64) -> u64),
    A5(extern "C" fn(u64, u64, u64, u64, u64) -> u64),
    A6(extern "C" fn(u64, u64, u64, u64, u64, u64) -> u64),
}

impl ResidualFn {
    pub fn arity(self) -> usize {
        match self {
            ResidualFn::A0(_) => 0,
            ResidualFn::A1(_) => 1,
            ResidualFn::A2(_) => 2,
            ResidualFn::A3(_) => 3,
            ResidualFn::A4(_) => 4,
            ResidualFn::A5(_) => 5,
            ResidualFn::A6(_) => 6,
        }
    }
    /// The function's address, for backends.
    pub fn addr(self) -> usize {
        match self {
            ResidualFn::A0(f) => f as usize,
            ResidualFn::A1(f) => f as usize,
            ResidualFn::A2(f) => f as usize,
            ResidualFn::A3(f) => f as usize,
            ResidualFn::A4(f) => f as usize,
            ResidualFn::A5(f) => f as usize,
            ResidualFn::A6(f) => f as usize,
        }
    }
    /// Calls the function with `args` (which must have the right length).
    #[inline(always)]
    pub fn invoke(self, a: &[u64]) -> u64 {
        match self {
            ResidualFn::A0(f) => f(),
            ResidualFn::A1(f) => f(a[0]),
            ResidualFn::A2(f) => f(a[0], a[1]),
            ResidualFn::A3(f) => f(a[0], a[1], a[2]),
            ResidualFn::A4(f) => f(a[0], a[1], a[2], a[3]),
            ResidualFn::A5(f) => f(a[0], a[1], a[2], a[3], a[4]),
            ResidualFn::A6(f) => f(a[0], a[1], a[2], a[3], a[4], a[5]),
        }
    }
}

impl std::fmt::Debug for ResidualFn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ResidualFn/{}@{:#x}", self.arity(), self.addr())
    }
}

/// What a residual call may do; the optimizer is only as bold as these allow.
#[derive(Copy, Clone, PartialEq, Eq, Debug, Default)]
pub struct Effects(pub u8);

impl Effects {
    /// No effects at all, cannot raise; result depends only on the arguments
    /// (and on immutable memory). Calls with constant arguments are folded at
    /// trace time and equal calls are shared.
    pub const ELIDABLE: Effects = Effects(1);
    /// May raise an exception (set the pending exception).
    pub const CAN_RAISE: Effects = Effects(2);
    /// May allocate GC objects (and so make a collection due).
    pub const ALLOCATES: Effects = Effects(4);
    /// May write memory the trace can see.
    pub const WRITES: Effects = Effects(8);
    /// May change a quasi-immutable field (and so invalidate traces).
    pub const INVALIDATES: Effects = Effects(16);
    /// Reads mutable memory (so it is not elidable even if it writes nothing).
    pub const READS: Effects = Effects(32);
    pub const NONE: Effects = Effects(0);
    /// Everything a plain, unannotated function might do.
    pub const ALL: Effects = Effects(2 | 4 | 8 | 16 | 32);

    pub const fn union(self, o: Effects) -> Effects {
        Effects(self.0 | o.0)
    }
    pub fn contains(self, o: Effects) -> bool {
        self.0 & o.0 == o.0
    }
    pub fn is_elidable(self) -> bool {
        self.contains(Effects::ELIDABLE)
    }
    pub fn can_raise(self) -> bool {
        self.contains(Effects::CAN_RAISE)
    }
    pub fn writes(self) -> bool {
        self.contains(Effects::WRITES)
    }
    /// Text form: `elidable|raise|alloc|write|invalidate|read`, or `none`.
    pub fn describe(self) -> String {
        let names = [(1, "elidable"), (2, "raise"), (4, "alloc"), (8, "write"), (16, "invalidate"), (32, "read")];
        let parts: Vec<&str> = names.iter().filter(|(b, _)| self.0 & b != 0).map(|(_, n)| *n).collect();
        if parts.is_empty() {
            "none".into()
        } else {
            parts.join("|")
        }
    }
}

/// A plain Rust function the trace calls instead of tracing through it.
#[derive(Debug)]
pub struct CallDescr {
    pub name: &'static str,
    pub func: ResidualFn,
    pub args: &'static [Type],
    pub ret: Type,
    pub effects: Effects,
}

/// Any descriptor, for the registry.
#[derive(Copy, Clone, Debug)]
pub enum AnyDescr {
    Field(&'static FieldDescr),
    Array(&'static ArrayDescr),
    Call(&'static CallDescr),
    Type(&'static TypeDescr),
}

impl AnyDescr {
    pub fn name(self) -> &'static str {
        match self {
            AnyDescr::Field(d) => d.name,
            AnyDescr::Array(d) => d.name,
            AnyDescr::Call(d) => d.name,
            AnyDescr::Type(d) => d.name,
        }
    }
    fn addr(self) -> usize {
        match self {
            AnyDescr::Field(d) => d as *const _ as usize,
            AnyDescr::Array(d) => d as *const _ as usize,
            AnyDescr::Call(d) => d as *const _ as usize,
            AnyDescr::Type(d) => d as *const _ as usize,
        }
    }
}

fn registry() -> &'static Mutex<HashMap<&'static str, AnyDescr>> {
    static REG: OnceLock<Mutex<HashMap<&'static str, AnyDescr>>> = OnceLock::new();
    REG.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Makes a descriptor known to the text parser. Registering the same
/// descriptor twice is fine; two different descriptors with one name is an
/// error, because the text form could not tell them apart.
pub fn register(d: AnyDescr) -> Result<(), String> {
    let mut reg = registry().lock().unwrap_or_else(|e| e.into_inner());
    match reg.get(d.name()) {
        Some(old) if old.addr() != d.addr() => Err(format!("two different descriptors are named {:?}", d.name())),
        Some(_) => Ok(()),
        None => {
            reg.insert(d.name(), d);
            Ok(())
        }
    }
}

/// Looks a descriptor up by name.
pub fn lookup(name: &str) -> Option<AnyDescr> {
    registry().lock().unwrap_or_else(|e| e.into_inner()).get(name).copied()
}
