//! Loop peeling: a loop `label(inputs) body jump(args)` becomes
//! `preamble(body) label(variants) body' jump(variants')`.
//!
//! The preamble is the first iteration. The loop after the label only
//! rebinds the inputs that change from one iteration to the next; inputs
//! that the loop passes through unchanged, and every value the preamble
//! computed, stay available inside the loop. Running the forward pass over
//! the result then moves loop-invariant work out of the loop for free:
//! a guard or a pure computation on invariant values in the loop body is
//! recognized as already done in the preamble (loop-invariant code motion).

use crate::ir::*;

/// Peels `t` if it is a simple self-loop (its only label right after the
/// inputs, naming the inputs in order, and a final `jump` to itself).
/// Returns `None` when the trace has another shape.
pub fn run<'a>(t: &Trace<'a>) -> Option<Trace<'a>> {
    let n = t.num_inputs;
    let label = t.ops.get(n)?;
    if label.opcode != Opcode::Label || label.args.len() != n || label.args.iter().enumerate().any(|(k, a)| *a != Operand::Op(k as u32)) {
        return None;
    }
    let jump = t.ops.last()?;
    if jump.opcode != Opcode::Jump || jump.descr != Descr::Target(JumpTarget::SelfLoop) || jump.args.len() != n {
        return None;
    }
    if t.ops[n + 1..t.ops.len() - 1].iter().any(|op| op.opcode.class() == OpClass::Control) {
        return None;
    }
    let arena = t.arena;
    let mut out = Trace::new(arena, t.kind);
    for k in 0..n {
        out.add_input(t.ops[k].ty);
    }
    // Inputs the loop passes through unchanged are invariant; inputs the
    // loop sets to a constant are that constant from the second iteration
    // on. Only the others are rebound by the label.
    let variant: Vec<usize> = (0..n).filter(|&k| jump.args[k] != Operand::Op(k as u32) && !jump.args[k].is_const()).collect();

    // The preamble: the body once, on the inputs.
    let mut map: Vec<Operand> = (0..t.ops.len() as u32).map(Operand::Op).collect();
    copy_body(t, &mut out, &mut map);
    let remap = |map: &[Operand], o: Operand| match o {
        Operand::Op(id) => map[id as usize],
        other => other,
    };
    // Label arguments must be distinct ops defined by the preamble.
    let mut label_args: Vec<Operand> = Vec::with_capacity(variant.len());
    for &k in &variant {
        let v = remap(&map, jump.args[k]);
        let fresh = match v {
            Operand::Op(id) => id as usize >= n && !label_args.contains(&v),
            _ => false,
        };
        let v = if fresh { v } else { out.emit(Opcode::SameAs, t.ops[k].ty, &[v], Descr::None) };
        label_args.push(v);
    }
    out.emit(Opcode::Label, Type::Void, &label_args, Descr::None);

    // The loop: invariant inputs are the inputs themselves; variant inputs
    // are the label's (rebound) arguments.
    let mut map: Vec<Operand> = (0..t.ops.len() as u32).map(Operand::Op).collect();
    for (i, &k) in variant.iter().enumerate() {
        map[k] = label_args[i];
    }
    for k in 0..n {
        if jump.args[k].is_const() {
            map[k] = jump.args[k];
        }
    }
    copy_body(t, &mut out, &mut map);
    let args: Vec<Operand> = variant.iter().map(|&k| remap(&map, jump.args[k])).collect();
    out.emit(Opcode::Jump, Type::Void, &args, Descr::Target(JumpTarget::SelfLoop));
    Some(out)
}

/// Appends a copy of the ops between the label and the jump, renaming
/// through `map` (which it extends with the copies).
fn copy_body<'a>(t: &Trace<'a>, out: &mut Trace<'a>, map: &mut [Operand]) {
    let arena = t.arena;
    let n = t.num_inputs;
    let mut snaps = super::SnapshotRewriter::new(arena);
    for id in n + 1..t.ops.len() - 1 {
        let op = &t.ops[id];
        let remap = |o: Operand| match o {
            Operand::Op(i) => map[i as usize],
            other => other,
        };
        let args: Vec<Operand> = op.args.iter().map(|&a| remap(a)).collect();
        let snapshot = op.snapshot.map(|s| snaps.rewrite(s, &mut |o| remap(o)));
        let new = Op { args: arena.alloc_slice_copy(&args), snapshot, ..*op };
        map[id] = out.push(new);
    }
}
