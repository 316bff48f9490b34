//! The recording mode: executes handler code concretely and records it.
//!
//! Every value is a [`Traced`]: its concrete value plus the IR operand that
//! computes it. Operations compute the concrete result (so the interpreter's
//! real state is always correct and recording can stop at any moment) and
//! append an op to the trace. Operations whose arguments are all constants
//! fold at once and record nothing.
//!
//! The recorder follows the virtualizable frames: a shadow per frame maps
//! each slot to the operand that last wrote it. At every instruction
//! boundary ([`Mode::merge_point`]) it remembers the frames' state; a guard
//! recorded during the instruction carries that state as its snapshot, so a
//! failing guard re-executes the instruction in the interpreter. For this to
//! be correct, handlers must not guard after a heap side effect within an
//! instruction; the recorder detects a violation and aborts the trace with a
//! message naming the instruction, instead of miscompiling.

use crate::driver;
use crate::ir::descr::{self, AnyDescr};
use crate::ir::*;
use crate::mode::{Arg, JitStop, Mode, ProducingCall, Ret, Slots};
use bumpalo::Bump;

/// A value while recording: the concrete value and its operand in the trace.
#[derive(Copy, Clone, Debug)]
pub struct Traced<T> {
    pub(crate) value: T,
    pub(crate) op: Operand,
}

impl<T: Copy> Traced<T> {
    /// The operand computing this value (for tests and tools).
    pub fn operand(&self) -> Operand {
        self.op
    }
}

/// How recording ended.
#[derive(Clone, Debug, PartialEq)]
pub enum RecordStatus {
    Recording,
    /// The trace is complete (ends with `jump` or `finish`).
    Closed,
    /// Recording gave up; the reason is reported in the JIT statistics.
    Aborted(AbortReason),
}

/// Why recording gave up.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AbortReason {
    TooLong,
    /// An inner loop without compiled code was met repeatedly; the inner
    /// loop is traced first. Does not count toward blacklisting.
    InnerLoop,
    /// A loop inside an inlined call: that function is no longer inlined
    /// (its calls become residual calls that run its own compiled loop).
    /// Does not count toward blacklisting.
    InlinedLoop,
    /// The trace's base frame returned before the loop closed.
    LeftBaseFrame,
    /// A hint was misused by the interpreter (the message says how).
    HintMisuse(String),
    /// The interpreter said it cannot trace something.
    Unsupported(&'static str),
    /// A guard failed at once while recording a bridge, or similar.
    Other(String),
}

impl std::fmt::Display for AbortReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AbortReason::TooLong => write!(f, "trace too long"),
            AbortReason::InnerLoop => write!(f, "inner loop not compiled yet"),
            AbortReason::InlinedLoop => write!(f, "loop in an inlined call (the function is no longer inlined)"),
            AbortReason::LeftBaseFrame => write!(f, "returned from the trace's base frame"),
            AbortReason::HintMisuse(m) => write!(f, "hint misuse: {m}"),
            AbortReason::Unsupported(m) => write!(f, "unsupported: {m}"),
            AbortReason::Other(m) => write!(f, "{m}"),
        }
    }
}

struct ShadowFrame {
    id: usize,
    slots: Vec<Option<Operand>>,
    /// The function entry of an inlined call's frame, if the interpreter
    /// named it (see `Mode::callee_entry`).
    entry: Option<Greens>,
}

struct Boundary<'a> {
    callers: &'a [SnapFrame<'a>],
    top: SnapFrame<'a>,
}

/// Where a bridge starts: the failing guard, whose fail arguments become
/// the bridge's inputs.
#[derive(Clone, Debug)]
pub struct BridgeStart {
    pub guard: u32,
    pub input_types: Vec<Type>,
}

/// The recording mode (see the module documentation).
pub struct Recorder<'a> {
    pub(crate) arena: &'a Bump,
    pub(crate) trace: Trace<'a>,
    pub(crate) start: Greens,
    pub(crate) bridge_of: Option<u32>,
    pub(crate) start_live: usize,
    pub(crate) status: RecordStatus,
    frames: Vec<ShadowFrame>,
    callers: &'a [SnapFrame<'a>],
    boundary: Option<Boundary<'a>>,
    boundary_snapshot: Option<&'a Snapshot<'a>>,
    /// Description of the instruction being recorded, for messages.
    current_greens: Greens,
    effects_since_boundary: bool,
    fresh: Vec<Operand>,
    limit: usize,
    /// Loop headers passed (other than the start), with counts.
    headers_seen: Vec<(Greens, u32)>,
    /// Quasi-immutable fields the trace depends on: (object, field offset).
    pub(crate) qi_deps: Vec<(usize, u32)>,
    invalidation_checked: bool,
    gc_checked: bool,
    /// References baked into the trace that must stay alive.
    pub(crate) gc_consts: Vec<u64>,
    /// Whether the described instruction texts are wanted (logging).
    describe: bool,
    /// What the current frame returns (see `Mode::return_value`).
    returning: Vec<Operand>,
    /// Whether this loop recording may end with its base frame returning
    /// (see `driver::loop_may_finish`).
    may_finish: bool,
    /// The last few residual calls recorded since anything that may write
    /// memory, with their arguments (see `Mode::producing_call`).
    clean_calls: Vec<(Operand, &'static CallDescr, Vec<Arg<Recorder<'a>>>)>,
}

/// How many recent calls [`Mode::producing_call`] can find.
const CLEAN_CALLS: usize = 4;

impl<'a> Recorder<'a> {
    fn new(arena: &'a Bump, kind: TraceKind, start: Greens, limit: usize) -> Recorder<'a> {
        Recorder {
            arena,
            trace: Trace::new(arena, kind),
            start,
            bridge_of: None,
            start_live: 0,
            status: RecordStatus::Recording,
            frames: Vec::new(),
            callers: &[],
            boundary: None,
            boundary_snapshot: None,
            current_greens: start,
            effects_since_boundary: false,
            fresh: Vec::new(),
            limit,
            headers_seen: Vec::new(),
            qi_deps: Vec::new(),
            invalidation_checked: false,
            gc_checked: false,
            gc_consts: Vec::new(),
            describe: driver::wants_descriptions(),
            returning: Vec::new(),
            may_finish: false,
            clean_calls: Vec::new(),
        }
    }

    /// Starts recording a loop at the header `greens`; the base frame's
    /// first `live` words become the trace's inputs.
    pub fn start_loop(arena: &'a Bump, greens: Greens, base: &Slots, live: usize) -> Recorder<'a> {
        let mut r = Recorder::new(arena, TraceKind::Loop, greens, driver::trace_limit());
        r.start_live = live;
        r.may_finish = driver::loop_may_finish(greens);
        let mut shadow = vec![None; base.len()];
        for s in shadow.iter_mut().take(live) {
            *s = Some(r.trace.add_input(Type::Int));
        }
        r.frames.push(ShadowFrame { id: base.id(), slots: shadow, entry: None });
        let args: Vec<Operand> = (0..live as u32).map(Operand::Op).collect();
        let args = arena.alloc_slice_copy(&args);
        r.trace.push(Op::new(Opcode::Label, Type::Void, args));
        driver::recording_started();
        driver::count_loop_trace();
        r
    }

    /// Starts recording a function-entry trace at `greens` (see
    /// [`Mode::function_entry`]); the frame's first `live` words are inputs.
    pub fn start_function(arena: &'a Bump, greens: Greens, base: &Slots, live: usize) -> Recorder<'a> {
        let mut r = Recorder::new(arena, TraceKind::Function, greens, driver::trace_limit());
        r.start_live = live;
        let mut shadow = vec![None; base.len()];
        for s in shadow.iter_mut().take(live) {
            *s = Some(r.trace.add_input(Type::Int));
        }
        r.frames.push(ShadowFrame { id: base.id(), slots: shadow, entry: None });
        driver::recording_started();
        driver::count_function_trace();
        r
    }

    /// Starts recording a bridge from a failing guard. `frames` are the
    /// frames the interpreter rebuilt from the guard's snapshot, outermost
    /// first (as [`crate::Exit`] described them).
    pub fn start_bridge(arena: &'a Bump, start: &BridgeStart, frames: &[&Slots]) -> Recorder<'a> {
        let mut r = Recorder::new(arena, TraceKind::Bridge, Greens::default(), driver::trace_limit());
        r.bridge_of = Some(start.guard);
        let inputs: Vec<Operand> = start.input_types.iter().map(|&t| r.trace.add_input(t)).collect();
        let resume = driver::guard_resume(start.guard);
        // Virtual objects become real allocations at the start of the bridge;
        // the optimizer makes them virtual again.
        // Sunk calls are made again (their arguments are never virtual).
        let mut virtuals: Vec<Operand> = Vec::new();
        let source = |s: &crate::resume::Source, virtuals: &[Operand]| match *s {
            crate::resume::Source::FailArg(k) => inputs[k as usize],
            crate::resume::Source::Const(ty, bits) => Operand::constant(ty, bits),
            crate::resume::Source::Virtual(v) => virtuals[v as usize],
        };
        for v in resume.virtuals.iter() {
            let op = match v.kind {
                VirtualKind::Struct(t) => r.trace.emit(Opcode::New, Type::Ref, &[], Descr::Type(t)),
                VirtualKind::Array(t, n) => r.trace.emit(Opcode::NewArray, Type::Ref, &[Operand::Int(n as i64)], Descr::Type(t)),
                VirtualKind::Call(d) => {
                    let args: Vec<Operand> = v.fields.iter().map(|(_, s)| source(s, &[])).collect();
                    r.trace.emit(Opcode::Call, d.ret, &args, Descr::Call(d))
                }
            };
            virtuals.push(op);
        }
        for (i, v) in resume.virtuals.iter().enumerate() {
            if matches!(v.kind, VirtualKind::Call(_)) {
                continue;
            }
            for (field, src) in &v.fields {
                let val = source(src, &virtuals);
                match *field {
                    VirtualField::Field(d) => {
                        r.trace.emit(Opcode::SetField, Type::Void, &[virtuals[i], val], Descr::Field(d));
                    }
                    VirtualField::Item(d, idx) => {
                        r.trace.emit(Opcode::SetArrayItem, Type::Void, &[virtuals[i], Operand::Int(idx as i64), val], Descr::Array(d));
                    }
                    VirtualField::Arg(_) => {}
                }
            }
        }
        assert_eq!(frames.len(), resume.frames.len(), "bridge start: frame count differs from the snapshot");
        for (k, (slots, fr)) in frames.iter().zip(&resume.frames).enumerate() {
            let mut shadow = vec![None; slots.len()];
            for (j, src) in fr.slots.iter().enumerate() {
                shadow[j] = Some(source(src, &virtuals));
            }
            if k + 1 < frames.len() {
                // A caller: its resume point is what the snapshot said.
                let snap_slots: Vec<Operand> = fr.slots.iter().map(|s| source(s, &virtuals)).collect();
                let mut callers = r.callers.to_vec();
                callers.push(SnapFrame { greens: fr.greens, slots: arena.alloc_slice_copy(&snap_slots) });
                r.callers = arena.alloc_slice_copy(&callers);
            }
            r.frames.push(ShadowFrame { id: slots.id(), slots: shadow, entry: None });
        }
        r.start_live = resume.frames.last().map(|f| f.slots.len()).unwrap_or(0);
        driver::recording_started();
        r
    }

    pub fn status(&self) -> &RecordStatus {
        &self.status
    }

    pub fn is_recording(&self) -> bool {
        self.status == RecordStatus::Recording
    }

    /// Stops recording with `reason` (the concrete state stays valid).
    pub fn abort(&mut self, reason: AbortReason) {
        if self.status == RecordStatus::Recording {
            self.status = RecordStatus::Aborted(reason);
        }
    }

    fn misuse(&mut self, what: &str) {
        let where_ = driver::describe_greens(self.current_greens);
        self.abort(AbortReason::HintMisuse(format!("{what} (at {where_})")));
    }

    /// The number of ops recorded so far.
    pub fn len(&self) -> usize {
        self.trace.ops.len()
    }

    pub fn is_empty(&self) -> bool {
        self.trace.ops.is_empty()
    }

    /// The number of frames being traced (1 = only the base frame).
    pub fn depth(&self) -> usize {
        self.frames.len()
    }

    // ---- building blocks

    fn t<T>(value: T, op: Operand) -> Traced<T> {
        Traced { value, op }
    }

    fn emit(&mut self, opcode: Opcode, ty: Type, args: &[Operand], descr: Descr<'a>) -> Operand {
        if !self.is_recording() {
            return Operand::Int(0);
        }
        self.trace.emit(opcode, ty, args, descr)
    }

    fn int_op(&mut self, opcode: Opcode, value: i64, args: &[Operand]) -> Traced<i64> {
        if args.iter().all(|a| a.is_const()) {
            return Self::t(value, Operand::Int(value));
        }
        let op = self.emit(opcode, Type::Int, args, Descr::None);
        Self::t(value, op)
    }

    fn float_op(&mut self, opcode: Opcode, value: f64, args: &[Operand]) -> Traced<f64> {
        if args.iter().all(|a| a.is_const()) {
            return Self::t(value, Operand::float(value));
        }
        let op = self.emit(opcode, Type::Float, args, Descr::None);
        Self::t(value, op)
    }

    fn snapshot(&mut self) -> Option<&'a Snapshot<'a>> {
        if let Some(s) = self.boundary_snapshot {
            return Some(s);
        }
        let b = self.boundary.as_ref()?;
        let mut frames = Vec::with_capacity(b.callers.len() + 1);
        frames.extend_from_slice(b.callers);
        frames.push(b.top);
        let snap = self.arena.alloc(Snapshot { frames: self.arena.alloc_slice_copy(&frames), virtuals: &[] });
        self.boundary_snapshot = Some(snap);
        Some(snap)
    }

    /// Records a guard that resumes by re-executing the current instruction.
    fn guard(&mut self, opcode: Opcode, args: &[Operand], descr: Descr<'a>) -> Operand {
        if !self.is_recording() {
            return Operand::Int(0);
        }
        if self.effects_since_boundary && opcode != Opcode::GuardNoException {
            self.misuse(&format!("{} after a heap side effect in the same instruction", opcode.name()));
            return Operand::Int(0);
        }
        let Some(snap) = self.snapshot() else {
            self.misuse("guard before the first merge_point");
            return Operand::Int(0);
        };
        let ty = if opcode == Opcode::GuardException { Type::Int } else { Type::Void };
        let args = self.arena.alloc_slice_copy(args);
        self.trace.push(Op { opcode, ty, args, descr, snapshot: Some(snap) })
    }

    fn note_effect(&mut self, target: Operand) {
        self.clean_calls.clear();
        if !self.fresh.contains(&target) {
            self.effects_since_boundary = true;
        }
    }

    fn frame_index(&self, s: &Slots) -> Option<usize> {
        let id = s.id();
        self.frames.iter().rposition(|f| f.id == id)
    }

    fn register(&self, d: AnyDescr) {
        if let Err(e) = descr::register(d) {
            panic!("{e}");
        }
    }

    fn load(&mut self, ty: Type, obj: Operand, addr: usize, d: &'static FieldDescr) -> (u64, Operand) {
        // SAFETY: handler code only accesses fields its descriptors describe.
        let bits = unsafe { d.kind.load(addr + d.offset as usize) };
        if obj.is_const() && d.is_immutable() {
            return (bits, Operand::constant(ty, bits));
        }
        self.register(AnyDescr::Field(d));
        (bits, self.emit(Opcode::GetField, ty, &[obj], Descr::Field(d)))
    }

    fn store(&mut self, obj: Operand, addr: usize, d: &'static FieldDescr, v: Operand, bits: u64) {
        // SAFETY: as in `load`.
        unsafe { d.kind.store(addr + d.offset as usize, bits) };
        if d.flags.contains(FieldFlags::QUASI_IMMUTABLE) {
            self.misuse("store to a quasi-immutable field inside a trace (use a residual call that calls quasi_immut_changed)");
        }
        self.register(AnyDescr::Field(d));
        self.note_effect(obj);
        self.emit(Opcode::SetField, Type::Void, &[obj, v], Descr::Field(d));
    }

    fn load_item(&mut self, ty: Type, arr: Traced<usize>, i: Traced<i64>, d: &'static ArrayDescr) -> (u64, Operand) {
        let addr = arr.value.wrapping_add(d.offset as usize).wrapping_add((i.value as usize).wrapping_mul(d.item_size as usize));
        // SAFETY: as in `load`.
        let bits = unsafe { d.kind.load(addr) };
        if arr.op.is_const() && i.op.is_const() && d.is_immutable() {
            return (bits, Operand::constant(ty, bits));
        }
        self.register(AnyDescr::Array(d));
        (bits, self.emit(Opcode::GetArrayItem, ty, &[arr.op, i.op], Descr::Array(d)))
    }

    fn store_item(&mut self, arr: Traced<usize>, i: Traced<i64>, d: &'static ArrayDescr, v: Operand, bits: u64) {
        let addr = arr.value.wrapping_add(d.offset as usize).wrapping_add((i.value as usize).wrapping_mul(d.item_size as usize));
        // SAFETY: as in `load`.
        unsafe { d.kind.store(addr, bits) };
        self.register(AnyDescr::Array(d));
        self.note_effect(arr.op);
        self.emit(Opcode::SetArrayItem, Type::Void, &[arr.op, i.op, v], Descr::Array(d));
    }

    fn quasi_immut(&mut self, obj: Traced<usize>, d: &'static FieldDescr) -> u64 {
        // SAFETY: as in `load`.
        let bits = unsafe { d.kind.load(obj.value + d.offset as usize) };
        self.register(AnyDescr::Field(d));
        if !self.qi_deps.contains(&(obj.value, d.offset)) {
            self.qi_deps.push((obj.value, d.offset));
        }
        self.emit(Opcode::QuasiImmutField, Type::Void, &[obj.op], Descr::Field(d));
        if !self.invalidation_checked {
            self.guard(Opcode::GuardNotInvalidated, &[], Descr::None);
            self.invalidation_checked = true;
        }
        bits
    }

    fn close(&mut self, target: JumpTarget, live: usize) {
        let Some(base) = self.frames.first() else { return };
        let mut args = Vec::with_capacity(live);
        for (i, s) in base.slots.iter().take(live).enumerate() {
            match s {
                Some(op) => args.push(*op),
                None => {
                    self.misuse(&format!("slot {i} is live at the loop header but was never written"));
                    return;
                }
            }
        }
        self.emit(Opcode::Jump, Type::Void, &args, Descr::Target(target));
        self.status = RecordStatus::Closed;
    }
}

impl<'a> Mode for Recorder<'a> {
    type I = Traced<i64>;
    type F = Traced<f64>;
    type R = Traced<usize>;
    const RECORDING: bool = true;

    fn int(&mut self, v: i64) -> Self::I {
        Self::t(v, Operand::Int(v))
    }
    fn float(&mut self, v: f64) -> Self::F {
        Self::t(v, Operand::float(v))
    }
    fn const_ref(&mut self, addr: usize) -> Self::R {
        Self::t(addr, Operand::Ref(addr as u64))
    }
    fn int_add(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::IntAdd, a.value.wrapping_add(b.value), &[a.op, b.op])
    }
    fn int_sub(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::IntSub, a.value.wrapping_sub(b.value), &[a.op, b.op])
    }
    fn int_mul(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::IntMul, a.value.wrapping_mul(b.value), &[a.op, b.op])
    }
    fn int_div(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::IntDiv, a.value.wrapping_div(b.value), &[a.op, b.op])
    }
    fn int_mod(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::IntMod, a.value.wrapping_rem(b.value), &[a.op, b.op])
    }
    fn int_and(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::IntAnd, a.value & b.value, &[a.op, b.op])
    }
    fn int_or(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::IntOr, a.value | b.value, &[a.op, b.op])
    }
    fn int_xor(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::IntXor, a.value ^ b.value, &[a.op, b.op])
    }
    fn int_lshift(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::IntLshift, a.value.wrapping_shl(b.value as u32), &[a.op, b.op])
    }
    fn int_rshift(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::IntRshift, a.value.wrapping_shr(b.value as u32), &[a.op, b.op])
    }
    fn uint_rshift(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::UintRshift, (a.value as u64).wrapping_shr(b.value as u32) as i64, &[a.op, b.op])
    }
    fn int_neg(&mut self, a: Self::I) -> Self::I {
        self.int_op(Opcode::IntNeg, a.value.wrapping_neg(), &[a.op])
    }
    fn int_invert(&mut self, a: Self::I) -> Self::I {
        self.int_op(Opcode::IntInvert, !a.value, &[a.op])
    }
    fn int_add_ovf(&mut self, a: Self::I, b: Self::I) -> Option<Self::I> {
        ovf(self, Opcode::IntAddOvf, a, b, a.value.checked_add(b.value))
    }
    fn int_sub_ovf(&mut self, a: Self::I, b: Self::I) -> Option<Self::I> {
        ovf(self, Opcode::IntSubOvf, a, b, a.value.checked_sub(b.value))
    }
    fn int_mul_ovf(&mut self, a: Self::I, b: Self::I) -> Option<Self::I> {
        ovf(self, Opcode::IntMulOvf, a, b, a.value.checked_mul(b.value))
    }
    fn int_lt(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::IntLt, (a.value < b.value) as i64, &[a.op, b.op])
    }
    fn int_le(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::IntLe, (a.value <= b.value) as i64, &[a.op, b.op])
    }
    fn int_eq(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::IntEq, (a.value == b.value) as i64, &[a.op, b.op])
    }
    fn int_ne(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::IntNe, (a.value != b.value) as i64, &[a.op, b.op])
    }
    fn int_gt(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::IntGt, (a.value > b.value) as i64, &[a.op, b.op])
    }
    fn int_ge(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::IntGe, (a.value >= b.value) as i64, &[a.op, b.op])
    }
    fn uint_lt(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::UintLt, ((a.value as u64) < (b.value as u64)) as i64, &[a.op, b.op])
    }
    fn uint_ge(&mut self, a: Self::I, b: Self::I) -> Self::I {
        self.int_op(Opcode::UintGe, ((a.value as u64) >= (b.value as u64)) as i64, &[a.op, b.op])
    }
    fn int_is_zero(&mut self, a: Self::I) -> Self::I {
        self.int_op(Opcode::IntIsZero, (a.value == 0) as i64, &[a.op])
    }
    fn int_is_true(&mut self, a: Self::I) -> Self::I {
        self.int_op(Opcode::IntIsTrue, (a.value != 0) as i64, &[a.op])
    }
    fn float_add(&mut self, a: Self::F, b: Self::F) -> Self::F {
        self.float_op(Opcode::FloatAdd, a.value + b.value, &[a.op, b.op])
    }
    fn float_sub(&mut self, a: Self::F, b: Self::F) -> Self::F {
        self.float_op(Opcode::FloatSub, a.value - b.value, &[a.op, b.op])
    }
    fn float_mul(&mut self, a: Self::F, b: Self::F) -> Self::F {
        self.float_op(Opcode::FloatMul, a.value * b.value, &[a.op, b.op])
    }
    fn float_truediv(&mut self, a: Self::F, b: Self::F) -> Self::F {
        self.float_op(Opcode::FloatTrueDiv, a.value / b.value, &[a.op, b.op])
    }
    fn float_neg(&mut self, a: Self::F) -> Self::F {
        self.float_op(Opcode::FloatNeg, -a.value, &[a.op])
    }
    fn float_abs(&mut self, a: Self::F) -> Self::F {
        self.float_op(Opcode::FloatAbs, a.value.abs(), &[a.op])
    }
    fn float_lt(&mut self, a: Self::F, b: Self::F) -> Self::I {
        self.int_op(Opcode::FloatLt, (a.value < b.value) as i64, &[a.op, b.op])
    }
    fn float_le(&mut self, a: Self::F, b: Self::F) -> Self::I {
        self.int_op(Opcode::FloatLe, (a.value <= b.value) as i64, &[a.op, b.op])
    }
    fn float_eq(&mut self, a: Self::F, b: Self::F) -> Self::I {
        self.int_op(Opcode::FloatEq, (a.value == b.value) as i64, &[a.op, b.op])
    }
    fn float_ne(&mut self, a: Self::F, b: Self::F) -> Self::I {
        self.int_op(Opcode::FloatNe, (a.value != b.value) as i64, &[a.op, b.op])
    }
    fn float_gt(&mut self, a: Self::F, b: Self::F) -> Self::I {
        self.int_op(Opcode::FloatGt, (a.value > b.value) as i64, &[a.op, b.op])
    }
    fn float_ge(&mut self, a: Self::F, b: Self::F) -> Self::I {
        self.int_op(Opcode::FloatGe, (a.value >= b.value) as i64, &[a.op, b.op])
    }
    fn int_to_float(&mut self, a: Self::I) -> Self::F {
        self.float_op(Opcode::CastIntToFloat, a.value as f64, &[a.op])
    }
    fn float_to_int(&mut self, a: Self::F) -> Self::I {
        self.int_op(Opcode::CastFloatToInt, a.value as i64, &[a.op])
    }
    fn float_to_bits(&mut self, a: Self::F) -> Self::I {
        self.int_op(Opcode::FloatToBits, a.value.to_bits() as i64, &[a.op])
    }
    fn bits_to_float(&mut self, a: Self::I) -> Self::F {
        self.float_op(Opcode::BitsToFloat, f64::from_bits(a.value as u64), &[a.op])
    }
    fn ptr_eq(&mut self, a: Self::R, b: Self::R) -> Self::I {
        self.int_op(Opcode::PtrEq, (a.value == b.value) as i64, &[a.op, b.op])
    }
    fn ptr_ne(&mut self, a: Self::R, b: Self::R) -> Self::I {
        self.int_op(Opcode::PtrNe, (a.value != b.value) as i64, &[a.op, b.op])
    }
    fn ref_to_int(&mut self, a: Self::R) -> Self::I {
        self.int_op(Opcode::CastPtrToInt, a.value as i64, &[a.op])
    }
    fn int_to_ref(&mut self, a: Self::I) -> Self::R {
        if a.op.is_const() {
            return Self::t(a.value as usize, Operand::Ref(a.value as u64));
        }
        let op = self.emit(Opcode::CastIntToPtr, Type::Ref, &[a.op], Descr::None);
        Self::t(a.value as usize, op)
    }
    fn cond(&mut self, c: Self::I) -> bool {
        let taken = c.value != 0;
        if !c.op.is_const() {
            self.guard(if taken { Opcode::GuardTrue } else { Opcode::GuardFalse }, &[c.op], Descr::None);
        }
        taken
    }
    fn is_null(&mut self, r: Self::R) -> bool {
        let null = r.value == 0;
        if !r.op.is_const() {
            self.guard(if null { Opcode::GuardIsNull } else { Opcode::GuardNonNull }, &[r.op], Descr::None);
        }
        null
    }
    fn promote_int(&mut self, v: Self::I) -> i64 {
        if !v.op.is_const() {
            self.guard(Opcode::GuardValue, &[v.op, Operand::Int(v.value)], Descr::None);
        }
        v.value
    }
    fn promote_ref(&mut self, r: Self::R) -> usize {
        if !r.op.is_const() {
            self.guard(Opcode::GuardValue, &[r.op, Operand::Ref(r.value as u64)], Descr::None);
            if r.value != 0 {
                self.gc_consts.push(r.value as u64);
            }
        }
        r.value
    }
    fn class_of(&mut self, r: Self::R) -> &'static TypeDescr {
        // SAFETY: handlers only ask for the class of live objects.
        let t = unsafe { crate::gc::type_of(r.value) };
        if !r.op.is_const() {
            self.register(AnyDescr::Type(t));
            self.guard(Opcode::GuardClass, &[r.op], Descr::Type(t));
        }
        t
    }
    fn peek_int(&self, v: Self::I) -> i64 {
        v.value
    }
    fn peek_float(&self, v: Self::F) -> f64 {
        v.value
    }
    fn peek_ref(&self, r: Self::R) -> usize {
        r.value
    }
    fn getfield_i(&mut self, obj: Self::R, d: &'static FieldDescr) -> Self::I {
        let (bits, op) = self.load(Type::Int, obj.op, obj.value, d);
        Self::t(bits as i64, op)
    }
    fn getfield_f(&mut self, obj: Self::R, d: &'static FieldDescr) -> Self::F {
        let (bits, op) = self.load(Type::Float, obj.op, obj.value, d);
        Self::t(f64::from_bits(bits), op)
    }
    fn getfield_r(&mut self, obj: Self::R, d: &'static FieldDescr) -> Self::R {
        let (bits, op) = self.load(Type::Ref, obj.op, obj.value, d);
        Self::t(bits as usize, op)
    }
    fn setfield_i(&mut self, obj: Self::R, d: &'static FieldDescr, v: Self::I) {
        self.store(obj.op, obj.value, d, v.op, v.value as u64)
    }
    fn setfield_f(&mut self, obj: Self::R, d: &'static FieldDescr, v: Self::F) {
        self.store(obj.op, obj.value, d, v.op, v.value.to_bits())
    }
    fn setfield_r(&mut self, obj: Self::R, d: &'static FieldDescr, v: Self::R) {
        self.store(obj.op, obj.value, d, v.op, v.value as u64)
    }
    fn getarrayitem_i(&mut self, arr: Self::R, i: Self::I, d: &'static ArrayDescr) -> Self::I {
        let (bits, op) = self.load_item(Type::Int, arr, i, d);
        Self::t(bits as i64, op)
    }
    fn getarrayitem_f(&mut self, arr: Self::R, i: Self::I, d: &'static ArrayDescr) -> Self::F {
        let (bits, op) = self.load_item(Type::Float, arr, i, d);
        Self::t(f64::from_bits(bits), op)
    }
    fn getarrayitem_r(&mut self, arr: Self::R, i: Self::I, d: &'static ArrayDescr) -> Self::R {
        let (bits, op) = self.load_item(Type::Ref, arr, i, d);
        Self::t(bits as usize, op)
    }
    fn setarrayitem_i(&mut self, arr: Self::R, i: Self::I, d: &'static ArrayDescr, v: Self::I) {
        self.store_item(arr, i, d, v.op, v.value as u64)
    }
    fn setarrayitem_f(&mut self, arr: Self::R, i: Self::I, d: &'static ArrayDescr, v: Self::F) {
        self.store_item(arr, i, d, v.op, v.value.to_bits())
    }
    fn setarrayitem_r(&mut self, arr: Self::R, i: Self::I, d: &'static ArrayDescr, v: Self::R) {
        self.store_item(arr, i, d, v.op, v.value as u64)
    }
    fn new_object(&mut self, t: &'static TypeDescr) -> Self::R {
        let addr = crate::gc::alloc(t);
        self.register(AnyDescr::Type(t));
        let op = self.emit(Opcode::New, Type::Ref, &[], Descr::Type(t));
        self.fresh.push(op);
        Self::t(addr, op)
    }
    fn new_array(&mut self, t: &'static TypeDescr, len: Self::I) -> Self::R {
        let addr = crate::gc::alloc_var(t, len.value as usize);
        self.register(AnyDescr::Type(t));
        let op = self.emit(Opcode::NewArray, Type::Ref, &[len.op], Descr::Type(t));
        self.fresh.push(op);
        Self::t(addr, op)
    }
    fn quasi_immut_i(&mut self, obj: Self::R, d: &'static FieldDescr) -> Self::I {
        if !obj.op.is_const() {
            return self.getfield_i(obj, d);
        }
        let bits = self.quasi_immut(obj, d);
        Self::t(bits as i64, Operand::Int(bits as i64))
    }
    fn quasi_immut_r(&mut self, obj: Self::R, d: &'static FieldDescr) -> Self::R {
        if !obj.op.is_const() {
            return self.getfield_r(obj, d);
        }
        let bits = self.quasi_immut(obj, d);
        if bits != 0 {
            self.gc_consts.push(bits);
        }
        Self::t(bits as usize, Operand::Ref(bits))
    }
    fn call<const N: usize>(&mut self, f: &'static CallDescr, args: [Arg<Self>; N]) -> Result<Ret<Self>, Self::I> {
        let mut words = [0u64; N];
        let mut ops = [Operand::Int(0); N];
        for (k, a) in args.iter().enumerate() {
            (words[k], ops[k]) = match *a {
                Arg::I(v) => (v.value as u64, v.op),
                Arg::F(v) => (v.value.to_bits(), v.op),
                Arg::R(v) => (v.value as u64, v.op),
            };
        }
        self.register(AnyDescr::Call(f));
        let r = f.func.invoke(&words);
        let exc = if f.effects.can_raise() { crate::ctx::take_exception() } else { None };
        let all_const = ops.iter().all(|o| o.is_const());
        let op = if f.effects.is_elidable() && all_const && exc.is_none() {
            if f.ret == Type::Void { Operand::Int(0) } else { Operand::constant(f.ret, r) }
        } else {
            let opcode = if f.effects.is_elidable() { Opcode::CallPure } else { Opcode::Call };
            let op = self.emit(opcode, f.ret, &ops, Descr::Call(f));
            if f.effects.writes() || f.effects.contains(Effects::INVALIDATES) {
                self.effects_since_boundary = true;
                self.clean_calls.clear();
            } else if f.ret != Type::Void && self.is_recording() {
                if self.clean_calls.len() == CLEAN_CALLS {
                    self.clean_calls.remove(0);
                }
                self.clean_calls.push((op, f, args.to_vec()));
            }
            if f.effects.contains(Effects::INVALIDATES) {
                self.invalidation_checked = false;
            }
            if f.ret == Type::Ref && r != 0 && f.effects.contains(Effects::ALLOCATES) {
                // A fresh object from an allocating call is not a side effect target.
                self.fresh.push(op);
            }
            op
        };
        if f.effects.can_raise() && !(f.effects.is_elidable() && all_const && exc.is_none()) {
            match exc {
                None => {
                    self.guard(Opcode::GuardNoException, &[], Descr::None);
                }
                Some(e) => {
                    // If the exception guard fails in compiled code (the call
                    // did not raise), the instruction is executed again: only
                    // correct if nothing, the call included, had side effects.
                    // Otherwise this path is just not traced (not a misuse).
                    if self.effects_since_boundary {
                        self.abort(AbortReason::Other(format!("{} raised after a heap side effect", f.name)));
                    }
                    let exc_op = self.guard(Opcode::GuardException, &[], Descr::None);
                    return Err(Self::t(e as i64, exc_op));
                }
            }
        }
        Ok(match f.ret {
            Type::Int => Ret::I(Self::t(r as i64, op)),
            Type::Float => Ret::F(Self::t(f64::from_bits(r), op)),
            Type::Ref => Ret::R(Self::t(r as usize, op)),
            Type::Void => Ret::Void,
        })
    }
    fn slot(&mut self, s: &Slots, i: usize) -> Self::I {
        let value = s.words()[i] as i64;
        let Some(fi) = self.frame_index(s) else {
            self.misuse("slot read from a frame outside the trace");
            return Self::t(value, Operand::Int(value));
        };
        match self.frames[fi].slots.get(i).copied().flatten() {
            Some(op) => Self::t(value, op),
            None => {
                self.misuse(&format!("read of slot {i}, which is dead"));
                Self::t(value, Operand::Int(value))
            }
        }
    }
    fn set_slot(&mut self, s: &mut Slots, i: usize, v: Self::I) {
        s.words_mut()[i] = v.value as u64;
        match self.frame_index(s) {
            Some(fi) => self.frames[fi].slots[i] = Some(v.op),
            None => self.misuse("slot write to a frame outside the trace"),
        }
    }
    fn merge_point(&mut self, greens: Greens, s: &Slots, live: usize) -> Option<JitStop> {
        if !self.is_recording() {
            return Some(JitStop::TraceEnded);
        }
        self.current_greens = greens;
        if self.trace.ops.len() > self.limit {
            self.abort(AbortReason::TooLong);
            return Some(JitStop::TraceEnded);
        }
        let top = self.frames.len() - 1;
        if self.frames[top].id != s.id() {
            self.misuse("merge_point in a frame that is not the current one (missing enter_frame/leave_frame?)");
            return Some(JitStop::TraceEnded);
        }
        let mut slots = Vec::with_capacity(live);
        for (i, sl) in self.frames[top].slots.iter().take(live).enumerate() {
            match sl {
                Some(op) => slots.push(*op),
                None => {
                    self.misuse(&format!("slot {i} is declared live but was never written"));
                    return Some(JitStop::TraceEnded);
                }
            }
        }
        if slots.len() < live {
            self.misuse("live count larger than the frame");
            return Some(JitStop::TraceEnded);
        }
        let top_frame = SnapFrame { greens, slots: self.arena.alloc_slice_copy(&slots) };
        self.boundary = Some(Boundary { callers: self.callers, top: top_frame });
        self.boundary_snapshot = None;
        self.effects_since_boundary = false;
        self.fresh.clear();
        let text: &'a str = if self.describe { self.arena.alloc_str(&driver::describe_greens(greens)) } else { "" };
        self.emit(Opcode::DebugMergePoint, Type::Void, &[], Descr::Merge(greens, text));
        if !self.gc_checked {
            self.gc_checked = true;
            self.guard(Opcode::GuardGcNotDue, &[], Descr::None);
        }
        None
    }
    fn loop_header(&mut self, greens: Greens, s: &Slots, live: usize) -> Option<JitStop> {
        if !self.is_recording() {
            return Some(JitStop::TraceEnded);
        }
        if self.frames.len() > 1 && self.frames.last().is_some_and(|f| f.id == s.id()) {
            // A loop in an inlined call: unrolling it would make the trace
            // long and fragile once it runs more than a couple of times, or
            // when it already has compiled code. Stop inlining the function.
            let compiled = driver::compiled_loop_at(greens).is_some();
            let seen = self.headers_seen.iter().find(|(g, _)| *g == greens).map(|(_, n)| *n).unwrap_or(0);
            if compiled || seen >= 2 {
                if let Some(entry) = self.frames.last().and_then(|f| f.entry) {
                    driver::dont_inline(entry);
                    self.abort(AbortReason::InlinedLoop);
                    return Some(JitStop::TraceEnded);
                }
            }
            match self.headers_seen.iter_mut().find(|(g, _)| *g == greens) {
                Some((_, n)) => *n += 1,
                None => self.headers_seen.push((greens, 1)),
            }
            return None;
        }
        if self.frames.len() != 1 || self.frames[0].id != s.id() {
            return None;
        }
        if self.trace.kind == TraceKind::Loop && greens == self.start {
            if live != self.start_live {
                self.misuse("live count at the loop header differs between iterations");
                return Some(JitStop::TraceEnded);
            }
            self.close(JumpTarget::SelfLoop, live);
            return Some(JitStop::TraceEnded);
        }
        if let Some((token, inputs)) = driver::compiled_loop_at(greens) {
            if inputs == live {
                self.close(JumpTarget::Loop(token), live);
                return Some(JitStop::TraceEnded);
            }
        }
        let seen = match self.headers_seen.iter_mut().find(|(g, _)| *g == greens) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                self.headers_seen.push((greens, 1));
                1
            }
        };
        if seen > 2 {
            driver::make_hot(greens);
            self.abort(AbortReason::InnerLoop);
            return Some(JitStop::TraceEnded);
        }
        None
    }
    fn enter_frame(&mut self, callee: &Slots, caller: &Slots, return_to: Greens, caller_live: usize) -> Option<JitStop> {
        if !self.is_recording() {
            return Some(JitStop::TraceEnded);
        }
        let Some(ci) = self.frame_index(caller) else {
            self.misuse("enter_frame from a frame outside the trace");
            return Some(JitStop::TraceEnded);
        };
        if ci != self.frames.len() - 1 {
            self.misuse("enter_frame from a frame that is not the current one");
            return Some(JitStop::TraceEnded);
        }
        let mut slots = Vec::with_capacity(caller_live);
        for (i, s) in self.frames[ci].slots.iter().take(caller_live).enumerate() {
            match s {
                Some(op) => slots.push(*op),
                None => {
                    self.misuse(&format!("caller slot {i} is declared live but was never written"));
                    return Some(JitStop::TraceEnded);
                }
            }
        }
        let mut callers = self.callers.to_vec();
        callers.push(SnapFrame { greens: return_to, slots: self.arena.alloc_slice_copy(&slots) });
        self.callers = self.arena.alloc_slice_copy(&callers);
        let shadow = callee.words().iter().map(|&w| Some(Operand::Int(w as i64))).collect();
        self.frames.push(ShadowFrame { id: callee.id(), slots: shadow, entry: None });
        None
    }
    fn leave_frame(&mut self) -> Option<JitStop> {
        if !self.is_recording() {
            return Some(JitStop::TraceEnded);
        }
        if self.frames.len() <= 1 {
            // Function-entry traces and bridges may end with the base frame
            // returning; a loop trace must close its loop instead, unless
            // the loop keeps ending while it is recorded.
            if self.trace.kind != TraceKind::Loop || self.may_finish {
                let values = std::mem::take(&mut self.returning);
                self.emit(Opcode::Finish, Type::Void, &values, Descr::None);
                self.status = RecordStatus::Closed;
            } else {
                self.abort(AbortReason::LeftBaseFrame);
            }
            return Some(JitStop::TraceEnded);
        }
        self.frames.pop();
        self.callers = &self.callers[..self.callers.len() - 1];
        self.returning.clear();
        None
    }
    fn cannot_trace(&mut self, why: &'static str) -> Option<JitStop> {
        self.abort(AbortReason::Unsupported(why));
        Some(JitStop::TraceEnded)
    }
    fn function_entry(&mut self, _greens: Greens, _s: &Slots, _live: usize) -> Option<JitStop> {
        if !self.is_recording() {
            return Some(JitStop::TraceEnded);
        }
        None
    }
    fn return_value(&mut self, words: &[Self::I]) {
        self.returning = words.iter().map(|w| w.op).collect();
    }
    fn inline_depth(&self) -> usize {
        self.frames.len()
    }
    fn callee_entry(&mut self, entry: Greens) {
        if self.frames.len() > 1 {
            if let Some(f) = self.frames.last_mut() {
                f.entry = Some(entry);
            }
        }
    }
    fn should_inline(&mut self, entry: Greens) -> bool {
        driver::inlining_allowed(entry)
    }
    fn producing_call(&self, v: Self::I) -> Option<ProducingCall<Self>> {
        if !matches!(v.op, Operand::Op(_)) {
            return None;
        }
        let (_, descr, args) = self.clean_calls.iter().rev().find(|(op, _, _)| *op == v.op)?;
        Some(ProducingCall { descr, args: args.clone() })
    }
}

fn ovf(r: &mut Recorder<'_>, opcode: Opcode, a: Traced<i64>, b: Traced<i64>, res: Option<i64>) -> Option<Traced<i64>> {
    if a.op.is_const() && b.op.is_const() {
        return res.map(|v| Traced { value: v, op: Operand::Int(v) });
    }
    let value = res.unwrap_or(0);
    let op = r.emit(opcode, Type::Int, &[a.op, b.op], Descr::None);
    match res {
        Some(_) => {
            r.guard(Opcode::GuardNoOverflow, &[], Descr::None);
            Some(Traced { value, op })
        }
        None => {
            r.guard(Opcode::GuardOverflow, &[], Descr::None);
            None
        }
    }
}
