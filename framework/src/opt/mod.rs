//! The trace optimizer.
//!
//! Passes, in order:
//! 1. [`forward`]: one pass over the trace that folds constants, simplifies
//!    algebra, shares equal pure computations (CSE), removes guards that
//!    earlier guards already imply, forwards loads through a heap cache, and
//!    propagates what guards prove (a promoted value becomes a constant, a
//!    checked class becomes known);
//! 2. [`virtualize`]: removes allocations of objects that do not escape;
//! 3. [`forward`] again, to fold what removing allocations exposed;
//! 4. [`dce`]: removes ops whose results nobody needs;
//! 5. [`peel`]: loops get a preamble (the first iteration), and the forward
//!    pass and DCE run once more, which moves loop-invariant work out of the
//!    loop and keeps heap values the loop both reads and writes in registers
//!    across iterations ([`forward::run_peeled`]);
//! 6. [`sink`]: calls without side effects whose results only guards'
//!    resume data needs are removed, to be made again if a guard fails.
//!
//! Every pass takes a trace and returns a new one in the same arena; tests
//! are written as IR text in, IR text out (see `tests/opt.rs`).

pub mod bounds;
pub mod dce;
pub mod forward;
pub mod peel;
pub mod sink;
pub mod virtualize;

use crate::ir::*;
use std::collections::HashMap;

/// Runs every pass.
pub fn optimize<'a>(trace: &Trace<'a>) -> Trace<'a> {
    let t = forward::run(trace);
    let t = virtualize::run(&t);
    let t = forward::run(&t);
    let t = dce::run(&t);
    let t = match peel::run(&t) {
        Some(p) => dce::run(&forward::run_peeled(&p)),
        None => t,
    };
    sink::run(&t)
}

/// The passes before peeling (what tests of single passes compare against).
pub fn optimize_without_peeling<'a>(trace: &Trace<'a>) -> Trace<'a> {
    let t = forward::run(trace);
    let t = virtualize::run(&t);
    let t = forward::run(&t);
    dce::run(&t)
}

/// A copy of `trace` (what "no optimization" produces).
pub fn copy<'a>(trace: &Trace<'a>) -> Trace<'a> {
    let mut out = Trace::new(trace.arena, trace.kind);
    out.num_inputs = trace.num_inputs;
    out.ops = trace.ops.clone();
    out
}

/// Rewrites operands (including snapshot operands) through a function,
/// sharing rewritten snapshots between guards that shared them.
pub(crate) struct SnapshotRewriter<'a> {
    arena: &'a bumpalo::Bump,
    cache: HashMap<usize, &'a Snapshot<'a>>,
}

impl<'a> SnapshotRewriter<'a> {
    pub(crate) fn new(arena: &'a bumpalo::Bump) -> Self {
        SnapshotRewriter { arena, cache: HashMap::new() }
    }

    /// Clears the cache (when the mapping function changes meaning).
    pub(crate) fn invalidate(&mut self) {
        self.cache.clear();
    }

    pub(crate) fn rewrite(&mut self, snap: &'a Snapshot<'a>, f: &mut dyn FnMut(Operand) -> Operand) -> &'a Snapshot<'a> {
        let key = snap as *const _ as usize;
        if let Some(s) = self.cache.get(&key) {
            return s;
        }
        let frames: Vec<SnapFrame<'a>> = snap
            .frames
            .iter()
            .map(|fr| {
                let slots: Vec<Operand> = fr.slots.iter().map(|&o| f(o)).collect();
                SnapFrame { greens: fr.greens, slots: self.arena.alloc_slice_copy(&slots) }
            })
            .collect();
        let virtuals: Vec<VirtualObj<'a>> = snap
            .virtuals
            .iter()
            .map(|v| {
                let fields: Vec<(VirtualField, Operand)> = v.fields.iter().map(|&(fd, o)| (fd, f(o))).collect();
                VirtualObj { kind: v.kind, fields: self.arena.alloc_slice_copy(&fields) }
            })
            .collect();
        let s = self.arena.alloc(Snapshot {
            frames: self.arena.alloc_slice_copy(&frames),
            virtuals: self.arena.alloc_slice_copy(&virtuals),
        });
        self.cache.insert(key, s);
        s
    }
}
