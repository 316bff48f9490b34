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
        // Division by zero never reaches compiled code (interpreters guard
        // first), but the IR defines it so that no backend traps: x / 0 = x,
        // x % 0 = 0.
        IntDiv => w(if i(1) == 0 { i(0) } else { i(0).wrapping_div(i(1)) }),
        IntMod => w(if i(1) == 0 { 0 } else { i(0).wrapping_rem(i(1)) }),
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

/// An op with its operands decoded to register numbers (constants live in
/// registers after the ops' own).
#[derive(Clone, Debug)]
struct EOp {
    opcode: Opcode,
    args: Vec<u32>,
    descr: EDescr,
    /// Index into `exits` for guards.
    exit: u32,
}

/// A trace copied out of its arena, ready to evaluate.
pub struct EvalCode {
    ops: Vec<EOp>,
    /// Initial register file: zeros for ops, then the constants.
    init: Vec<u64>,
    num_inputs: usize,
    label: Option<usize>,
    exits: Vec<(u32, Vec<u32>)>,
    invalidated_flag: *const u64,
}

impl EvalCode {
    /// Copies `trace`; `guards` gives the exit of each guard in order.
    pub fn new(trace: &Trace<'_>, guards: &[GuardExit], invalidated_flag: *const u64) -> EvalCode {
        let mut init = vec![0u64; trace.ops.len()];
        let mut consts: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
        let mut reg = |o: Operand, init: &mut Vec<u64>| -> u32 {
            match o {
                Operand::Op(id) => id,
                Operand::Virtual(_) => panic!("virtual operand outside a snapshot"),
                c => {
                    let bits = c.const_bits().unwrap();
                    *consts.entry(bits).or_insert_with(|| {
                        init.push(bits);
                        init.len() as u32 - 1
                    })
                }
            }
        };
        let mut g = guards.iter();
        let mut exits = Vec::new();
        let mut ops = Vec::with_capacity(trace.ops.len());
        for op in &trace.ops {
            let args = op.args.iter().map(|&a| reg(a, &mut init)).collect();
            let mut exit = u32::MAX;
            if op.opcode.is_guard() {
                let e = g.next().expect("missing guard exit");
                let fail: Vec<u32> = e.fail_args.iter().map(|&a| reg(a, &mut init)).collect();
                exit = exits.len() as u32;
                exits.push((e.id, fail));
            }
            let descr = match op.descr {
                Descr::Field(d) => EDescr::Field(d),
                Descr::Array(d) => EDescr::Array(d),
                Descr::Call(d) => EDescr::Call(d),
                Descr::Type(d) => EDescr::Type(d),
                Descr::Target(t) => EDescr::Target(t),
                _ => EDescr::None,
            };
            ops.push(EOp { opcode: op.opcode, args, descr, exit });
        }
        let label = trace.ops.iter().rposition(|o| o.opcode == Opcode::Label);
        EvalCode { ops, init, num_inputs: trace.num_inputs, label, exits, invalidated_flag }
    }

    /// Evaluates with `buf` as in [`CompiledCode::run`].
    ///
    /// # Safety
    /// As for [`CompiledCode::run`].
    pub unsafe fn execute(&self, ctx: *mut JitCtx, buf: *mut u64) -> u64 {
        let mut r = self.init.clone();
        for k in 0..self.num_inputs {
            r[k] = *buf.add(k);
        }
        let mut pc = self.num_inputs;
        let mut overflowed = false;
        let mut scratch: Vec<u64> = Vec::new();
        loop {
            let op = &self.ops[pc];
            let a = &op.args;
            let ok = match op.opcode {
                Opcode::IntAdd => {
                    r[pc] = r[a[0] as usize].wrapping_add(r[a[1] as usize]);
                    true
                }
                Opcode::IntSub => {
                    r[pc] = r[a[0] as usize].wrapping_sub(r[a[1] as usize]);
                    true
                }
                Opcode::IntAnd => {
                    r[pc] = r[a[0] as usize] & r[a[1] as usize];
                    true
                }
                Opcode::Input | Opcode::Label | Opcode::DebugMergePoint | Opcode::QuasiImmutField => true,
                Opcode::Jump => {
                    scratch.clear();
                    scratch.extend(a.iter().map(|&k| r[k as usize]));
                    match op.descr {
                        EDescr::Target(JumpTarget::SelfLoop) => {
                            let l = self.label.expect("jump to self without label");
                            for (k, &dst) in self.ops[l].args.iter().enumerate() {
                                // Constants named by a label are not rebound.
                                if (dst as usize) < self.ops.len() {
                                    r[dst as usize] = scratch[k];
                                }
                            }
                            pc = l + 1;
                            continue;
                        }
                        EDescr::Target(JumpTarget::Loop(t)) => {
                            for (k, v) in scratch.iter().enumerate() {
                                *buf.add(k) = *v;
                            }
                            return Exit::Jump(t).encode();
                        }
                        _ => panic!("jump without target"),
                    }
                }
                Opcode::Finish => {
                    for (k, &s) in a.iter().enumerate() {
                        *buf.add(k) = r[s as usize];
                    }
                    return Exit::finish_code(a.len());
                }
                Opcode::GetField => {
                    let EDescr::Field(d) = op.descr else { panic!("getfield without field descr") };
                    r[pc] = d.kind.load(r[a[0] as usize] as usize + d.offset as usize);
                    true
                }
                Opcode::SetField => {
                    let EDescr::Field(d) = op.descr else { panic!("setfield without field descr") };
                    d.kind.store(r[a[0] as usize] as usize + d.offset as usize, r[a[1] as usize]);
                    true
                }
                Opcode::GetArrayItem => {
                    let EDescr::Array(d) = op.descr else { panic!("getarrayitem without array descr") };
                    let addr = (r[a[0] as usize] as usize)
                        .wrapping_add(d.offset as usize)
                        .wrapping_add((r[a[1] as usize] as usize).wrapping_mul(d.item_size as usize));
                    r[pc] = d.kind.load(addr);
                    true
                }
                Opcode::SetArrayItem => {
                    let EDescr::Array(d) = op.descr else { panic!("setarrayitem without array descr") };
                    let addr = (r[a[0] as usize] as usize)
                        .wrapping_add(d.offset as usize)
                        .wrapping_add((r[a[1] as usize] as usize).wrapping_mul(d.item_size as usize));
                    d.kind.store(addr, r[a[2] as usize]);
                    true
                }
                Opcode::New => {
                    let EDescr::Type(t) = op.descr else { panic!("new without type descr") };
                    r[pc] = crate::gc::alloc(t) as u64;
                    true
                }
                Opcode::NewArray => {
                    let EDescr::Type(t) = op.descr else { panic!("new_array without type descr") };
                    r[pc] = crate::gc::alloc_var(t, r[a[0] as usize] as usize) as u64;
                    true
                }
                Opcode::Call | Opcode::CallPure => {
                    let EDescr::Call(d) = op.descr else { panic!("call without call descr") };
                    let mut words = [0u64; 6];
                    for (k, &s) in a.iter().enumerate() {
                        words[k] = r[s as usize];
                    }
                    r[pc] = d.func.invoke(&words[..a.len()]);
                    true
                }
                Opcode::GuardTrue => r[a[0] as usize] != 0,
                Opcode::GuardFalse => r[a[0] as usize] == 0,
                Opcode::GuardValue => r[a[0] as usize] == r[a[1] as usize],
                Opcode::GuardClass => {
                    let EDescr::Type(t) = op.descr else { panic!("guard_class without type descr") };
                    std::ptr::eq(crate::gc::type_of(r[a[0] as usize] as usize), t)
                }
                Opcode::GuardNonNull => r[a[0] as usize] != 0,
                Opcode::GuardIsNull => r[a[0] as usize] == 0,
                Opcode::GuardNoOverflow => !overflowed,
                Opcode::GuardOverflow => overflowed,
                Opcode::GuardNoException => (*ctx).exc_pending == 0,
                Opcode::GuardException => {
                    let ok = (*ctx).exc_pending != 0;
                    if ok {
                        (*ctx).exc_pending = 0;
                        r[pc] = std::mem::take(&mut (*ctx).exc_value);
                    }
                    ok
                }
                Opcode::GuardNotInvalidated => *self.invalidated_flag == 0,
                Opcode::GuardGcNotDue => (*ctx).gc_due == 0,
                opcode => {
                    let mut vals = [0u64; 3];
                    for (k, &s) in a.iter().enumerate() {
                        vals[k] = r[s as usize];
                    }
                    let (v, o) = fold(opcode, &vals[..a.len()]).unwrap_or_else(|| panic!("cannot evaluate {}", opcode.name()));
                    r[pc] = v;
                    if opcode.is_ovf() {
                        overflowed = o;
                    }
                    true
                }
            };
            if !ok {
                let (id, fail) = &self.exits[op.exit as usize];
                for (k, &s) in fail.iter().enumerate() {
                    *buf.add(k) = r[s as usize];
                }
                return Exit::Guard(*id).encode();
            }
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
