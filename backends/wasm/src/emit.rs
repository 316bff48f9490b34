//! Emission: one checked trace becomes one Wasm module.
//!
//! The module imports the interpreter's linear memory (`env.memory`) and
//! function table (`env.table`) and exports one function, `run`, of type
//! `(param i32 i32) (result i64)`: the compiled-code ABI
//! `extern "C" fn(ctx: *mut JitCtx, buf: *mut u64) -> u64` as rustc
//! lowers it for wasm32.
//!
//! Shape of the function:
//! * the inputs are loaded from `buf` into locals; the ops before the
//!   (last) `label` run once;
//! * the label opens a Wasm `loop`; `jump(..., descr=self)` evaluates all
//!   its arguments onto the operand stack, then assigns the label's locals
//!   (a parallel assignment, the evaluator's semantics) and branches back;
//! * every guard is an `if` on its failing condition whose body stores the
//!   guard's fail arguments in `buf[0..]` and returns the guard's id;
//! * `jump` to another loop and `finish` store their arguments and return
//!   their exit codes.
//!
//! Each IR value lives in one local, in its natural Wasm type (`i64` for
//! ints and refs, `f64` for floats, `i32` for comparison results) and is
//! converted where a use needs another one: the IR is "bits in 64-bit
//! words", so a float used as an int is a reinterpretation, exactly as in
//! the evaluator. The engine allocates registers.

use crate::check::Plan;
use crate::runtime;
use kiln::backend::{CompileInfo, Exit};
use kiln::ir::*;
use wasm_encoder::{
    BlockType, CodeSection, EntityType, ExportKind, ExportSection, Function, FunctionSection, ImportSection,
    InstructionSink, MemArg, MemArgTarget, MemoryType, Module, RefType, TableType, TypeSection, ValType,
};

/// Type index of the trace function `(i32, i32) -> i64`.
const TRACE_TYPE: u32 = 0;
/// Type index of `(i64 × n) -> i64` is `CALL_TYPE_BASE + n`, for n ≤ 6.
const CALL_TYPE_BASE: u32 = 1;
const MAX_CALL_ARITY: usize = 6;
/// The imported table's index.
const TABLE: u32 = 0;

/// Local indices of the function's parameters and fixed locals.
const CTX: u32 = 0;
const BUF: u32 = 1;
/// The overflow flag of the last `int_*_ovf` (an `i32`).
const OVF: u32 = 2;
/// First local holding an op's value.
const FIRST_VALUE_LOCAL: u32 = 3;

/// The name of the exported trace function.
pub const EXPORT_NAME: &str = "run";

/// How a value is kept in a local.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub(crate) enum Repr {
    I64,
    F64,
    /// A comparison result, 0 or 1.
    Bool,
}

impl Repr {
    fn val_type(self) -> ValType {
        match self {
            Repr::I64 => ValType::I64,
            Repr::F64 => ValType::F64,
            Repr::Bool => ValType::I32,
        }
    }
}

/// The representation of op `op`'s value, or `None` for ops without one.
fn repr_of(op: &Op<'_>) -> Option<Repr> {
    match op.ty {
        Type::Void => None,
        Type::Float => Some(Repr::F64),
        _ if op.opcode.returns_bool() => Some(Repr::Bool),
        _ => Some(Repr::I64),
    }
}

/// Builds the module for a checked trace.
pub(crate) fn module(trace: &Trace<'_>, info: &CompileInfo, plan: &Plan) -> Result<Vec<u8>, String> {
    let mut types = TypeSection::new();
    types.ty().function([ValType::I32, ValType::I32], [ValType::I64]);
    for n in 0..=MAX_CALL_ARITY {
        types.ty().function(vec![ValType::I64; n], [ValType::I64]);
    }
    let mut imports = ImportSection::new();
    // No maximum and minimum 0: compatible with whatever the interpreter's
    // memory and table are.
    imports.import(
        "env",
        "memory",
        EntityType::Memory(MemoryType { minimum: 0, maximum: None, memory64: false, shared: false, page_size_log2: None }),
    );
    imports.import(
        "env",
        "table",
        EntityType::Table(TableType { element_type: RefType::FUNCREF, table64: false, minimum: 0, maximum: None, shared: false }),
    );
    let mut funcs = FunctionSection::new();
    funcs.function(TRACE_TYPE);
    let mut exports = ExportSection::new();
    exports.export(EXPORT_NAME, ExportKind::Func, 0);

    let mut e = Emitter::new(trace, info, plan);
    let f = e.function()?;
    let mut code = CodeSection::new();
    code.function(&f);

    let mut m = Module::new();
    m.section(&types).section(&imports).section(&funcs).section(&exports).section(&code);
    Ok(m.finish())
}

pub(crate) struct Emitter<'t, 'a> {
    trace: &'t Trace<'a>,
    info: &'t CompileInfo,
    plan: &'t Plan,
    /// Local of each op's value (`None` for ops without one) and its repr.
    locals: Vec<Option<(u32, Repr)>>,
    guard_no: usize,
}

/// The natural alignment exponent of an access of `size` bytes.
fn align_of(size: u32) -> u32 {
    size.trailing_zeros()
}

fn memarg(offset: u32, size: u32) -> MemArg {
    MemArg { offset: offset as u64, align: align_of(size), target: MemArgTarget::Memory(0), ordering: None }
}

impl<'t, 'a> Emitter<'t, 'a> {
    fn new(trace: &'t Trace<'a>, info: &'t CompileInfo, plan: &'t Plan) -> Self {
        let mut next = FIRST_VALUE_LOCAL;
        let locals = trace
            .ops
            .iter()
            .map(|op| {
                repr_of(op).map(|r| {
                    next += 1;
                    (next - 1, r)
                })
            })
            .collect();
        Emitter { trace, info, plan, locals, guard_no: 0 }
    }

    fn function(&mut self) -> Result<Function, String> {
        // Locals after the two parameters: the overflow flag, then one per
        // value in op order (consecutive equal types are merged).
        let mut decls: Vec<(u32, ValType)> = vec![(1, ValType::I32)];
        for (_, r) in self.locals.iter().flatten() {
            let t = r.val_type();
            match decls.last_mut() {
                Some((n, last)) if *last == t => *n += 1,
                _ => decls.push((1, t)),
            }
        }
        let mut f = Function::new(decls);
        let mut s = f.instructions();
        let trace = self.trace;
        for i in 0..trace.num_inputs {
            let (local, repr) = self.local(i as OpId)?;
            s.local_get(BUF);
            match repr {
                Repr::F64 => s.f64_load(memarg(8 * i as u32, 8)),
                _ => s.i64_load(memarg(8 * i as u32, 8)),
            };
            s.local_set(local);
        }
        let mut in_loop = false;
        for i in trace.num_inputs..trace.ops.len() {
            if Some(i) == self.plan.label {
                s.loop_(BlockType::Empty);
                in_loop = true;
            }
            self.op(&mut s, i)?;
        }
        if in_loop {
            s.end();
        }
        // Every path has returned or branched back by now; the validator
        // still needs the function's result type at its end.
        s.unreachable();
        s.end();
        Ok(f)
    }

    // ---- values

    fn local(&self, id: OpId) -> Result<(u32, Repr), String> {
        self.locals.get(id as usize).copied().flatten().ok_or_else(|| format!("op {id} has no value"))
    }

    /// Pushes `o` as an `i64` word.
    pub(crate) fn push_int(&self, s: &mut InstructionSink<'_>, o: Operand) -> Result<(), String> {
        self.push_as(s, o, Repr::I64)
    }

    /// Pushes `o` as an `f64`.
    pub(crate) fn push_float(&self, s: &mut InstructionSink<'_>, o: Operand) -> Result<(), String> {
        self.push_as(s, o, Repr::F64)
    }

    /// Pushes `o` in representation `want` (a `Bool` is "nonzero").
    pub(crate) fn push_as(&self, s: &mut InstructionSink<'_>, o: Operand, want: Repr) -> Result<(), String> {
        match o {
            Operand::Op(id) => {
                let (local, have) = self.local(id)?;
                s.local_get(local);
                convert(s, have, want);
            }
            Operand::Virtual(_) => return Err("virtual operand outside a snapshot".into()),
            c => {
                let bits = c.const_bits().ok_or("bad constant")?;
                match want {
                    Repr::I64 => s.i64_const(bits as i64),
                    Repr::F64 => s.f64_const(wasm_encoder::Ieee64::new(bits)),
                    Repr::Bool => s.i32_const((bits != 0) as i32),
                };
            }
        }
        Ok(())
    }

    /// Pushes `o` as a wasm32 address (the low 32 bits of the word).
    pub(crate) fn push_addr(&self, s: &mut InstructionSink<'_>, o: Operand) -> Result<(), String> {
        match o {
            Operand::Op(_) => {
                self.push_int(s, o)?;
                s.i32_wrap_i64();
            }
            Operand::Virtual(_) => return Err("virtual operand outside a snapshot".into()),
            c => {
                s.i32_const(c.const_bits().ok_or("bad constant")? as u32 as i32);
            }
        }
        Ok(())
    }

    /// Pushes an `i32` that is nonzero when `o` is nonzero.
    pub(crate) fn push_nonzero(&self, s: &mut InstructionSink<'_>, o: Operand) -> Result<(), String> {
        self.push_as(s, o, Repr::Bool)
    }

    /// Pushes an `i32` that is nonzero when `o` is zero.
    pub(crate) fn push_zero(&self, s: &mut InstructionSink<'_>, o: Operand) -> Result<(), String> {
        match o {
            Operand::Op(id) => {
                let (local, have) = self.local(id)?;
                s.local_get(local);
                match have {
                    Repr::Bool => s.i32_eqz(),
                    Repr::I64 => s.i64_eqz(),
                    Repr::F64 => s.i64_reinterpret_f64().i64_eqz(),
                };
            }
            _ => {
                self.push_nonzero(s, o)?;
                s.i32_eqz();
            }
        }
        Ok(())
    }

    /// Stores the value on the stack (in representation `have`) as op `i`'s
    /// value.
    pub(crate) fn set_result(&self, s: &mut InstructionSink<'_>, i: usize, have: Repr) -> Result<(), String> {
        match self.locals[i] {
            Some((local, want)) => {
                convert(s, have, want);
                s.local_set(local);
            }
            None => {
                s.drop();
            }
        }
        Ok(())
    }

    /// The local and representation of op `i`'s own value.
    pub(crate) fn result_local(&self, i: usize) -> Result<(u32, Repr), String> {
        self.local(i as OpId)
    }

    // ---- exits

    /// Stores `args` in `buf[0..]` and returns `exit`.
    pub(crate) fn exit(&self, s: &mut InstructionSink<'_>, args: &[Operand], exit: Exit) -> Result<(), String> {
        self.exit_code(s, args, exit.encode())
    }

    /// Stores `args` in `buf[0..]` and returns the exit code `code`.
    pub(crate) fn exit_code(&self, s: &mut InstructionSink<'_>, args: &[Operand], code: u64) -> Result<(), String> {
        for (k, &a) in args.iter().enumerate() {
            let off = u32::try_from(8 * k).map_err(|_| "too many exit values".to_string())?;
            s.local_get(BUF);
            let float_local = matches!(a, Operand::Op(id) if matches!(self.locals.get(id as usize), Some(Some((_, Repr::F64)))));
            if float_local {
                self.push_float(s, a)?;
                s.f64_store(memarg(off, 8));
            } else {
                self.push_int(s, a)?;
                s.i64_store(memarg(off, 8));
            }
        }
        s.i64_const(code as i64);
        s.return_();
        Ok(())
    }

    /// With an `i32` on the stack that is nonzero when the current guard
    /// *fails*: leaves through the guard's exit in that case.
    pub(crate) fn guard_exit_if(&mut self, s: &mut InstructionSink<'_>) -> Result<(), String> {
        let exit = self.info.guards.get(self.guard_no).ok_or("more guards than guard exits")?;
        self.guard_no += 1;
        s.if_(BlockType::Empty);
        self.exit(s, &exit.fail_args, Exit::Guard(exit.id))?;
        s.end();
        Ok(())
    }

    // ---- calls

    /// Calls the `extern "C"` function whose table index is `index` with
    /// the `i64` arguments already on the stack; leaves its `i64` result.
    pub(crate) fn call(&self, s: &mut InstructionSink<'_>, index: usize, arity: usize) -> Result<(), String> {
        if arity > MAX_CALL_ARITY {
            return Err(format!("calls take at most {MAX_CALL_ARITY} arguments"));
        }
        // On wasm32 a function's address is its index in the table.
        s.i32_const(index as u32 as i32);
        s.call_indirect(TABLE, CALL_TYPE_BASE + arity as u32);
        Ok(())
    }

    /// The table index of a runtime shim.
    pub(crate) fn shim(&self, f: runtime::Shim) -> usize {
        f.index()
    }

    // ---- memory

    /// Pushes the address of item `index` of array `d` in `base` and
    /// returns the static offset to put in the access's `memarg`.
    pub(crate) fn push_item_addr(&self, s: &mut InstructionSink<'_>, d: &ArrayDescr, base: Operand, index: Operand) -> Result<u32, String> {
        self.push_addr(s, base)?;
        match index {
            Operand::Int(k) => {
                // usize arithmetic on wasm32 wraps at 32 bits.
                let disp = (d.offset as i64).wrapping_add(k.wrapping_mul(d.item_size as i64)) as u32;
                if (disp as i32) >= 0 {
                    return Ok(disp);
                }
                s.i32_const(disp as i32);
                s.i32_add();
                Ok(0)
            }
            _ => {
                self.push_addr(s, index)?;
                if d.item_size != 1 {
                    s.i32_const(d.item_size as i32);
                    s.i32_mul();
                }
                s.i32_add();
                Ok(d.offset)
            }
        }
    }

    /// Loads a value of `kind` from the address on the stack plus `offset`;
    /// returns the representation it is pushed in.
    pub(crate) fn load(&self, s: &mut InstructionSink<'_>, kind: MemKind, offset: u32) -> Repr {
        let m = |size| memarg(offset, size);
        match kind {
            MemKind::I8 => s.i64_load8_s(m(1)),
            MemKind::U8 => s.i64_load8_u(m(1)),
            MemKind::I16 => s.i64_load16_s(m(2)),
            MemKind::U16 => s.i64_load16_u(m(2)),
            MemKind::I32 => s.i64_load32_s(m(4)),
            // Words and references are 4 bytes on wasm32, zero-extended
            // like `usize as u64`.
            MemKind::U32 | MemKind::Word | MemKind::Ref => s.i64_load32_u(m(4)),
            MemKind::I64 => s.i64_load(m(8)),
            MemKind::F64 => {
                s.f64_load(m(8));
                return Repr::F64;
            }
        };
        Repr::I64
    }

    /// Stores `v` as a value of `kind` at the address on the stack plus
    /// `offset`.
    pub(crate) fn store(&self, s: &mut InstructionSink<'_>, kind: MemKind, v: Operand, offset: u32) -> Result<(), String> {
        let m = |size| memarg(offset, size);
        if kind == MemKind::F64 && matches!(v, Operand::Op(id) if matches!(self.locals.get(id as usize), Some(Some((_, Repr::F64))))) {
            self.push_float(s, v)?;
            s.f64_store(m(8));
            return Ok(());
        }
        self.push_int(s, v)?;
        match kind {
            MemKind::I8 | MemKind::U8 => s.i64_store8(m(1)),
            MemKind::I16 | MemKind::U16 => s.i64_store16(m(2)),
            MemKind::I32 | MemKind::U32 | MemKind::Word | MemKind::Ref => s.i64_store32(m(4)),
            MemKind::I64 | MemKind::F64 => s.i64_store(m(8)),
        };
        Ok(())
    }

    /// Pushes the `i64` at `offset` in the `JitCtx`.
    pub(crate) fn ctx_word(&self, s: &mut InstructionSink<'_>, offset: i32) {
        s.local_get(CTX);
        s.i64_load(memarg(offset as u32, 8));
    }

    /// Stores 0 in the `JitCtx` word at `offset`.
    pub(crate) fn clear_ctx_word(&self, s: &mut InstructionSink<'_>, offset: i32) {
        s.local_get(CTX);
        s.i64_const(0);
        s.i64_store(memarg(offset as u32, 8));
    }

    pub(crate) fn ovf_local(&self) -> u32 {
        OVF
    }

    // ---- loop

    /// `jump(..., descr=self)`: evaluates every argument the label's
    /// locals take, then assigns them (in reverse, from the stack) and
    /// branches to the loop header.
    pub(crate) fn jump_self(&self, s: &mut InstructionSink<'_>, jump: &Op<'_>) -> Result<(), String> {
        if self.plan.label.is_none() {
            return Err("jump to self without a label".into());
        }
        let mut targets = Vec::with_capacity(self.plan.label_params.len());
        for &(id, k) in &self.plan.label_params {
            let (local, repr) = self.local(id)?;
            let arg = *jump.args.get(k).ok_or("jump has fewer arguments than the label")?;
            self.push_as(s, arg, repr)?;
            targets.push(local);
        }
        for &local in targets.iter().rev() {
            s.local_set(local);
        }
        // Guard bodies are closed blocks: the loop is the innermost label.
        s.br(0);
        Ok(())
    }
}

/// Converts the value on top of the stack from `have` to `want`.
fn convert(s: &mut InstructionSink<'_>, have: Repr, want: Repr) {
    match (have, want) {
        (a, b) if a == b => {}
        (Repr::Bool, Repr::I64) => {
            s.i64_extend_i32_u();
        }
        (Repr::Bool, Repr::F64) => {
            s.i64_extend_i32_u().f64_reinterpret_i64();
        }
        (Repr::I64, Repr::F64) => {
            s.f64_reinterpret_i64();
        }
        (Repr::F64, Repr::I64) => {
            s.i64_reinterpret_f64();
        }
        (Repr::I64, Repr::Bool) => {
            s.i64_const(0).i64_ne();
        }
        (Repr::F64, Repr::Bool) => {
            s.i64_reinterpret_f64().i64_const(0).i64_ne();
        }
        _ => unreachable!("all representation pairs are covered"),
    }
}

mod ops;
