//! Call sinking: a residual call without side effects whose result only
//! resume data needs is removed from the trace and recorded in the
//! snapshots that need it as a [`VirtualKind::Call`], made again only if
//! one of those guards fails (LuaJIT sinks allocations into snapshots the
//! same way). A temporary that an interpreter fused away — a copy that a
//! fused operation no longer reads (see `Mode::producing_call`), say —
//! then costs nothing.
//!
//! Calling the function again on resume must give what the removed call
//! gave, so a call is sunk only when it cannot raise, writes nothing, and
//! no op that may write memory (a store, a call that writes, a loop label
//! that starts another iteration) lies between it and any guard whose
//! snapshot refers to it. Calls of elidable functions read no mutable
//! memory, so writes do not matter for them.

use crate::ir::*;
use std::collections::HashMap;

/// Whether `op` may change memory a reading call depends on.
fn may_write(op: &Op<'_>) -> bool {
    match op.opcode.class() {
        OpClass::Effect | OpClass::Control => true,
        OpClass::Call => match op.descr {
            Descr::Call(d) => d.effects.writes() || d.effects.contains(Effects::INVALIDATES),
            _ => true,
        },
        _ => false,
    }
}

/// Whether `op` is a call that could be sunk if its result allowed it.
fn sinkable_call(op: &Op<'_>) -> bool {
    let Descr::Call(d) = op.descr else { return false };
    matches!(op.opcode, Opcode::Call | Opcode::CallPure)
        && op.ty != Type::Void
        && !d.effects.can_raise()
        && !d.effects.writes()
        && !d.effects.contains(Effects::INVALIDATES)
        && op.args.iter().all(|a| !matches!(a, Operand::Virtual(_)))
}

/// Runs call sinking.
pub fn run<'a>(input: &Trace<'a>) -> Trace<'a> {
    let n = input.ops.len();
    let mut sink: Vec<bool> = input.ops.iter().map(sinkable_call).collect();
    if !sink.iter().any(|&s| s) {
        return super::copy(input);
    }
    for op in &input.ops {
        for &a in op.args {
            if let Operand::Op(id) = a {
                sink[id as usize] = false;
            }
        }
    }
    // A guard may make a call again only if no write lies between them.
    let mut last_write: Option<u32> = None;
    for (i, op) in input.ops.iter().enumerate() {
        if let Some(s) = op.snapshot {
            let mut check = |o: Operand| {
                if let Operand::Op(id) = o {
                    let c = &input.ops[id as usize];
                    if sink[id as usize] && c.opcode != Opcode::CallPure && last_write.is_some_and(|w| w > id) {
                        sink[id as usize] = false;
                    }
                }
            };
            s.frames.iter().flat_map(|f| f.slots.iter()).for_each(|&o| check(o));
            s.virtuals.iter().flat_map(|v| v.fields.iter()).for_each(|&(_, o)| check(o));
        }
        if may_write(op) {
            last_write = Some(i as u32);
        }
    }
    if !sink.iter().any(|&s| s) {
        return super::copy(input);
    }
    let mut out = Trace::new(input.arena, input.kind);
    let mut map: Vec<Operand> = vec![Operand::Int(0); n];
    let mut snaps: HashMap<usize, &'a Snapshot<'a>> = HashMap::new();
    for (i, op) in input.ops.iter().enumerate() {
        if sink[i] {
            continue;
        }
        if op.opcode == Opcode::Input {
            map[i] = out.add_input(op.ty);
            continue;
        }
        let remap = |o: Operand| match o {
            Operand::Op(id) => map[id as usize],
            other => other,
        };
        let args: Vec<Operand> = op.args.iter().map(|&a| remap(a)).collect();
        let snapshot = op.snapshot.map(|s| {
            let key = s as *const Snapshot<'a> as usize;
            *snaps.entry(key).or_insert_with(|| rewrite(input, s, &sink, &map))
        });
        let new = Op { args: input.arena.alloc_slice_copy(&args), snapshot, ..*op };
        map[i] = out.push(new);
    }
    out
}

/// Snapshot `s` of the input with operands mapped to the output and each
/// sunk call replaced by a virtual that makes the call again.
fn rewrite<'a>(input: &Trace<'a>, s: &'a Snapshot<'a>, sink: &[bool], map: &[Operand]) -> &'a Snapshot<'a> {
    let arena = input.arena;
    let mut calls: Vec<(u32, VirtualObj<'a>)> = Vec::new();
    let base = s.virtuals.len() as u32;
    let mut operand = |o: Operand| -> Operand {
        let Operand::Op(id) = o else { return o };
        if !sink[id as usize] {
            return map[id as usize];
        }
        if let Some(k) = calls.iter().position(|(c, _)| *c == id) {
            return Operand::Virtual(base + k as u32);
        }
        let op = &input.ops[id as usize];
        let Descr::Call(d) = op.descr else { unreachable!("only calls are sunk") };
        // A sunk call's arguments are never sunk themselves: they are used
        // by the call, an op.
        let fields: Vec<(VirtualField, Operand)> = op
            .args
            .iter()
            .enumerate()
            .map(|(k, &a)| {
                let a = match a {
                    Operand::Op(x) => map[x as usize],
                    other => other,
                };
                (VirtualField::Arg(k as u32), a)
            })
            .collect();
        calls.push((id, VirtualObj { kind: VirtualKind::Call(d), fields: arena.alloc_slice_copy(&fields) }));
        Operand::Virtual(base + calls.len() as u32 - 1)
    };
    let frames: Vec<SnapFrame<'a>> = s
        .frames
        .iter()
        .map(|f| {
            let slots: Vec<Operand> = f.slots.iter().map(|&o| operand(o)).collect();
            SnapFrame { greens: f.greens, slots: arena.alloc_slice_copy(&slots) }
        })
        .collect();
    let mut virtuals: Vec<VirtualObj<'a>> = s
        .virtuals
        .iter()
        .map(|v| {
            let fields: Vec<(VirtualField, Operand)> = v.fields.iter().map(|&(f, o)| (f, operand(o))).collect();
            VirtualObj { kind: v.kind, fields: arena.alloc_slice_copy(&fields) }
        })
        .collect();
    virtuals.extend(calls.into_iter().map(|(_, v)| v));
    arena.alloc(Snapshot { frames: arena.alloc_slice_copy(&frames), virtuals: arena.alloc_slice_copy(&virtuals) })
}
