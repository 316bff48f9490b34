//! The IR evaluator: runs traces without generating machine code.
//!
//! It is the reference semantics of the IR (backends are tested against it),
//! a backend of its own ([`EvalBackend`], used where no code generator is
//! available), and the constant folder's arithmetic ([`fold`]).

use crate::backend::{Backend, CompileInfo, CompiledCode, Exit, GuardExit};
use crate::ctx::JitCtx;
use crate::ir::*;
use std::rc::Rc;

/// Computes a pure op on raw words. Overflow-checked ops return the wrapped
/// result and whether they overflowed. Returns `None` for ops that are not
/// pure or would trap (division by zero).
pub fn fold(opcode: Opcode, a: &[u64]) -> Option<(u64, bool)> {
    use Opcode::*;
    let i = |k: usize| a[k] as i64;
    let f = |k: usize| f64::from_bits(a[k]);
    let b = |v: bool| (v as u64, false);
    let w = |v: i64| (v as u64, false);
    let fl = |v: f64| (v.to_bits(), false);
    Some(match opcode {
        IntAdd => w(i(0).wrapping_add(i(1))),
        IntSub => w(i(0).wrapping_sub(i(1))),
        IntMul => w(i(0).wrapping_mul(i(1))),
        IntDiv => {
            if i(1) == 0 {
                return None;
            }
            w(i(0).wrapping_div(i(1)))
        }
        IntMod => {
            if i(1) == 0 {
                return None;
            }
            w(i(0).wrapping_rem(i(1)))
        }
        IntAnd => w(i(0) & i(1)),
        IntOr => w(i(0) | i(1)),
        IntXor => w(i(0) ^ i(1)),
        IntLshift => w(i(0).wrapping_shl(i(1) as u32)),
        IntRshift => w(i(0).wrapping_shr(i(1) as u32)),
        UintRshift => (a[0].wrapping_shr(a[1] as u32), false),
        IntNeg => w(i(0).wrapping_neg()),
        IntInvert => w(!i(0)),
        IntLt => b(i(0) < i(1)),
        IntLe => b(i(0) <= i(1)),
        IntEq => b(i(0) == i(1)),
        IntNe => b(i(0) != i(1)),
        IntGt => b(i(0) > i(1)),
        IntGe => b(i(0) >= i(1)),
        UintLt => b(a[0] < a[1]),
        UintLe => b(a[0] <= a[1]),
        UintGt => b(a[0] > a[1]),
        UintGe => b(a[0] >= a[1]),
        IntIsZero => b(a[0] == 0),
        IntIsTrue => b(a[0] != 0),
        IntAddOvf => {
            let (v, o) = i(0).overflowing_add(i(1));
            (v as u64, o)
        }
        IntSubOvf => {
            let (v, o) = i(0).overflowing_sub(i(1));
            (v as u64, o)
        }
        IntMulOvf => {
            let (v, o) = i(0).overflowing_mul(i(1));
            (v as u64, o)
        }
        FloatAdd => fl(f(0) + f(1)),
        FloatSub => fl(f(0) - f(1)),
        FloatMul => fl(f(0) * f(1)),
        FloatTrueDiv => fl(f(0) / f(1)),
        FloatNeg => fl(-f(0)),
        FloatAbs => fl(f(0).abs()),
        FloatLt => b(f(0) < f(1)),
        FloatLe => b(f(0) <= f(1)),
        FloatEq => b(f(0) == f(1)),
        FloatNe => b(f(0) != f(1)),
        FloatGt => b(f(0) > f(1)),
        FloatGe => b(f(0) >= f(1)),
        CastIntToFloat => fl(i(0) as f64),
        CastFloatToInt => w(f(0) as i64),
        FloatToBits | BitsToFloat | CastPtrToInt | CastIntToPtr | SameAs => (a[0], false),
        PtrEq => b(a[0] == a[1]),
        PtrNe => b(a[0] != a[1]),
        _ => return None,
    })
}

#[derive(Clone, Copy, Debug)]
enum EDescr {
    None,
    Field(&'static FieldDescr),
    Array(&'static ArrayDescr),
    Call(&'static CallDescr),
    Type(&'static TypeDescr),
    Target(JumpTarget),
}

#[derive(Clone, Debug)]
struct EOp {
    opcode: Opcode,
    ty: Type,
    args: Vec<Operand>,
    descr: EDescr,
    exit: Option<GuardExit>,
}

/// A trace copied out of its arena, ready to evaluate.
pub struct EvalCode {
    ops: Vec<EOp>,
    num_inputs: usize,
    invalidated_flag: *const u64,
}

impl EvalCode {
    /// Copies `trace`; `guards` gives the exit of each guard in order.
    pub fn new(trace: &Trace<'_>, guards: &[GuardExit], invalidated_flag: *const u64) -> EvalCode {
        let mut g = guards.iter();
        let ops = trace
            .ops
            .iter()
            .map(|op| EOp {
                opcode: op.opcode,
                ty: op.ty,
                args: op.args.to_vec(),
                descr: match op.descr {
                    Descr::Field(d) => EDescr::Field(d),
                    Descr::Array(d) => EDescr::Array(d),
                    Descr::Call(d) => EDescr::Call(d),
                    Descr::Type(d) => EDescr::Type(d),
                    Descr::Target(t) => EDescr::Target(t),
                    _ => EDescr::None,
                },
                exit: if op.opcode.is_guard() { Some(g.next().expect("missing guard exit").clone()) } else { None },
            })
            .collect();
        EvalCode { ops, num_inputs: trace.num_inputs, invalidated_flag }
    }

    /// Evaluates with `buf` as in [`CompiledCode::run`].
    ///
    /// # Safety
    /// As for [`CompiledCode::run`].
    pub unsafe fn execute(&self, ctx: *mut JitCtx, buf: *mut u64) -> u64 {
        let mut regs = vec![0u64; self.ops.len()];
        for (k, r) in regs.iter_mut().enumerate().take(self.num_inputs) {
            *r = *buf.add(k);
        }
        let val = |regs: &[u64], o: Operand| -> u64 {
            match o {
                Operand::Op(id) => regs[id as usize],
                Operand::Int(v) => v as u64,
                Operand::Float(b) | Operand::Ref(b) => b,
                Operand::Virtual(_) => panic!("virtual operand outside a snapshot"),
            }
        };
        let label = self.ops.iter().rposition(|o| o.opcode == Opcode::Label);
        let mut pc = self.num_inputs;
        let mut overflowed = false;
        loop {
            let op = &self.ops[pc];
            let arg = |k: usize| val(&regs, op.args[k]);
            let mut guard_ok = true;
            match op.opcode {
                Opcode::Input => {}
                Opcode::Label | Opcode::DebugMergePoint | Opcode::QuasiImmutField => {}
                Opcode::Jump => {
                    let vals: Vec<u64> = op.args.iter().map(|&a| val(&regs, a)).collect();
                    match op.descr {
                        EDescr::Target(JumpTarget::SelfLoop) => {
                            let l = label.expect("jump to self without label");
                            for (k, a) in self.ops[l].args.iter().enumerate() {
                                if let Operand::Op(id) = a {
                                    regs[*id as usize] = vals[k];
                                }
                            }
                            pc = l + 1;
                            continue;
                        }
                        EDescr::Target(JumpTarget::Loop(t)) => {
                            for (k, v) in vals.iter().enumerate() {
                                *buf.add(k) = *v;
                            }
                            return Exit::Jump(t).encode();
                        }
                        _ => panic!("jump without target"),
                    }
                }
                Opcode::Finish => {
                    for (k, a) in op.args.iter().enumerate() {
                        *buf.add(k) = val(&regs, *a);
                    }
                    return Exit::Finish.encode();
                }
                Opcode::GetField => {
                    let EDescr::Field(d) = op.descr else { panic!("getfield without field descr") };
                    regs[pc] = d.kind.load(arg(0) as usize + d.offset as usize);
                }
                Opcode::SetField => {
                    let EDescr::Field(d) = op.descr else { panic!("setfield without field descr") };
                    d.kind.store(arg(0) as usize + d.offset as usize, arg(1));
                }
                Opcode::GetArrayItem => {
                    let EDescr::Array(d) = op.descr else { panic!("getarrayitem without array descr") };
                    let addr = (arg(0) as usize).wrapping_add(d.offset as usize).wrapping_add((arg(1) as usize).wrapping_mul(d.item_size as usize));
                    regs[pc] = d.kind.load(addr);
                }
                Opcode::SetArrayItem => {
                    let EDescr::Array(d) = op.descr else { panic!("setarrayitem without array descr") };
                    let addr = (arg(0) as usize).wrapping_add(d.offset as usize).wrapping_add((arg(1) as usize).wrapping_mul(d.item_size as usize));
                    d.kind.store(addr, arg(2));
                }
                Opcode::New => {
                    let EDescr::Type(t) = op.descr else { panic!("new without type descr") };
                    regs[pc] = crate::gc::alloc(t) as u64;
                }
                Opcode::NewArray => {
                    let EDescr::Type(t) = op.descr else { panic!("new_array without type descr") };
                    regs[pc] = crate::gc::alloc_var(t, arg(0) as usize) as u64;
                }
                Opcode::Call | Opcode::CallPure => {
                    let EDescr::Call(d) = op.descr else { panic!("call without call descr") };
                    let words: Vec<u64> = op.args.iter().map(|&a| val(&regs, a)).collect();
                    regs[pc] = d.func.invoke(&words);
                }
                Opcode::GuardTrue => guard_ok = arg(0) != 0,
                Opcode::GuardFalse => guard_ok = arg(0) == 0,
                Opcode::GuardValue => guard_ok = arg(0) == arg(1),
                Opcode::GuardClass => {
                    let EDescr::Type(t) = op.descr else { panic!("guard_class without type descr") };
                    guard_ok = std::ptr::eq(crate::gc::type_of(arg(0) as usize), t);
                }
                Opcode::GuardNonNull => guard_ok = arg(0) != 0,
                Opcode::GuardIsNull => guard_ok = arg(0) == 0,
                Opcode::GuardNoOverflow => guard_ok = !overflowed,
                Opcode::GuardOverflow => guard_ok = overflowed,
                Opcode::GuardNoException => guard_ok = (*ctx).exc_pending == 0,
                Opcode::GuardException => {
                    guard_ok = (*ctx).exc_pending != 0;
                    if guard_ok {
                        (*ctx).exc_pending = 0;
                        regs[pc] = std::mem::take(&mut (*ctx).exc_value);
                    }
                }
                Opcode::GuardNotInvalidated => guard_ok = *self.invalidated_flag == 0,
                Opcode::GuardGcNotDue => guard_ok = (*ctx).gc_due == 0,
                _ => {
                    let args: Vec<u64> = op.args.iter().map(|&a| val(&regs, a)).collect();
                    let (v, o) = fold(op.opcode, &args).unwrap_or_else(|| panic!("cannot evaluate {}", op.opcode.name()));
                    regs[pc] = v;
                    if op.opcode.is_ovf() {
                        overflowed = o;
                    }
                }
            }
            if !guard_ok {
                let exit = op.exit.as_ref().expect("guard without exit");
                for (k, a) in exit.fail_args.iter().enumerate() {
                    *buf.add(k) = val(&regs, *a);
                }
                return Exit::Guard(exit.id).encode();
            }
            let _ = op.ty;
            pc += 1;
        }
    }
}

impl CompiledCode for EvalCode {
    unsafe fn run(&self, ctx: *mut JitCtx, buf: *mut u64) -> u64 {
        self.execute(ctx, buf)
    }
    fn code_size(&self) -> usize {
        0
    }
}

/// The evaluator as a backend.
#[derive(Default)]
pub struct EvalBackend;

impl Backend for EvalBackend {
    fn name(&self) -> &'static str {
        "eval"
    }
    fn compile(&mut self, trace: &Trace<'_>, info: &CompileInfo) -> Result<Rc<dyn CompiledCode>, String> {
        Ok(Rc::new(EvalCode::new(trace, &info.guards, info.invalidated_flag)))
    }
}

/// Result of [`run_trace`].
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub exit: Exit,
    /// The values stored in the buffer on exit (fail args, jump or finish args).
    pub values: Vec<u64>,
}

/// Computes each guard's exit: fail arguments from its snapshot and the
/// guard's index in the trace as its id. For tests and tools.
pub fn default_exits(trace: &Trace<'_>) -> Vec<GuardExit> {
    trace
        .guards()
        .enumerate()
        .map(|(k, (_, op))| GuardExit { id: k as u32, fail_args: crate::resume::build(op).0 })
        .collect()
}

/// Runs `trace` on `inputs` and reports how it exited. Guard ids are the
/// guards' positions among the trace's guards.
pub fn run_trace(trace: &Trace<'_>, inputs: &[u64]) -> Outcome {
    let exits = default_exits(trace);
    let flag = 0u64;
    let code = EvalCode::new(trace, &exits, &flag);
    let n = exits.iter().map(|e| e.fail_args.len()).max().unwrap_or(0).max(inputs.len()).max(trace.ops.len());
    let mut buf = vec![0u64; n + 1];
    buf[..inputs.len()].copy_from_slice(inputs);
    // SAFETY: the buffer is large enough for any exit of this trace.
    let code_ = unsafe { code.execute(crate::ctx::ctx_ptr(), buf.as_mut_ptr()) };
    let exit = Exit::decode(code_);
    let count = match exit {
        Exit::Guard(g) => exits[g as usize].fail_args.len(),
        _ => trace.ops.last().map(|o| o.args.len()).unwrap_or(0),
    };
    Outcome { exit, values: buf[..count].to_vec() }
}
