//! Descriptors and helpers shared by the framework's tests.
#![allow(dead_code)]

use kiln::gc::{GcHeader, Tracer};
use kiln::ir::descr::{register, AnyDescr, VarPart};
use kiln::ir::*;

/// A test object: header, an int field, a float field, a reference field,
/// and a byte field.
#[repr(C)]
pub struct Point {
    pub header: GcHeader,
    pub x: i64,
    pub y: f64,
    pub next: usize,
    pub tag: u8,
}

unsafe fn trace_point(obj: *mut u8, t: &mut Tracer) {
    let p = obj as *const Point;
    t.mark((*p).next);
}

pub static POINT: TypeDescr = TypeDescr {
    name: "Point",
    size: std::mem::size_of::<Point>() as u32,
    var: None,
    trace: Some(trace_point),
    finalize: None,
};
pub static POINT_X: FieldDescr = FieldDescr::new("Point.x", std::mem::offset_of!(Point, x), MemKind::I64);
pub static POINT_Y: FieldDescr = FieldDescr::new("Point.y", std::mem::offset_of!(Point, y), MemKind::F64);
pub static POINT_NEXT: FieldDescr = FieldDescr::new("Point.next", std::mem::offset_of!(Point, next), MemKind::Ref);
pub static POINT_TAG: FieldDescr = FieldDescr::new("Point.tag", std::mem::offset_of!(Point, tag), MemKind::U8);
pub static POINT_XI: FieldDescr = FieldDescr::new("Point.x_imm", std::mem::offset_of!(Point, x), MemKind::I64).immutable();

/// A variable-sized array of i64 after a header and a length.
#[repr(C)]
pub struct IntArray {
    pub header: GcHeader,
    pub len: usize,
}
pub static INTARRAY_LEN: FieldDescr = FieldDescr::new("IntArray.len", std::mem::offset_of!(IntArray, len), MemKind::Word).immutable();
pub static INTARRAY: TypeDescr = TypeDescr {
    name: "IntArray",
    size: std::mem::size_of::<IntArray>() as u32,
    var: Some(VarPart { item_size: 8, length: &INTARRAY_LEN }),
    trace: None,
    finalize: None,
};
pub static INTARRAY_ITEMS: ArrayDescr = ArrayDescr::new("IntArray.items", std::mem::size_of::<IntArray>(), 8, MemKind::I64);

extern "C" fn add3(a: u64, b: u64, c: u64) -> u64 {
    a.wrapping_add(b).wrapping_add(c)
}
extern "C" fn noisy(a: u64) -> u64 {
    a + 1
}
extern "C" fn raise_if_negative(a: u64) -> u64 {
    if (a as i64) < 0 {
        kiln::ctx::raise(77);
    }
    a
}

pub static ADD3: CallDescr = CallDescr {
    name: "add3",
    func: ResidualFn::A3(add3),
    args: &[Type::Int, Type::Int, Type::Int],
    ret: Type::Int,
    effects: Effects::ELIDABLE,
};
pub static NOISY: CallDescr = CallDescr {
    name: "noisy",
    func: ResidualFn::A1(noisy),
    args: &[Type::Int],
    ret: Type::Int,
    effects: Effects::WRITES,
};
pub static RAISE_NEG: CallDescr = CallDescr {
    name: "raise_if_negative",
    func: ResidualFn::A1(raise_if_negative),
    args: &[Type::Int],
    ret: Type::Int,
    effects: Effects::CAN_RAISE,
};

extern "C" fn point_x(p: u64) -> u64 {
    // SAFETY: tests pass real Points.
    unsafe { (*(p as *const Point)).x as u64 }
}

/// Reads `Point.x` of its argument: no side effects, but not elidable.
pub static POINT_X_CALL: CallDescr = CallDescr {
    name: "point_x",
    func: ResidualFn::A1(point_x),
    args: &[Type::Ref],
    ret: Type::Int,
    effects: Effects::READS,
};

pub fn register_all() {
    for d in [
        AnyDescr::Type(&POINT),
        AnyDescr::Field(&POINT_X),
        AnyDescr::Field(&POINT_Y),
        AnyDescr::Field(&POINT_NEXT),
        AnyDescr::Field(&POINT_TAG),
        AnyDescr::Field(&POINT_XI),
        AnyDescr::Type(&INTARRAY),
        AnyDescr::Field(&INTARRAY_LEN),
        AnyDescr::Array(&INTARRAY_ITEMS),
        AnyDescr::Call(&ADD3),
        AnyDescr::Call(&NOISY),
        AnyDescr::Call(&RAISE_NEG),
        AnyDescr::Call(&POINT_X_CALL),
    ] {
        register(d).unwrap();
    }
}

/// Parses a loop trace, panicking with the parser's message on error.
pub fn parse<'a>(arena: &'a Arena, text: &str) -> Trace<'a> {
    register_all();
    let t = parse::parse(arena, TraceKind::Loop, text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    t.verify().unwrap_or_else(|e| panic!("{e}\n{text}"));
    t
}

/// Prints a parsed text in canonical form (names renumbered).
pub fn canonical(text: &str) -> String {
    let arena = Arena::new();
    text::print(&parse(&arena, text))
}
