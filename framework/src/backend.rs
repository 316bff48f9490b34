//! The interface between the JIT driver and code generators.
//!
//! A backend turns an optimized trace into something runnable. Compiled
//! code has one calling convention whatever the backend:
//!
//! * it gets the thread's [`JitCtx`] and a buffer of 64-bit words;
//! * on entry the buffer holds the trace's inputs (`buf[i]` = input `i`);
//! * it returns an exit code (see [`Exit`]): for a failing guard it first
//!   stores that guard's fail arguments in `buf[0..]`; for a `jump` to
//!   another loop or a `finish`, the jump's or finish's arguments.
//!
//! Direct linking (optional): where a guard has a bridge, or a `jump` goes
//! to another loop, the code that follows takes its inputs exactly where
//! the exit leaves them, in `buf[0..]`. A backend that can enter compiled
//! code directly (a tail call) reads the exit's [`LinkCell`]: when its
//! `entry` is set, it bumps `count` and enters that code with the same
//! `ctx` and `buf` instead of returning; otherwise it returns the exit code
//! as above. The driver sets and clears the cells (see [`Links`]).
//!
//! Backends know nothing of interpreters: only the IR, descriptors (offsets,
//! kinds, function addresses) and this convention.

use crate::ctx::JitCtx;
use crate::ir::{Operand, Trace};

/// A guard's exit as the backend must compile it.
#[derive(Clone, Debug)]
pub struct GuardExit {
    /// Global guard number, returned as the exit code.
    pub id: u32,
    /// Values to store in `buf[0..]` when the guard fails.
    pub fail_args: Vec<Operand>,
}

/// The word compiled code reads to enter other compiled code directly, and
/// a count of the entries made through it (for statistics).
#[repr(C)]
#[derive(Default, Debug)]
pub struct LinkCell {
    /// The code's direct entry ([`CompiledCode::link_entry`]), or 0.
    pub entry: std::cell::Cell<usize>,
    pub count: std::cell::Cell<u64>,
}

impl LinkCell {
    /// Byte offsets of the fields, for code generators.
    pub const ENTRY_OFFSET: i32 = 0;
    pub const COUNT_OFFSET: i32 = 8;
}

/// Addresses of the [`LinkCell`]s a trace's exits may be linked through;
/// 0 (or a missing entry) where an exit is never linked.
#[derive(Clone, Debug, Default)]
pub struct Links {
    /// One per guard, in the order of [`CompileInfo::guards`].
    pub guards: Vec<usize>,
    /// For a trace ending in a `jump` to another loop.
    pub jump: usize,
}

/// Everything besides the trace a backend needs.
pub struct CompileInfo {
    /// Number of this trace (loops are jumped to by it).
    pub trace_id: u32,
    /// One entry per guard op, in trace order.
    pub guards: Vec<GuardExit>,
    /// Word that `guard_not_invalidated` checks (nonzero = invalidated).
    pub invalidated_flag: *const u64,
    /// Where exits may be linked directly to other compiled code (a backend
    /// may ignore them: every exit then returns to the driver).
    pub links: Links,
}

/// Decoded exit code of compiled code.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Exit {
    /// A guard failed; its fail arguments are in the buffer.
    Guard(u32),
    /// Continue with the loop trace of this number; its inputs are in the buffer.
    Jump(u32),
    /// The trace finished; the finish arguments are in the buffer.
    Finish,
}

const TAG_SHIFT: u32 = 62;
const TAG_JUMP: u64 = 1 << TAG_SHIFT;
const TAG_FINISH: u64 = 2 << TAG_SHIFT;

impl Exit {
    pub fn encode(self) -> u64 {
        match self {
            Exit::Guard(g) => g as u64,
            Exit::Jump(t) => TAG_JUMP | t as u64,
            Exit::Finish => TAG_FINISH,
        }
    }
    pub fn decode(code: u64) -> Exit {
        match code >> TAG_SHIFT {
            0 => Exit::Guard(code as u32),
            1 => Exit::Jump(code as u32),
            _ => Exit::Finish,
        }
    }
    /// The exit code of a `finish` with `arity` values: the count travels
    /// with the code, so the driver need not know which trace finished
    /// (code that finishes may be entered through links).
    pub fn finish_code(arity: usize) -> u64 {
        TAG_FINISH | arity as u32 as u64
    }
    /// How many values a finish exit code says the buffer holds.
    pub fn finish_arity(code: u64) -> usize {
        code as u32 as usize
    }
}

/// Runnable code for one trace.
pub trait CompiledCode {
    /// Runs the code.
    ///
    /// # Safety
    /// `buf` must hold the trace's inputs and have room for every exit's
    /// values; every object the trace touches must be alive.
    unsafe fn run(&self, ctx: *mut JitCtx, buf: *mut u64) -> u64;
    /// Size of the generated code in bytes, for statistics.
    fn code_size(&self) -> usize;
    /// The address other compiled code of this backend enters this code at
    /// through a [`LinkCell`], or 0 when it cannot be entered directly.
    fn link_entry(&self) -> usize {
        0
    }
}

/// A code generator.
pub trait Backend {
    fn name(&self) -> &'static str;
    fn compile(&mut self, trace: &Trace<'_>, info: &CompileInfo) -> Result<std::rc::Rc<dyn CompiledCode>, String>;
    /// Traces (by [`CompileInfo::trace_id`]) whose code the backend wants
    /// dropped since the last call, because it caps the code it keeps live
    /// (the Wasm backend caps its modules). The driver asks after every
    /// compilation, stops entering those traces (and the bridges of an
    /// evicted loop), resumes the interpreter where compiled code jumps to
    /// one, and drops its references to their code. Safety never depends on
    /// the driver asking: code stays valid while referenced. The default
    /// evicts nothing.
    fn take_evicted(&mut self) -> Vec<u32> {
        Vec::new()
    }
}
