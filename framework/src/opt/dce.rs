//! Dead code elimination: removes ops whose results are not needed by any
//! op with an effect, any guard (including its snapshot) or the trace's end.

use super::SnapshotRewriter;
use crate::ir::*;

fn has_effect(op: &Op<'_>, next: Option<&Op<'_>>) -> bool {
    match op.opcode.class() {
        OpClass::Input | OpClass::Guard | OpClass::Control | OpClass::Effect | OpClass::Debug => true,
        OpClass::Call => match (op.opcode, op.descr) {
            (Opcode::CallPure, Descr::Call(d)) => d.effects.can_raise(),
            _ => true,
        },
        // An overflow op is needed by the overflow guard that follows it.
        OpClass::Pure => op.opcode.is_ovf() && next.is_some_and(|n| matches!(n.opcode, Opcode::GuardNoOverflow | Opcode::GuardOverflow)),
        OpClass::Load | OpClass::Alloc => false,
    }
}

/// Runs dead code elimination.
pub fn run<'a>(input: &Trace<'a>) -> Trace<'a> {
    let n = input.ops.len();
    let mut live = vec![false; n];
    let mark = |o: Operand, live: &mut Vec<bool>| {
        if let Operand::Op(id) = o {
            live[id as usize] = true;
        }
    };
    for i in (0..n).rev() {
        let op = &input.ops[i];
        if !live[i] && !has_effect(op, input.ops.get(i + 1)) {
            continue;
        }
        live[i] = true;
        for &a in op.args {
            mark(a, &mut live);
        }
        if let Some(s) = op.snapshot {
            for f in s.frames {
                for &a in f.slots {
                    mark(a, &mut live);
                }
            }
            for v in s.virtuals {
                for &(_, a) in v.fields {
                    mark(a, &mut live);
                }
            }
        }
    }
    let mut out = Trace::new(input.arena, input.kind);
    let mut map: Vec<Operand> = vec![Operand::Int(0); n];
    let mut snaps = SnapshotRewriter::new(input.arena);
    for (i, op) in input.ops.iter().enumerate() {
        if !live[i] {
            continue;
        }
        let remap = |o: Operand| match o {
            Operand::Op(id) => map[id as usize],
            other => other,
        };
        if op.opcode == Opcode::Input {
            map[i] = out.add_input(op.ty);
            continue;
        }
        let args: Vec<Operand> = op.args.iter().map(|&a| remap(a)).collect();
        let snapshot = op.snapshot.map(|s| snaps.rewrite(s, &mut |o| remap(o)));
        let new = Op { args: input.arena.alloc_slice_copy(&args), snapshot, ..*op };
        map[i] = out.push(new);
    }
    out
}
