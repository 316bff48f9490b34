//! Shared test harness: test descriptors (a struct with a field of every
//! MemKind, byte and word arrays, object types, residual functions that log
//! their calls) and a differential runner that compiles a trace from IR text
//! with both the Cranelift backend and the IR evaluator, runs both on the
//! same inputs and the same starting memory, and asserts identical results.

#![allow(dead_code)]

use kiln::backend::{Backend, CompileInfo, CompiledCode, Exit, GuardExit};
use kiln::eval::{default_exits, EvalBackend};
use kiln::gc::GcHeader;
use kiln::ir::descr::{register, AnyDescr, VarPart};
use kiln::ir::*;
use kiln_cranelift::{Config, CraneliftBackend};
use std::cell::{Cell, RefCell};
use std::mem::{offset_of, size_of};
use std::rc::Rc;

// ---- object layouts

/// A GC object with one field of every memory kind.
#[repr(C)]
pub struct Obj {
    pub hdr: GcHeader,
    pub i8_: i8,
    pub u8_: u8,
    pub i16_: i16,
    pub u16_: u16,
    pub i32_: i32,
    pub u32_: u32,
    pub i64_: i64,
    pub f64_: f64,
    pub word: usize,
    pub r: usize,
}

pub static OBJ: TypeDescr = TypeDescr { name: "Obj", size: size_of::<Obj>() as u32, var: None, trace: None, finalize: None };
pub static OTHER: TypeDescr = TypeDescr { name: "Other", size: size_of::<Obj>() as u32, var: None, trace: None, finalize: None };
pub static OBJ_I8: FieldDescr = FieldDescr::new("Obj.i8", offset_of!(Obj, i8_), MemKind::I8);
pub static OBJ_U8: FieldDescr = FieldDescr::new("Obj.u8", offset_of!(Obj, u8_), MemKind::U8);
pub static OBJ_I16: FieldDescr = FieldDescr::new("Obj.i16", offset_of!(Obj, i16_), MemKind::I16);
pub static OBJ_U16: FieldDescr = FieldDescr::new("Obj.u16", offset_of!(Obj, u16_), MemKind::U16);
pub static OBJ_I32: FieldDescr = FieldDescr::new("Obj.i32", offset_of!(Obj, i32_), MemKind::I32);
pub static OBJ_U32: FieldDescr = FieldDescr::new("Obj.u32", offset_of!(Obj, u32_), MemKind::U32);
pub static OBJ_I64: FieldDescr = FieldDescr::new("Obj.i64", offset_of!(Obj, i64_), MemKind::I64);
pub static OBJ_F64: FieldDescr = FieldDescr::new("Obj.f64", offset_of!(Obj, f64_), MemKind::F64);
pub static OBJ_WORD: FieldDescr = FieldDescr::new("Obj.word", offset_of!(Obj, word), MemKind::Word);
pub static OBJ_REF: FieldDescr = FieldDescr::new("Obj.ref", offset_of!(Obj, r), MemKind::Ref);

/// Variable-sized objects: header, length word, then items.
pub const ARRAY_BASE: usize = 24;
pub static LEN: FieldDescr = FieldDescr::new("Array.len", 16, MemKind::Word);
pub static BYTES: TypeDescr =
    TypeDescr { name: "Bytes", size: ARRAY_BASE as u32, var: Some(VarPart { item_size: 1, length: &LEN }), trace: None, finalize: None };
pub static WORDS: TypeDescr =
    TypeDescr { name: "Words", size: ARRAY_BASE as u32, var: Some(VarPart { item_size: 8, length: &LEN }), trace: None, finalize: None };
pub static A_I8: ArrayDescr = ArrayDescr::new("a_i8", ARRAY_BASE, 1, MemKind::I8);
pub static A_U8: ArrayDescr = ArrayDescr::new("a_u8", ARRAY_BASE, 1, MemKind::U8);
pub static A_I16: ArrayDescr = ArrayDescr::new("a_i16", ARRAY_BASE, 2, MemKind::I16);
pub static A_U16: ArrayDescr = ArrayDescr::new("a_u16", ARRAY_BASE, 2, MemKind::U16);
pub static A_I32: ArrayDescr = ArrayDescr::new("a_i32", ARRAY_BASE, 4, MemKind::I32);
pub static A_U32: ArrayDescr = ArrayDescr::new("a_u32", ARRAY_BASE, 4, MemKind::U32);
pub static A_I64: ArrayDescr = ArrayDescr::new("a_i64", ARRAY_BASE, 8, MemKind::I64);
pub static A_F64: ArrayDescr = ArrayDescr::new("a_f64", ARRAY_BASE, 8, MemKind::F64);
pub static A_WORD: ArrayDescr = ArrayDescr::new("a_word", ARRAY_BASE, 8, MemKind::Word);
pub static A_REF: ArrayDescr = ArrayDescr::new("a_ref", ARRAY_BASE, 8, MemKind::Ref);
/// 16-byte items with the value at offset 4 inside each item.
pub static A_PAIR_HI: ArrayDescr = ArrayDescr::new("a_pair_hi", ARRAY_BASE + 4, 16, MemKind::I32);

// ---- residual functions (each logs its call)

thread_local! {
    static LOG: RefCell<Vec<(&'static str, Vec<u64>)>> = const { RefCell::new(Vec::new()) };
}

fn log(name: &'static str, args: &[u64]) {
    LOG.with(|l| l.borrow_mut().push((name, args.to_vec())));
}

fn mix(args: &[u64]) -> u64 {
    args.iter().fold(0x9E37_79B9_7F4A_7C15u64, |h, &a| (h ^ a).wrapping_mul(0x100_0000_01B3).rotate_left(17))
}

extern "C" fn f0() -> u64 {
    log("f0", &[]);
    42
}
extern "C" fn f1(a: u64) -> u64 {
    log("f1", &[a]);
    mix(&[a])
}
extern "C" fn f2(a: u64, b: u64) -> u64 {
    log("f2", &[a, b]);
    mix(&[a, b])
}
extern "C" fn f3(a: u64, b: u64, c: u64) -> u64 {
    log("f3", &[a, b, c]);
    mix(&[a, b, c])
}
extern "C" fn f4(a: u64, b: u64, c: u64, d: u64) -> u64 {
    log("f4", &[a, b, c, d]);
    mix(&[a, b, c, d])
}
extern "C" fn f5(a: u64, b: u64, c: u64, d: u64, e: u64) -> u64 {
    log("f5", &[a, b, c, d, e]);
    mix(&[a, b, c, d, e])
}
extern "C" fn f6(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64) -> u64 {
    log("f6", &[a, b, c, d, e, f]);
    mix(&[a, b, c, d, e, f])
}
/// (float, float) -> float: a * b + 0.5
extern "C" fn fmuladd(a: u64, b: u64) -> u64 {
    log("fmuladd", &[a, b]);
    (f64::from_bits(a) * f64::from_bits(b) + 0.5).to_bits()
}
/// (int, float, int, float, float, int) -> float
extern "C" fn fmix6(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64) -> u64 {
    log("fmix6", &[a, b, c, d, e, f]);
    let v = (a as i64) as f64 * f64::from_bits(b) + (c as i64) as f64 - f64::from_bits(d) * f64::from_bits(e) + (f as i64) as f64;
    v.to_bits()
}
/// Raises `2 * x` when `x < 0`, else returns `x + 1`.
extern "C" fn raise_if_neg(x: u64) -> u64 {
    log("raise_if_neg", &[x]);
    if (x as i64) < 0 {
        kiln::ctx::raise(x.wrapping_mul(2));
        0xBAD
    } else {
        x + 1
    }
}
/// Writes `v` into the object's i64 field (a residual call with effects).
extern "C" fn store_i64(obj: u64, v: u64) -> u64 {
    log("store_i64", &[obj, v]);
    // SAFETY: tests only pass live `Obj`s.
    unsafe { (*(obj as usize as *mut Obj)).i64_ = v as i64 };
    0
}

pub static CALL_F0: CallDescr = CallDescr { name: "f0", func: ResidualFn::A0(f0), args: &[], ret: Type::Int, effects: Effects::NONE };
pub static CALL_F1: CallDescr =
    CallDescr { name: "f1", func: ResidualFn::A1(f1), args: &[Type::Int], ret: Type::Int, effects: Effects::NONE };
pub static CALL_F2: CallDescr =
    CallDescr { name: "f2", func: ResidualFn::A2(f2), args: &[Type::Int, Type::Int], ret: Type::Int, effects: Effects::NONE };
pub static CALL_F3: CallDescr =
    CallDescr { name: "f3", func: ResidualFn::A3(f3), args: &[Type::Int, Type::Int, Type::Int], ret: Type::Int, effects: Effects::NONE };
pub static CALL_F4: CallDescr = CallDescr {
    name: "f4",
    func: ResidualFn::A4(f4),
    args: &[Type::Int, Type::Int, Type::Int, Type::Int],
    ret: Type::Int,
    effects: Effects::NONE,
};
pub static CALL_F5: CallDescr = CallDescr {
    name: "f5",
    func: ResidualFn::A5(f5),
    args: &[Type::Int, Type::Int, Type::Int, Type::Int, Type::Int],
    ret: Type::Int,
    effects: Effects::NONE,
};
pub static CALL_F6: CallDescr = CallDescr {
    name: "f6",
    func: ResidualFn::A6(f6),
    args: &[Type::Int, Type::Int, Type::Int, Type::Int, Type::Int, Type::Int],
    ret: Type::Int,
    effects: Effects::NONE,
};
pub static CALL_FMULADD: CallDescr = CallDescr {
    name: "fmuladd",
    func: ResidualFn::A2(fmuladd),
    args: &[Type::Float, Type::Float],
    ret: Type::Float,
    effects: Effects::ELIDABLE,
};
pub static CALL_FMIX6: CallDescr = CallDescr {
    name: "fmix6",
    func: ResidualFn::A6(fmix6),
    args: &[Type::Int, Type::Float, Type::Int, Type::Float, Type::Float, Type::Int],
    ret: Type::Float,
    effects: Effects::NONE,
};
pub static CALL_RAISE: CallDescr =
    CallDescr { name: "raise_if_neg", func: ResidualFn::A1(raise_if_neg), args: &[Type::Int], ret: Type::Int, effects: Effects::CAN_RAISE };
pub static CALL_STORE: CallDescr = CallDescr {
    name: "store_i64",
    func: ResidualFn::A2(store_i64),
    args: &[Type::Ref, Type::Int],
    ret: Type::Int,
    effects: Effects::WRITES,
};

/// Makes every test descriptor known to the parser.
pub fn setup() {
    let fields: [&'static FieldDescr; 11] =
        [&OBJ_I8, &OBJ_U8, &OBJ_I16, &OBJ_U16, &OBJ_I32, &OBJ_U32, &OBJ_I64, &OBJ_F64, &OBJ_WORD, &OBJ_REF, &LEN];
    for f in fields {
        register(AnyDescr::Field(f)).unwrap();
    }
    let arrays: [&'static ArrayDescr; 11] = [&A_I8, &A_U8, &A_I16, &A_U16, &A_I32, &A_U32, &A_I64, &A_F64, &A_WORD, &A_REF, &A_PAIR_HI];
    for a in arrays {
        register(AnyDescr::Array(a)).unwrap();
    }
    for t in [&OBJ, &OTHER, &BYTES, &WORDS] {
        register(AnyDescr::Type(t)).unwrap();
    }
    let calls: [&'static CallDescr; 11] =
        [&CALL_F0, &CALL_F1, &CALL_F2, &CALL_F3, &CALL_F4, &CALL_F5, &CALL_F6, &CALL_FMULADD, &CALL_FMIX6, &CALL_RAISE, &CALL_STORE];
    for c in calls {
        register(AnyDescr::Call(c)).unwrap();
    }
}

/// A fresh `Obj` (zeroed) on this thread's GC heap.
pub fn new_obj() -> usize {
    kiln::gc::alloc(&OBJ)
}

/// A fresh `Bytes` array with `len` bytes of items.
pub fn new_bytes(len: usize) -> usize {
    kiln::gc::alloc_var(&BYTES, len)
}

/// The memory an object occupies (header included), for [`Env::regions`].
pub fn region_of(addr: usize) -> (usize, usize) {
    // SAFETY: tests pass live objects.
    let ty = unsafe { kiln::gc::type_of(addr) };
    let mut size = ty.size as usize;
    if let Some(var) = &ty.var {
        let len = unsafe { var.length.kind.load(addr + var.length.offset as usize) } as usize;
        size += var.item_size as usize * len;
    }
    (addr, size)
}

// ---- the differential runner

/// The state a run starts from.
#[derive(Clone, Debug, Default)]
pub struct Env {
    pub inputs: Vec<u64>,
    /// Memory the trace may read or write: saved before the first run,
    /// restored before the second, compared after both.
    pub regions: Vec<(usize, usize)>,
    /// `JitCtx` words on entry: exc_pending, exc_value, gc_due.
    pub ctx: [u64; 3],
    /// The invalidation flag's value.
    pub invalidated: u64,
}

impl Env {
    pub fn new(inputs: &[u64]) -> Env {
        Env { inputs: inputs.to_vec(), ..Env::default() }
    }
    pub fn with_objects(mut self, objs: &[usize]) -> Env {
        self.regions.extend(objs.iter().map(|&o| region_of(o)));
        self
    }
}

/// What one run produced.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub code: u64,
    pub buf: Vec<u64>,
    pub mem: Vec<Vec<u8>>,
    pub ctx: [u64; 3],
    pub calls: Vec<(&'static str, Vec<u64>)>,
}

impl Run {
    pub fn exit(&self) -> Exit {
        Exit::decode(self.code)
    }
}

thread_local! {
    static BACKEND: RefCell<CraneliftBackend> =
        RefCell::new(CraneliftBackend::with_config(&Config { verify: true, ..Config::default() }).expect("host not supported"));
}

const SENTINEL: u64 = 0x5EA1_5EA1_5EA1_5EA1;

/// A trace compiled by both backends.
pub struct Pair {
    pub text: String,
    pub eval: Rc<dyn CompiledCode>,
    pub cl: Rc<dyn CompiledCode>,
    pub exits: Vec<GuardExit>,
    /// Types of each guard's fail arguments, and of the final op's arguments.
    pub guard_types: Vec<Vec<Type>>,
    pub final_types: Vec<Type>,
    pub flag: Box<Cell<u64>>,
    pub buf_len: usize,
    pub code_size: usize,
}

/// Parses `text` (a loop trace) and compiles it with both backends.
pub fn compile(text: &str) -> Pair {
    try_compile(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

pub fn try_compile(text: &str) -> Result<Pair, String> {
    setup();
    let arena = Arena::new();
    let trace = kiln::ir::parse::parse(&arena, TraceKind::Loop, text).map_err(|e| format!("parse error: {e}"))?;
    trace.verify().map_err(|e| format!("invalid trace: {e}"))?;
    let exits = default_exits(&trace);
    let flag = Box::new(Cell::new(0u64));
    let info = CompileInfo { trace_id: 0, guards: exits.clone(), invalidated_flag: flag.as_ptr(), links: kiln::backend::Links::default() };
    let eval = EvalBackend.compile(&trace, &info)?;
    let cl = BACKEND.with(|b| b.borrow_mut().compile(&trace, &info)).map_err(|e| format!("cranelift: {e}"))?;
    let guard_types = exits.iter().map(|e| e.fail_args.iter().map(|&a| trace.type_of(a)).collect()).collect();
    let last = trace.ops.last().unwrap();
    let final_types = last.args.iter().map(|&a| trace.type_of(a)).collect();
    let buf_len = exits.iter().map(|e| e.fail_args.len()).chain([trace.num_inputs, last.args.len()]).max().unwrap() + 4;
    let code_size = cl.code_size();
    Ok(Pair { text: text.to_string(), eval, cl, exits, guard_types, final_types, flag, buf_len, code_size })
}

impl Pair {
    fn run_one(&self, code: &dyn CompiledCode, env: &Env) -> Run {
        let mut buf = vec![SENTINEL; self.buf_len.max(env.inputs.len())];
        buf[..env.inputs.len()].copy_from_slice(&env.inputs);
        let ctx = kiln::ctx::ctx_ptr();
        // SAFETY: the buffer is large enough for every exit; the memory the
        // trace touches is what the test set up.
        let code = unsafe {
            (*ctx).exc_pending = env.ctx[0];
            (*ctx).exc_value = env.ctx[1];
            (*ctx).gc_due = env.ctx[2];
            self.flag.set(env.invalidated);
            LOG.with(|l| l.borrow_mut().clear());
            code.run(ctx, buf.as_mut_ptr())
        };
        let ctx_after = unsafe { [(*ctx).exc_pending, (*ctx).exc_value, (*ctx).gc_due] };
        unsafe {
            (*ctx).exc_pending = 0;
            (*ctx).exc_value = 0;
            (*ctx).gc_due = 0;
        }
        let mem = env.regions.iter().map(|&(a, n)| unsafe { std::slice::from_raw_parts(a as *const u8, n) }.to_vec()).collect();
        let calls = LOG.with(|l| std::mem::take(&mut *l.borrow_mut()));
        Run { code, buf, mem, ctx: ctx_after, calls }
    }

    /// Runs the evaluator, then Cranelift on the same starting state, and
    /// asserts that both did the same. Returns the evaluator's run.
    pub fn check(&self, env: &Env) -> Run {
        let saved: Vec<Vec<u8>> =
            env.regions.iter().map(|&(a, n)| unsafe { std::slice::from_raw_parts(a as *const u8, n) }.to_vec()).collect();
        let e = self.run_one(&*self.eval, env);
        for (&(a, n), bytes) in env.regions.iter().zip(&saved) {
            unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), a as *mut u8, n) };
        }
        let c = self.run_one(&*self.cl, env);
        let ctx = || format!("\ntrace:\n{}\ninputs: {:x?}\neval: {:x?}\ncranelift: {:x?}", self.text, env.inputs, e, c);
        assert_eq!(e.code, c.code, "exit codes differ{}", ctx());
        assert_eq!(e.ctx, c.ctx, "JitCtx differs{}", ctx());
        assert_eq!(e.calls, c.calls, "residual calls differ{}", ctx());
        assert_eq!(e.mem, c.mem, "memory differs{}", ctx());
        let types: &[Type] = match e.exit() {
            Exit::Guard(g) => &self.guard_types[g as usize],
            _ => &self.final_types,
        };
        assert_eq!(e.buf.len(), c.buf.len());
        for k in 0..e.buf.len() {
            let (x, y) = (e.buf[k], c.buf[k]);
            if x == y {
                continue;
            }
            if types.get(k) == Some(&Type::Ref) && same_new_object(x, y) {
                continue;
            }
            panic!("buf[{k}] differs: eval {x:#x}, cranelift {y:#x}{}", ctx());
        }
        e
    }

    /// Checks and returns the exit and the exit's values.
    pub fn outcome(&self, env: &Env) -> (Exit, Vec<u64>) {
        let r = self.check(env);
        let n = match r.exit() {
            Exit::Guard(g) => self.guard_types[g as usize].len(),
            _ => self.final_types.len(),
        };
        (r.exit(), r.buf[..n].to_vec())
    }
}

/// Two objects allocated by the two runs (so at different addresses) with
/// the same type and contents.
fn same_new_object(x: u64, y: u64) -> bool {
    if x == 0 || y == 0 {
        return false;
    }
    let (a, n) = region_of(x as usize);
    let (b, m) = region_of(y as usize);
    // Same type and contents; the headers' GC words (allocation order) differ.
    let h = kiln::gc::HEADER_SIZE;
    n == m
        && unsafe { std::ptr::eq(kiln::gc::type_of(a), kiln::gc::type_of(b)) }
        && unsafe { std::slice::from_raw_parts((a + h) as *const u8, n - h) == std::slice::from_raw_parts((b + h) as *const u8, m - h) }
}

/// Compiles `text` and checks it on inputs.
pub fn check(text: &str, inputs: &[u64]) -> (Exit, Vec<u64>) {
    compile(text).outcome(&Env::new(inputs))
}

pub fn f(v: f64) -> u64 {
    v.to_bits()
}

/// Interesting 64-bit integers.
pub const INTS: &[i64] = &[
    0,
    1,
    -1,
    2,
    -2,
    3,
    7,
    -7,
    31,
    32,
    63,
    64,
    65,
    127,
    128,
    -64,
    -65,
    255,
    1 << 31,
    (1 << 31) - 1,
    -(1 << 31),
    1 << 32,
    (1 << 32) - 1,
    1 << 62,
    0x5555_5555_5555_5555,
    -0x5555_5555_5555_5556,
    i64::MAX,
    i64::MAX - 1,
    i64::MIN,
    i64::MIN + 1,
    0x0123_4567_89AB_CDEF,
];

/// Interesting floats.
pub const FLOATS: &[f64] = &[
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    -2.75,
    1.5e300,
    -1.5e300,
    1e-310,
    f64::MIN_POSITIVE,
    f64::MAX,
    f64::MIN,
    f64::EPSILON,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    i64::MAX as f64,
    i64::MIN as f64,
    9.223372036854774e18,
    9.3e18,
    -9.3e18,
    4503599627370497.5,
    123456789.98765432,
];

/// A dynamic-language loop body: unboxed ints and floats, field loads and
/// stores, class and overflow guards, a residual call, array accesses.
pub const TYPICAL: &str = "[r0, i1, f2, r3, i4]
label(r0, i1, f2, r3, i4)
debug_merge_point(1, 10, \"loop head\")
guard_gc_not_due() [1,10: r0, i1, f2, r3, i4]
guard_not_invalidated() [1,10: r0, i1, f2, r3, i4]
guard_class(r0, descr=Obj) [1,10: r0, i1, f2, r3, i4]
i5 = getfield(r0, descr=Obj.i64)
i6 = int_add_ovf(i5, i1)
guard_no_overflow() [1,12: r0, i1, f2, r3, i4, i5]
i7 = getfield(r0, descr=Obj.i32)
i8 = int_mul_ovf(i7, 3)
guard_no_overflow() [1,14: r0, i1, f2, r3, i4, i6]
i9 = int_lt(i8, 1000000)
guard_true(i9) [1,16: r0, i1, f2, r3, i4, i6, i8]
f10 = getfield(r0, descr=Obj.f64)
f11 = float_mul(f10, f2)
f12 = float_add(f11, 0.5)
f13 = cast_int_to_float(i6)
f14 = float_truediv(f12, f13)
i15 = float_lt(f14, 100.0)
guard_true(i15) [1,18: r0, i1, f2, r3, i4, f14]
i16 = int_and(i4, 63)
i17 = getarrayitem(r3, i16, descr=a_i64)
i18 = int_xor(i17, i6)
i19 = int_rshift(i18, 3)
i20 = int_add(i19, i16)
setarrayitem(r3, i16, i20, descr=a_i64)
i21 = getarrayitem(r3, 1, descr=a_i64)
i22 = int_eq(i21, -12345)
guard_false(i22) [1,20: r0, i1, f2, r3, i4, i21]
i23 = call(i20, i4, descr=f2)
guard_no_exception() [1,22: r0, i1, f2, r3, i4, i23]
i24 = int_and(i23, 255)
setfield(r0, i24, descr=Obj.u8)
i25 = getfield(r0, descr=Obj.u8)
i26 = int_add(i25, i6)
i27 = int_sub(i26, i1)
i28 = int_is_true(i27)
guard_true(i28) [1,24: r0, i1, f2, r3, i4, i27]
f29 = float_sub(f2, f14)
f30 = float_abs(f29)
i31 = cast_float_to_int(f30)
i32 = int_add(i31, i4)
setfield(r0, i32, descr=Obj.i64)
f33 = float_mul(f30, 0.999)
setfield(r0, f33, descr=Obj.f64)
i34 = int_add(i4, 1)
i35 = int_lt(i34, 100000)
guard_true(i35) [1,26: r0, i1, f2, r3, i34]
i36 = int_mod(i34, 7)
i37 = int_add(i1, i36)
i38 = int_sub(i37, i36)
jump(r0, i38, f33, r3, i34, descr=self)";
