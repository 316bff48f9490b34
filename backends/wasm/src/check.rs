//! Validation: everything the emitter relies on is checked here first, so
//! that a malformed trace or [`CompileInfo`] becomes an `Err` and never a
//! panic or a module that computes something else than the evaluator.
//!
//! The result is a [`Plan`]: the facts about the trace's control flow that
//! the emitter needs up front (where the loop starts and which locals the
//! back edge rebinds).

use kiln::backend::CompileInfo;
use kiln::ir::*;

/// V8 rejects functions with more locals than this; other engines are
/// similar. One local per value keeps a trace well below it in practice
/// (the driver's trace limit is a few thousand ops).
pub(crate) const MAX_LOCALS: usize = 50_000;

/// What the emitter needs to know before it starts.
pub(crate) struct Plan {
    /// Index of the last `label` op (the target of `jump(..., descr=self)`).
    pub label: Option<usize>,
    /// The locals the back edge rebinds: one per distinct op the label
    /// names, with the position in the label's (and so the jump's) argument
    /// list that provides its value (the last one, as in the evaluator's
    /// sequential rebinding).
    pub label_params: Vec<(OpId, usize)>,
}

/// Checks `trace` and `info` and computes the [`Plan`].
pub(crate) fn check(trace: &Trace<'_>, info: &CompileInfo) -> Result<Plan, String> {
    trace.verify()?;
    let n = trace.ops.len();
    if n > MAX_LOCALS {
        return Err(format!("the trace has {n} ops; one Wasm function holds at most {MAX_LOCALS} values"));
    }
    let guards = trace.ops.iter().filter(|o| o.opcode.is_guard()).count();
    if guards != info.guards.len() {
        return Err(format!("the trace has {guards} guards but CompileInfo describes {}", info.guards.len()));
    }
    let mut guard_no = 0;
    for (i, op) in trace.ops.iter().enumerate() {
        let name = op.opcode.name();
        let bad_descr = || Err(format!("op {i} ({name}): missing or wrong descriptor"));
        match op.opcode {
            Opcode::Input if i >= trace.num_inputs => return Err(format!("op {i}: input after the first ops")),
            Opcode::Jump | Opcode::Finish if i + 1 != n => {
                return Err(format!("op {i} ({name}): only the last op may be a jump or finish"));
            }
            Opcode::Jump if !matches!(op.descr, Descr::Target(_)) => return bad_descr(),
            Opcode::GetField | Opcode::SetField if !matches!(op.descr, Descr::Field(_)) => return bad_descr(),
            Opcode::GetArrayItem | Opcode::SetArrayItem if !matches!(op.descr, Descr::Array(_)) => return bad_descr(),
            Opcode::GuardClass if !matches!(op.descr, Descr::Type(_)) => return bad_descr(),
            Opcode::New => match op.descr {
                Descr::Type(t) if t.var.is_none() => {}
                Descr::Type(t) => return Err(format!("op {i} (new): {} is variable-sized (use new_array)", t.name)),
                _ => return bad_descr(),
            },
            Opcode::NewArray => match op.descr {
                Descr::Type(t) if t.var.is_some() => {}
                Descr::Type(t) => return Err(format!("op {i} (new_array): {} is not variable-sized", t.name)),
                _ => return bad_descr(),
            },
            Opcode::Call | Opcode::CallPure => match op.descr {
                Descr::Call(d) if d.func.arity() == op.args.len() => {}
                Descr::Call(d) => {
                    return Err(format!("op {i} ({name}): {} takes {} arguments, the op passes {}", d.name, d.func.arity(), op.args.len()))
                }
                _ => return bad_descr(),
            },
            Opcode::GuardNotInvalidated if info.invalidated_flag.is_null() => {
                return Err(format!("op {i} (guard_not_invalidated): CompileInfo.invalidated_flag is null"));
            }
            _ => {}
        }
        if op.opcode.is_guard() {
            let exit = &info.guards[guard_no];
            guard_no += 1;
            for a in &exit.fail_args {
                match *a {
                    Operand::Op(id) if id as usize >= i => {
                        return Err(format!("op {i} ({name}): fail argument op {id} is not defined before the guard"));
                    }
                    Operand::Op(id) if trace.ops[id as usize].ty == Type::Void => {
                        return Err(format!("op {i} ({name}): fail argument op {id} has no value"));
                    }
                    Operand::Virtual(_) => {
                        return Err(format!("op {i} ({name}): a virtual cannot be a fail argument"));
                    }
                    _ => {}
                }
            }
        }
    }

    let label = trace.ops.iter().rposition(|o| o.opcode == Opcode::Label);
    let mut label_params: Vec<(OpId, usize)> = Vec::new();
    if let Some(l) = label {
        for (k, a) in trace.ops[l].args.iter().enumerate() {
            if let Operand::Op(id) = *a {
                match label_params.iter_mut().find(|(p, _)| *p == id) {
                    Some(entry) => entry.1 = k,
                    None => label_params.push((id, k)),
                }
            }
        }
    }
    let last = &trace.ops[n - 1];
    if last.opcode == Opcode::Jump && matches!(last.descr, Descr::Target(JumpTarget::SelfLoop)) {
        let Some(l) = label else {
            return Err("jump(descr=self) without a label".into());
        };
        let want = trace.ops[l].args.len();
        if last.args.len() != want {
            return Err(format!("jump(descr=self) passes {} values but the label takes {want}", last.args.len()));
        }
    }
    Ok(Plan { label, label_params })
}
