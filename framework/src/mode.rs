//! Execution modes: the written-once mechanism.
//!
//! An interpreter writes its instruction handlers once, generic over
//! [`Mode`]. Every operation on interpreter-level values goes through the
//! mode: arithmetic, comparisons that decide control flow, memory accesses
//! with their descriptors, calls into plain Rust, and reads and writes of the
//! virtualizable frame's slots. Two modes implement the trait:
//!
//! * [`Concrete`]: values are plain `i64`/`f64`/`usize`; every method is an
//!   `#[inline(always)]` one-liner, so the monomorphized interpreter is an
//!   ordinary fast interpreter.
//! * [`crate::Recorder`]: each value carries its concrete value and the IR
//!   operand that computes it; every operation is executed *and* recorded,
//!   and deciding control flow on a recorded value records a guard.
//!
//! So the handler code, run on the user's program, is what writes the trace.

use crate::ir::{ArrayDescr, CallDescr, FieldDescr, Greens, MemKind, TypeDescr};

/// Why the interpreter's dispatch loop must return to its driver loop.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum JitStop {
    /// A loop header became hot: start recording at it (concrete mode).
    StartTrace(Greens),
    /// A compiled loop (or function-entry trace) exists here: run it
    /// (concrete mode).
    Enter(u32),
    /// A function entry became hot: start recording a function-entry trace
    /// (concrete mode).
    StartFunctionTrace(Greens),
    /// The GC wants a collection; collect, then continue (concrete mode).
    Collect,
    /// Recording ended (the loop closed, or the trace was aborted); continue
    /// in concrete mode from the current state.
    TraceEnded,
}

/// The slots of a virtualizable frame: the interpreter state that traces
/// keep in registers (locals, value stack, ...), as 64-bit words.
///
/// Handlers access slots through [`Mode::slot`] and [`Mode::set_slot`] so
/// that the recorder can follow them. Code that never runs while recording
/// (frame setup in concrete mode, resume) may use [`Slots::words_mut`].
pub struct Slots {
    words: Vec<u64>,
}

impl Slots {
    pub fn new(len: usize) -> Slots {
        Slots { words: vec![0; len] }
    }
    pub fn len(&self) -> usize {
        self.words.len()
    }
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
    #[inline(always)]
    pub fn words(&self) -> &[u64] {
        &self.words
    }
    #[inline(always)]
    pub fn words_mut(&mut self) -> &mut [u64] {
        &mut self.words
    }
    /// Grows or shrinks to `len` words (new words are zero).
    pub fn resize(&mut self, len: usize) {
        self.words.resize(len, 0);
    }
    /// Identity of this frame's storage, used to match frames while recording.
    pub fn id(&self) -> usize {
        self.words.as_ptr() as usize
    }
}

/// An argument of a residual call.
pub enum Arg<M: Mode + ?Sized> {
    I(M::I),
    F(M::F),
    R(M::R),
}

impl<M: Mode + ?Sized> Clone for Arg<M> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<M: Mode + ?Sized> Copy for Arg<M> {}

/// The result of a residual call.
pub enum Ret<M: Mode + ?Sized> {
    I(M::I),
    F(M::F),
    R(M::R),
    Void,
}

impl<M: Mode + ?Sized> Ret<M> {
    pub fn int(self) -> M::I {
        match self {
            Ret::I(v) => v,
            _ => panic!("residual call did not return an int"),
        }
    }
    pub fn float(self) -> M::F {
        match self {
            Ret::F(v) => v,
            _ => panic!("residual call did not return a float"),
        }
    }
    pub fn reference(self) -> M::R {
        match self {
            Ret::R(v) => v,
            _ => panic!("residual call did not return a reference"),
        }
    }
}

/// An execution mode. See the module documentation.
///
/// Rules for handler code (the recorder checks what it can):
/// * decide control flow only through [`Mode::cond`], [`Mode::is_null`],
///   [`Mode::promote_int`], [`Mode::promote_ref`] and [`Mode::class_of`];
/// * call plain Rust only through residual calls ([`crate::residual!`]);
/// * within one instruction, do every guard before the first side effect
///   on the heap (a guard failure re-executes the instruction);
/// * keep all state that survives an instruction in frame slots, in greens
///   or in the heap.
pub trait Mode {
    /// An integer (or raw word) value.
    type I: Copy;
    /// A float value.
    type F: Copy;
    /// A reference to a GC object (or any address).
    type R: Copy;
    /// Whether this mode records a trace.
    const RECORDING: bool;

    // ---- constants
    fn int(&mut self, v: i64) -> Self::I;
    fn float(&mut self, v: f64) -> Self::F;
    /// A constant reference (an object that the interpreter keeps alive).
    fn const_ref(&mut self, addr: usize) -> Self::R;

    // ---- integer arithmetic (wrapping; division truncates)
    fn int_add(&mut self, a: Self::I, b: Self::I) -> Self::I;
    fn int_sub(&mut self, a: Self::I, b: Self::I) -> Self::I;
    fn int_mul(&mut self, a: Self::I, b: Self::I) -> Self::I;
    /// Truncating division; the caller has excluded `b == 0` and `MIN / -1`.
    fn int_div(&mut self, a: Self::I, b: Self::I) -> Self::I;
    /// Remainder with the sign of `a`; the caller has excluded `b == 0`.
    fn int_mod(&mut self, a: Self::I, b: Self::I) -> Self::I;
    fn int_and(&mut self, a: Self::I, b: Self::I) -> Self::I;
    fn int_or(&mut self, a: Self::I, b: Self::I) -> Self::I;
    fn int_xor(&mut self, a: Self::I, b: Self::I) -> Self::I;
    /// Shift left; the caller has excluded shifts outside 0..64.
    fn int_lshift(&mut self, a: Self::I, b: Self::I) -> Self::I;
    /// Arithmetic shift right; the caller has excluded shifts outside 0..64.
    fn int_rshift(&mut self, a: Self::I, b: Self::I) -> Self::I;
    fn uint_rshift(&mut self, a: Self::I, b: Self::I) -> Self::I;
    fn int_neg(&mut self, a: Self::I) -> Self::I;
    fn int_invert(&mut self, a: Self::I) -> Self::I;
    /// `a + b`, or `None` on signed overflow (records an overflow guard).
    fn int_add_ovf(&mut self, a: Self::I, b: Self::I) -> Option<Self::I>;
    fn int_sub_ovf(&mut self, a: Self::I, b: Self::I) -> Option<Self::I>;
    fn int_mul_ovf(&mut self, a: Self::I, b: Self::I) -> Option<Self::I>;

    // ---- integer comparisons (result 0 or 1)
    fn int_lt(&mut self, a: Self::I, b: Self::I) -> Self::I;
    fn int_le(&mut self, a: Self::I, b: Self::I) -> Self::I;
    fn int_eq(&mut self, a: Self::I, b: Self::I) -> Self::I;
    fn int_ne(&mut self, a: Self::I, b: Self::I) -> Self::I;
    fn int_gt(&mut self, a: Self::I, b: Self::I) -> Self::I;
    fn int_ge(&mut self, a: Self::I, b: Self::I) -> Self::I;
    fn uint_lt(&mut self, a: Self::I, b: Self::I) -> Self::I;
    fn uint_ge(&mut self, a: Self::I, b: Self::I) -> Self::I;
    fn int_is_zero(&mut self, a: Self::I) -> Self::I;
    fn int_is_true(&mut self, a: Self::I) -> Self::I;

    // ---- floats
    fn float_add(&mut self, a: Self::F, b: Self::F) -> Self::F;
    fn float_sub(&mut self, a: Self::F, b: Self::F) -> Self::F;
    fn float_mul(&mut self, a: Self::F, b: Self::F) -> Self::F;
    fn float_truediv(&mut self, a: Self::F, b: Self::F) -> Self::F;
    fn float_neg(&mut self, a: Self::F) -> Self::F;
    fn float_abs(&mut self, a: Self::F) -> Self::F;
    fn float_lt(&mut self, a: Self::F, b: Self::F) -> Self::I;
    fn float_le(&mut self, a: Self::F, b: Self::F) -> Self::I;
    fn float_eq(&mut self, a: Self::F, b: Self::F) -> Self::I;
    fn float_ne(&mut self, a: Self::F, b: Self::F) -> Self::I;
    fn float_gt(&mut self, a: Self::F, b: Self::F) -> Self::I;
    fn float_ge(&mut self, a: Self::F, b: Self::F) -> Self::I;
    fn int_to_float(&mut self, a: Self::I) -> Self::F;
    /// Truncates toward zero; the caller has excluded NaN and out-of-range values.
    fn float_to_int(&mut self, a: Self::F) -> Self::I;
    fn float_to_bits(&mut self, a: Self::F) -> Self::I;
    fn bits_to_float(&mut self, a: Self::I) -> Self::F;

    // ---- references
    fn ptr_eq(&mut self, a: Self::R, b: Self::R) -> Self::I;
    fn ptr_ne(&mut self, a: Self::R, b: Self::R) -> Self::I;
    fn ref_to_int(&mut self, a: Self::R) -> Self::I;
    fn int_to_ref(&mut self, a: Self::I) -> Self::R;

    // ---- control flow and specialization
    /// Branches on `c != 0`; records `guard_true`/`guard_false`.
    fn cond(&mut self, c: Self::I) -> bool;
    /// Whether `r` is null; records `guard_isnull`/`guard_nonnull`.
    fn is_null(&mut self, r: Self::R) -> bool;
    /// The concrete value, which becomes a constant in the trace (`guard_value`).
    fn promote_int(&mut self, v: Self::I) -> i64;
    /// The concrete address, which becomes a constant in the trace (`guard_value`).
    fn promote_ref(&mut self, r: Self::R) -> usize;
    /// The GC type of a non-null object, which becomes known in the trace (`guard_class`).
    fn class_of(&mut self, r: Self::R) -> &'static TypeDescr;
    /// The concrete value of `v` *without* specializing the trace on it. Only
    /// for things that never influence what the program does (statistics,
    /// assertions); anything else must promote.
    fn peek_int(&self, v: Self::I) -> i64;
    fn peek_float(&self, v: Self::F) -> f64;
    fn peek_ref(&self, r: Self::R) -> usize;

    // ---- memory
    fn getfield_i(&mut self, obj: Self::R, d: &'static FieldDescr) -> Self::I;
    fn getfield_f(&mut self, obj: Self::R, d: &'static FieldDescr) -> Self::F;
    fn getfield_r(&mut self, obj: Self::R, d: &'static FieldDescr) -> Self::R;
    fn setfield_i(&mut self, obj: Self::R, d: &'static FieldDescr, v: Self::I);
    fn setfield_f(&mut self, obj: Self::R, d: &'static FieldDescr, v: Self::F);
    fn setfield_r(&mut self, obj: Self::R, d: &'static FieldDescr, v: Self::R);
    fn getarrayitem_i(&mut self, arr: Self::R, i: Self::I, d: &'static ArrayDescr) -> Self::I;
    fn getarrayitem_f(&mut self, arr: Self::R, i: Self::I, d: &'static ArrayDescr) -> Self::F;
    fn getarrayitem_r(&mut self, arr: Self::R, i: Self::I, d: &'static ArrayDescr) -> Self::R;
    fn setarrayitem_i(&mut self, arr: Self::R, i: Self::I, d: &'static ArrayDescr, v: Self::I);
    fn setarrayitem_f(&mut self, arr: Self::R, i: Self::I, d: &'static ArrayDescr, v: Self::F);
    fn setarrayitem_r(&mut self, arr: Self::R, i: Self::I, d: &'static ArrayDescr, v: Self::R);
    /// Allocates a zeroed object of a fixed-size GC type.
    fn new_object(&mut self, t: &'static TypeDescr) -> Self::R;
    /// Allocates a zeroed object of a variable-sized GC type.
    fn new_array(&mut self, t: &'static TypeDescr, len: Self::I) -> Self::R;
    /// Reads a quasi-immutable field: the trace assumes its current value
    /// and is invalidated if [`crate::quasi_immut_changed`] is called for it.
    fn quasi_immut_i(&mut self, obj: Self::R, d: &'static FieldDescr) -> Self::I;
    fn quasi_immut_r(&mut self, obj: Self::R, d: &'static FieldDescr) -> Self::R;

    // ---- residual calls (see `residual!` for typed wrappers)
    /// Calls `f`; its pending exception, if it can raise, becomes `Err`.
    fn call<const N: usize>(&mut self, f: &'static CallDescr, args: [Arg<Self>; N]) -> Result<Ret<Self>, Self::I>;

    // ---- the virtualizable frame
    fn slot(&mut self, s: &Slots, i: usize) -> Self::I;
    fn set_slot(&mut self, s: &mut Slots, i: usize, v: Self::I);
    /// Marks the start of an instruction at `greens` in frame `s`, whose
    /// first `live` words are live. Call it at the top of the dispatch loop.
    fn merge_point(&mut self, greens: Greens, s: &Slots, live: usize) -> Option<JitStop>;
    /// Marks a loop header (the target of a backward jump), right before the
    /// `merge_point` of the instruction there: where loops are counted,
    /// entered and closed.
    fn loop_header(&mut self, greens: Greens, s: &Slots, live: usize) -> Option<JitStop>;
    /// An inlined call: the new frame `callee` becomes the current frame.
    /// `caller` resumes at `return_to` with its first `caller_live` words
    /// live once the callee returns.
    fn enter_frame(&mut self, callee: &Slots, caller: &Slots, return_to: Greens, caller_live: usize) -> Option<JitStop>;
    /// The current frame returns; its caller becomes current again.
    fn leave_frame(&mut self) -> Option<JitStop>;
    /// The handler cannot be traced from here (an unsupported feature):
    /// recording stops. Concrete mode ignores it.
    fn cannot_trace(&mut self, why: &'static str) -> Option<JitStop>;
    /// Marks the entry of a function (before the `merge_point` of its first
    /// instruction): where function-entry traces are counted, entered and
    /// started. Code whose hot path is a call rather than a loop (recursion)
    /// gets compiled through this hook. (Function-entry keys are kept apart
    /// from loop-header keys, so `greens` may equal a loop header's.)
    fn function_entry(&mut self, greens: Greens, s: &Slots, live: usize) -> Option<JitStop>;
    /// The values the current frame returns, given right before
    /// [`Mode::leave_frame`]. A function-entry trace whose base frame returns
    /// ends with `finish(values)`.
    fn return_value(&mut self, words: &[Self::I]);
    /// How many frames the trace being recorded holds (1 = its base frame
    /// only; 0 when not recording). Interpreters use it to stop inlining
    /// recursive or deep calls, calling the function through a residual call
    /// instead (whose nested run enters the function's own compiled code).
    fn inline_depth(&self) -> usize;
    /// Names the function entry (its `function_entry` greens) of the frame
    /// just entered with [`Mode::enter_frame`]. When a loop inside an inlined
    /// call makes the trace unworkable, the recorder then marks that
    /// function as not to be inlined (see [`Mode::should_inline`]).
    fn callee_entry(&mut self, entry: Greens);
    /// Whether a call of the function with entry `entry` may be inlined
    /// while recording (false after an inlined call of it met a loop).
    fn should_inline(&mut self, entry: Greens) -> bool;
    /// The residual call whose result is `v`, with its arguments, when
    /// nothing that may write memory was recorded since (so calling it
    /// again now would read what it read). An interpreter uses it to fuse
    /// an operation with the call that made its operand — copying part of
    /// an array straight from the array the call copied it out of, say —
    /// and the optimizer then drops the call if only guards' resume data
    /// still need its result (see `opt::sink`). `None` in concrete mode and for values
    /// that did not come from a call.
    fn producing_call(&self, v: Self::I) -> Option<ProducingCall<Self>>;
}

/// A recorded residual call (see [`Mode::producing_call`]).
pub struct ProducingCall<M: Mode + ?Sized> {
    pub descr: &'static CallDescr,
    pub args: Vec<Arg<M>>,
}

/// Plain execution. All operations compute directly; hooks only count.
#[derive(Default, Clone, Copy)]
pub struct Concrete;

#[inline(always)]
fn load(addr: usize, off: u32, kind: MemKind) -> u64 {
    // SAFETY: handler code only accesses fields its descriptors describe.
    unsafe { kind.load(addr + off as usize) }
}

#[inline(always)]
fn store(addr: usize, off: u32, kind: MemKind, v: u64) {
    // SAFETY: as in `load`.
    unsafe { kind.store(addr + off as usize, v) }
}

#[inline(always)]
fn item_addr(arr: usize, i: i64, d: &ArrayDescr) -> usize {
    arr.wrapping_add(d.offset as usize).wrapping_add((i as usize).wrapping_mul(d.item_size as usize))
}

impl Mode for Concrete {
    type I = i64;
    type F = f64;
    type R = usize;
    const RECORDING: bool = false;

    #[inline(always)]
    fn int(&mut self, v: i64) -> i64 {
        v
    }
    #[inline(always)]
    fn float(&mut self, v: f64) -> f64 {
        v
    }
    #[inline(always)]
    fn const_ref(&mut self, addr: usize) -> usize {
        addr
    }
    #[inline(always)]
    fn int_add(&mut self, a: i64, b: i64) -> i64 {
        a.wrapping_add(b)
    }
    #[inline(always)]
    fn int_sub(&mut self, a: i64, b: i64) -> i64 {
        a.wrapping_sub(b)
    }
    #[inline(always)]
    fn int_mul(&mut self, a: i64, b: i64) -> i64 {
        a.wrapping_mul(b)
    }
    #[inline(always)]
    fn int_div(&mut self, a: i64, b: i64) -> i64 {
        a.wrapping_div(b)
    }
    #[inline(always)]
    fn int_mod(&mut self, a: i64, b: i64) -> i64 {
        a.wrapping_rem(b)
    }
    #[inline(always)]
    fn int_and(&mut self, a: i64, b: i64) -> i64 {
        a & b
    }
    #[inline(always)]
    fn int_or(&mut self, a: i64, b: i64) -> i64 {
        a | b
    }
    #[inline(always)]
    fn int_xor(&mut self, a: i64, b: i64) -> i64 {
        a ^ b
    }
    #[inline(always)]
    fn int_lshift(&mut self, a: i64, b: i64) -> i64 {
        a.wrapping_shl(b as u32)
    }
    #[inline(always)]
    fn int_rshift(&mut self, a: i64, b: i64) -> i64 {
        a.wrapping_shr(b as u32)
    }
    #[inline(always)]
    fn uint_rshift(&mut self, a: i64, b: i64) -> i64 {
        (a as u64).wrapping_shr(b as u32) as i64
    }
    #[inline(always)]
    fn int_neg(&mut self, a: i64) -> i64 {
        a.wrapping_neg()
    }
    #[inline(always)]
    fn int_invert(&mut self, a: i64) -> i64 {
        !a
    }
    #[inline(always)]
    fn int_add_ovf(&mut self, a: i64, b: i64) -> Option<i64> {
        a.checked_add(b)
    }
    #[inline(always)]
    fn int_sub_ovf(&mut self, a: i64, b: i64) -> Option<i64> {
        a.checked_sub(b)
    }
    #[inline(always)]
    fn int_mul_ovf(&mut self, a: i64, b: i64) -> Option<i64> {
        a.checked_mul(b)
    }
    #[inline(always)]
    fn int_lt(&mut self, a: i64, b: i64) -> i64 {
        (a < b) as i64
    }
    #[inline(always)]
    fn int_le(&mut self, a: i64, b: i64) -> i64 {
        (a <= b) as i64
    }
    #[inline(always)]
    fn int_eq(&mut self, a: i64, b: i64) -> i64 {
        (a == b) as i64
    }
    #[inline(always)]
    fn int_ne(&mut self, a: i64, b: i64) -> i64 {
        (a != b) as i64
    }
    #[inline(always)]
    fn int_gt(&mut self, a: i64, b: i64) -> i64 {
        (a > b) as i64
    }
    #[inline(always)]
    fn int_ge(&mut self, a: i64, b: i64) -> i64 {
        (a >= b) as i64
    }
    #[inline(always)]
    fn uint_lt(&mut self, a: i64, b: i64) -> i64 {
        ((a as u64) < (b as u64)) as i64
    }
    #[inline(always)]
    fn uint_ge(&mut self, a: i64, b: i64) -> i64 {
        ((a as u64) >= (b as u64)) as i64
    }
    #[inline(always)]
    fn int_is_zero(&mut self, a: i64) -> i64 {
        (a == 0) as i64
    }
    #[inline(always)]
    fn int_is_true(&mut self, a: i64) -> i64 {
        (a != 0) as i64
    }
    #[inline(always)]
    fn float_add(&mut self, a: f64, b: f64) -> f64 {
        a + b
    }
    #[inline(always)]
    fn float_sub(&mut self, a: f64, b: f64) -> f64 {
        a - b
    }
    #[inline(always)]
    fn float_mul(&mut self, a: f64, b: f64) -> f64 {
        a * b
    }
    #[inline(always)]
    fn float_truediv(&mut self, a: f64, b: f64) -> f64 {
        a / b
    }
    #[inline(always)]
    fn float_neg(&mut self, a: f64) -> f64 {
        -a
    }
    #[inline(always)]
    fn float_abs(&mut self, a: f64) -> f64 {
        a.abs()
    }
    #[inline(always)]
    fn float_lt(&mut self, a: f64, b: f64) -> i64 {
        (a < b) as i64
    }
    #[inline(always)]
    fn float_le(&mut self, a: f64, b: f64) -> i64 {
        (a <= b) as i64
    }
    #[inline(always)]
    fn float_eq(&mut self, a: f64, b: f64) -> i64 {
        (a == b) as i64
    }
    #[inline(always)]
    fn float_ne(&mut self, a: f64, b: f64) -> i64 {
        (a != b) as i64
    }
    #[inline(always)]
    fn float_gt(&mut self, a: f64, b: f64) -> i64 {
        (a > b) as i64
    }
    #[inline(always)]
    fn float_ge(&mut self, a: f64, b: f64) -> i64 {
        (a >= b) as i64
    }
    #[inline(always)]
    fn int_to_float(&mut self, a: i64) -> f64 {
        a as f64
    }
    #[inline(always)]
    fn float_to_int(&mut self, a: f64) -> i64 {
        a as i64
    }
    #[inline(always)]
    fn float_to_bits(&mut self, a: f64) -> i64 {
        a.to_bits() as i64
    }
    #[inline(always)]
    fn bits_to_float(&mut self, a: i64) -> f64 {
        f64::from_bits(a as u64)
    }
    #[inline(always)]
    fn ptr_eq(&mut self, a: usize, b: usize) -> i64 {
        (a == b) as i64
    }
    #[inline(always)]
    fn ptr_ne(&mut self, a: usize, b: usize) -> i64 {
        (a != b) as i64
    }
    #[inline(always)]
    fn ref_to_int(&mut self, a: usize) -> i64 {
        a as i64
    }
    #[inline(always)]
    fn int_to_ref(&mut self, a: i64) -> usize {
        a as usize
    }
    #[inline(always)]
    fn cond(&mut self, c: i64) -> bool {
        c != 0
    }
    #[inline(always)]
    fn is_null(&mut self, r: usize) -> bool {
        r == 0
    }
    #[inline(always)]
    fn promote_int(&mut self, v: i64) -> i64 {
        v
    }
    #[inline(always)]
    fn promote_ref(&mut self, r: usize) -> usize {
        r
    }
    #[inline(always)]
    fn class_of(&mut self, r: usize) -> &'static TypeDescr {
        // SAFETY: handlers only ask for the class of live objects.
        unsafe { crate::gc::type_of(r) }
    }
    #[inline(always)]
    fn peek_int(&self, v: i64) -> i64 {
        v
    }
    #[inline(always)]
    fn peek_float(&self, v: f64) -> f64 {
        v
    }
    #[inline(always)]
    fn peek_ref(&self, r: usize) -> usize {
        r
    }
    #[inline(always)]
    fn getfield_i(&mut self, obj: usize, d: &'static FieldDescr) -> i64 {
        load(obj, d.offset, d.kind) as i64
    }
    #[inline(always)]
    fn getfield_f(&mut self, obj: usize, d: &'static FieldDescr) -> f64 {
        f64::from_bits(load(obj, d.offset, d.kind))
    }
    #[inline(always)]
    fn getfield_r(&mut self, obj: usize, d: &'static FieldDescr) -> usize {
        load(obj, d.offset, d.kind) as usize
    }
    #[inline(always)]
    fn setfield_i(&mut self, obj: usize, d: &'static FieldDescr, v: i64) {
        store(obj, d.offset, d.kind, v as u64)
    }
    #[inline(always)]
    fn setfield_f(&mut self, obj: usize, d: &'static FieldDescr, v: f64) {
        store(obj, d.offset, d.kind, v.to_bits())
    }
    #[inline(always)]
    fn setfield_r(&mut self, obj: usize, d: &'static FieldDescr, v: usize) {
        store(obj, d.offset, d.kind, v as u64)
    }
    #[inline(always)]
    fn getarrayitem_i(&mut self, arr: usize, i: i64, d: &'static ArrayDescr) -> i64 {
        load(item_addr(arr, i, d), 0, d.kind) as i64
    }
    #[inline(always)]
    fn getarrayitem_f(&mut self, arr: usize, i: i64, d: &'static ArrayDescr) -> f64 {
        f64::from_bits(load(item_addr(arr, i, d), 0, d.kind))
    }
    #[inline(always)]
    fn getarrayitem_r(&mut self, arr: usize, i: i64, d: &'static ArrayDescr) -> usize {
        load(item_addr(arr, i, d), 0, d.kind) as usize
    }
    #[inline(always)]
    fn setarrayitem_i(&mut self, arr: usize, i: i64, d: &'static ArrayDescr, v: i64) {
        store(item_addr(arr, i, d), 0, d.kind, v as u64)
    }
    #[inline(always)]
    fn setarrayitem_f(&mut self, arr: usize, i: i64, d: &'static ArrayDescr, v: f64) {
        store(item_addr(arr, i, d), 0, d.kind, v.to_bits())
    }
    #[inline(always)]
    fn setarrayitem_r(&mut self, arr: usize, i: i64, d: &'static ArrayDescr, v: usize) {
        store(item_addr(arr, i, d), 0, d.kind, v as u64)
    }
    #[inline(always)]
    fn new_object(&mut self, t: &'static TypeDescr) -> usize {
        crate::gc::alloc(t)
    }
    #[inline(always)]
    fn new_array(&mut self, t: &'static TypeDescr, len: i64) -> usize {
        crate::gc::alloc_var(t, len as usize)
    }
    #[inline(always)]
    fn quasi_immut_i(&mut self, obj: usize, d: &'static FieldDescr) -> i64 {
        load(obj, d.offset, d.kind) as i64
    }
    #[inline(always)]
    fn quasi_immut_r(&mut self, obj: usize, d: &'static FieldDescr) -> usize {
        load(obj, d.offset, d.kind) as usize
    }
    #[inline(always)]
    fn call<const N: usize>(&mut self, f: &'static CallDescr, args: [Arg<Self>; N]) -> Result<Ret<Self>, i64> {
        let words: [u64; N] = args.map(|a| match a {
            Arg::I(v) => v as u64,
            Arg::F(v) => v.to_bits(),
            Arg::R(v) => v as u64,
        });
        let r = f.func.invoke(&words);
        if f.effects.can_raise() {
            if let Some(e) = crate::ctx::take_exception() {
                return Err(e as i64);
            }
        }
        Ok(match f.ret {
            crate::ir::Type::Int => Ret::I(r as i64),
            crate::ir::Type::Float => Ret::F(f64::from_bits(r)),
            crate::ir::Type::Ref => Ret::R(r as usize),
            crate::ir::Type::Void => Ret::Void,
        })
    }
    #[inline(always)]
    fn slot(&mut self, s: &Slots, i: usize) -> i64 {
        s.words[i] as i64
    }
    #[inline(always)]
    fn set_slot(&mut self, s: &mut Slots, i: usize, v: i64) {
        s.words[i] = v as u64
    }
    #[inline(always)]
    fn merge_point(&mut self, _greens: Greens, _s: &Slots, _live: usize) -> Option<JitStop> {
        None
    }
    #[inline(always)]
    fn loop_header(&mut self, greens: Greens, _s: &Slots, live: usize) -> Option<JitStop> {
        crate::driver::on_loop_header(greens, live)
    }
    #[inline(always)]
    fn enter_frame(&mut self, _callee: &Slots, _caller: &Slots, _return_to: Greens, _live: usize) -> Option<JitStop> {
        None
    }
    #[inline(always)]
    fn leave_frame(&mut self) -> Option<JitStop> {
        None
    }
    #[inline(always)]
    fn cannot_trace(&mut self, _why: &'static str) -> Option<JitStop> {
        None
    }
    #[inline(always)]
    fn function_entry(&mut self, greens: Greens, _s: &Slots, live: usize) -> Option<JitStop> {
        crate::driver::on_function_entry(greens, live)
    }
    #[inline(always)]
    fn return_value(&mut self, _words: &[i64]) {}
    #[inline(always)]
    fn inline_depth(&self) -> usize {
        0
    }
    #[inline(always)]
    fn callee_entry(&mut self, _entry: Greens) {}
    #[inline(always)]
    fn should_inline(&mut self, _entry: Greens) -> bool {
        true
    }
    #[inline(always)]
    fn producing_call(&self, _v: i64) -> Option<ProducingCall<Self>> {
        None
    }
}
