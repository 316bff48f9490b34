//! Lowering: one checked trace becomes one Cranelift function
//! `fn(ctx: *mut JitCtx, buf: *mut u64) -> u64`.
//!
//! Shape of the generated function:
//! * the entry block loads the inputs from `buf` and runs the ops before the
//!   (last) `label`;
//! * the label becomes a loop header block whose parameters are the values
//!   the label rebinds; `jump(..., descr=self)` jumps back to it with the new
//!   values (Cranelift block arguments are a parallel assignment, exactly the
//!   evaluator's semantics);
//! * every guard ends its block with a `brif` to a fresh continuation block
//!   and to a cold exit block that stores the guard's fail arguments in
//!   `buf[0..]` and returns the guard's id;
//! * `jump` to another loop and `finish` store their arguments and return
//!   their exit codes;
//! * an exit with a link cell (a guard that may get a bridge, a jump to
//!   another loop) first checks the cell: when it holds an entry, the exit
//!   counts itself there and tail-calls that code with the same `ctx` and
//!   `buf` (which hold its inputs), so that control passes between traces
//!   without returning to the driver. Trace bodies therefore use Cranelift's
//!   `tail` calling convention; the driver calls them through a small
//!   trampoline in the host's convention (see `lib.rs`).
//!
//! Values are kept in their natural Cranelift type (`i64` for ints and refs,
//! `f64` for floats, `i8` for comparison results) and converted where a use
//! needs another one: the IR is "bits in 64-bit words", so a float used as an
//! int is a bitcast, exactly as in the evaluator.

use crate::check::Plan;
use crate::runtime;
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::immediates::Ieee64;
use cranelift_codegen::ir::{types, AbiParam, Block, BlockArg, Function, InstBuilder, MemFlagsData, SigRef, Signature, Value};
use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use kiln::backend::{CompileInfo, Exit};
use kiln::ctx::JitCtx;
use kiln::ir::*;

/// The signature of every compiled trace (its body, in `CallConv::Tail`,
/// and its entry trampoline, in the host's convention).
pub(crate) fn trace_signature(call_conv: CallConv) -> Signature {
    let mut sig = Signature::new(call_conv);
    sig.params.push(AbiParam::new(types::I64));
    sig.params.push(AbiParam::new(types::I64));
    sig.returns.push(AbiParam::new(types::I64));
    sig
}

/// Builds the function for `trace` into `func` (whose signature is set).
pub(crate) fn lower(
    func: &mut Function,
    fctx: &mut FunctionBuilderContext,
    trace: &Trace<'_>,
    info: &CompileInfo,
    plan: &Plan,
    call_conv: CallConv,
    frontend: TargetFrontendConfig,
) -> Result<(), String> {
    let mut b = FunctionBuilder::new(func, fctx);
    let entry = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    b.seal_block(entry);
    let ctx = b.block_params(entry)[0];
    let buf = b.block_params(entry)[1];
    let ovf = b.ins().iconst(types::I8, 0);
    let tail_sig = b.import_signature(trace_signature(CallConv::Tail));
    let mut l = Lower {
        tail_sig,
        b,
        trace,
        info,
        plan,
        vals: vec![None; trace.ops.len()],
        ctx,
        buf,
        ovf,
        call_conv,
        sigs: [None; 7],
        guard_no: 0,
        header: None,
        shared_exit: None,
    };
    let result = l.run();
    let Lower { mut b, .. } = l;
    // After an error the function is abandoned; the caller discards the
    // builder context too.
    if result.is_ok() {
        b.seal_all_blocks();
        b.finalize(frontend);
    }
    result
}

const HEAP: MemFlagsData = MemFlagsData::new().with_notrap();
const TRUSTED: MemFlagsData = MemFlagsData::trusted();

struct Lower<'f, 't, 'a> {
    b: FunctionBuilder<'f>,
    trace: &'t Trace<'a>,
    info: &'t CompileInfo,
    plan: &'t Plan,
    /// Current value of each op (the loop header rebinds label arguments).
    vals: Vec<Option<Value>>,
    ctx: Value,
    buf: Value,
    /// The overflow flag set by the last `int_*_ovf` (an `i8`).
    ovf: Value,
    call_conv: CallConv,
    /// The signature of trace bodies, for linked exits.
    tail_sig: SigRef,
    /// Imported `(i64 × n) -> i64` signatures, by arity.
    sigs: [Option<SigRef>; 7],
    guard_no: usize,
    /// The loop header block, once the label has been lowered.
    header: Option<Block>,
    /// The exit block of the last guard and that guard's number: the next
    /// guard branches to the same block when it stores the same values
    /// (consecutive guards usually do), passing its own exit code and link
    /// cell, which keeps the cold code and the compile time of traces with
    /// many guards down.
    shared_exit: Option<(usize, Block)>,
}

fn cl_type(t: Type) -> types::Type {
    match t {
        Type::Float => types::F64,
        _ => types::I64,
    }
}

impl Lower<'_, '_, '_> {
    fn run(&mut self) -> Result<(), String> {
        let trace = self.trace;
        for i in 0..trace.num_inputs {
            let ty = cl_type(trace.ops[i].ty);
            let v = self.b.ins().load(ty, TRUSTED, self.buf, (8 * i) as i32);
            self.vals[i] = Some(v);
        }
        for i in trace.num_inputs..trace.ops.len() {
            let op = &trace.ops[i];
            let v = self.op(i, op)?;
            self.vals[i] = match (v, op.ty) {
                (Some(v), _) => Some(v),
                (None, Type::Void) => None,
                // The evaluator leaves a result register at 0 when the op
                // computes nothing; match it.
                (None, Type::Float) => Some(self.b.ins().f64const(Ieee64::with_bits(0))),
                (None, _) => Some(self.b.ins().iconst(types::I64, 0)),
            };
        }
        Ok(())
    }

    // ---- values

    fn value(&mut self, o: Operand) -> Result<Value, String> {
        Ok(match o {
            Operand::Op(id) => self.vals.get(id as usize).copied().flatten().ok_or_else(|| format!("op {id} has no value"))?,
            Operand::Int(v) => self.b.ins().iconst(types::I64, v),
            Operand::Ref(bits) => self.b.ins().iconst(types::I64, bits as i64),
            Operand::Float(bits) => self.b.ins().f64const(Ieee64::with_bits(bits)),
            Operand::Virtual(_) => return Err("virtual operand outside a snapshot".into()),
        })
    }

    fn int_of(&mut self, v: Value) -> Value {
        match self.b.func.dfg.value_type(v) {
            types::I64 => v,
            types::F64 => self.b.ins().bitcast(types::I64, MemFlagsData::new(), v),
            _ => self.b.ins().uextend(types::I64, v),
        }
    }

    fn float_of(&mut self, v: Value) -> Value {
        match self.b.func.dfg.value_type(v) {
            types::F64 => v,
            _ => {
                let i = self.int_of(v);
                self.b.ins().bitcast(types::F64, MemFlagsData::new(), i)
            }
        }
    }

    fn typed(&mut self, v: Value, t: Type) -> Value {
        match t {
            Type::Float => self.float_of(v),
            _ => self.int_of(v),
        }
    }

    /// The operand as an `i64` (constants become immediates where possible).
    fn int(&mut self, o: Operand) -> Result<Value, String> {
        match o {
            Operand::Float(bits) => Ok(self.b.ins().iconst(types::I64, bits as i64)),
            _ => {
                let v = self.value(o)?;
                Ok(self.int_of(v))
            }
        }
    }

    fn float(&mut self, o: Operand) -> Result<Value, String> {
        let v = self.value(o)?;
        Ok(self.float_of(v))
    }

    /// A value usable as a full 64-bit word in memory (`i64` or `f64`).
    fn word(&mut self, o: Operand) -> Result<Value, String> {
        let v = self.value(o)?;
        Ok(match self.b.func.dfg.value_type(v) {
            types::I64 | types::F64 => v,
            _ => self.int_of(v),
        })
    }

    // ---- memory

    /// Splits `base + disp` into a base value and a 32-bit offset.
    fn addr(&mut self, base: Value, disp: i64) -> (Value, i32) {
        match i32::try_from(disp) {
            Ok(off) => (base, off),
            Err(_) => (self.b.ins().iadd_imm_s(base, disp), 0),
        }
    }

    fn load(&mut self, kind: MemKind, p: Value, off: i32) -> Value {
        let ins = self.b.ins();
        match kind {
            MemKind::I8 => ins.sload8(types::I64, HEAP, p, off),
            MemKind::U8 => ins.uload8(types::I64, HEAP, p, off),
            MemKind::I16 => ins.sload16(types::I64, HEAP, p, off),
            MemKind::U16 => ins.uload16(types::I64, HEAP, p, off),
            MemKind::I32 => ins.sload32(HEAP, p, off),
            MemKind::U32 => ins.uload32(HEAP, p, off),
            MemKind::I64 | MemKind::Word | MemKind::Ref => ins.load(types::I64, HEAP, p, off),
            MemKind::F64 => ins.load(types::F64, HEAP, p, off),
        }
    }

    fn store(&mut self, kind: MemKind, v: Operand, p: Value, off: i32) -> Result<(), String> {
        match kind {
            MemKind::I8 | MemKind::U8 => {
                let v = self.int(v)?;
                self.b.ins().istore8(HEAP, v, p, off);
            }
            MemKind::I16 | MemKind::U16 => {
                let v = self.int(v)?;
                self.b.ins().istore16(HEAP, v, p, off);
            }
            MemKind::I32 | MemKind::U32 => {
                let v = self.int(v)?;
                self.b.ins().istore32(HEAP, v, p, off);
            }
            MemKind::I64 | MemKind::F64 | MemKind::Word | MemKind::Ref => {
                let v = self.word(v)?;
                self.b.ins().store(HEAP, v, p, off);
            }
        }
        Ok(())
    }

    /// Address of item `index` of array `d` in `base`, as base + offset.
    fn item_addr(&mut self, d: &ArrayDescr, base: Operand, index: Operand) -> Result<(Value, i32), String> {
        let base = self.int(base)?;
        match index {
            Operand::Int(k) => {
                let disp = (d.offset as i64).wrapping_add(k.wrapping_mul(d.item_size as i64));
                Ok(self.addr(base, disp))
            }
            _ => {
                let idx = self.int(index)?;
                let scaled = if d.item_size == 1 { idx } else { self.b.ins().imul_imm_s(idx, d.item_size as i64) };
                let p = self.b.ins().iadd(base, scaled);
                Ok(self.addr(p, d.offset as i64))
            }
        }
    }

    fn ctx_word(&mut self, offset: i32) -> Value {
        self.b.ins().load(types::I64, TRUSTED, self.ctx, offset)
    }

    // ---- exits

    /// Stores `args` in `buf[0..]`.
    fn store_outputs(&mut self, args: &[Operand]) -> Result<(), String> {
        for (k, a) in args.iter().enumerate() {
            let v = self.word(*a)?;
            let off = i32::try_from(8 * k).map_err(|_| "too many exit values".to_string())?;
            self.b.ins().store(TRUSTED, v, self.buf, off);
        }
        Ok(())
    }

    fn ret(&mut self, exit: Exit) {
        self.ret_code(exit.encode());
    }

    fn ret_code(&mut self, code: u64) {
        let code = self.b.ins().iconst(types::I64, code as i64);
        self.b.ins().return_(&[code]);
    }

    /// Leaves through `exit`, or, when the link cell at `cell` (if any)
    /// holds an entry, enters that code directly (see the module docs).
    fn exit_or_link(&mut self, exit: Exit, cell: usize) {
        if cell == 0 {
            self.ret(exit);
            return;
        }
        let code = self.b.ins().iconst(types::I64, exit.encode() as i64);
        let cell = self.b.ins().iconst(types::I64, cell as i64);
        self.exit_or_link_dynamic(code, cell);
    }

    /// Ends the current block with the guard's check: execution continues
    /// in a new block when `cond != 0` equals `ok_if_nonzero`, and leaves
    /// through a cold exit block otherwise.
    fn guard(&mut self, cond: Value, ok_if_nonzero: bool) -> Result<(), String> {
        let exit = self.info.guards.get(self.guard_no).ok_or("more guards than guard exits")?;
        self.guard_no += 1;
        let cond = match self.b.func.dfg.value_type(cond) {
            types::F64 => self.int_of(cond),
            _ => cond,
        };
        let cell = self.info.links.guards.get(self.guard_no - 1).copied().unwrap_or(0);
        let reuse = match self.shared_exit {
            Some((g, block)) if self.info.guards[g].fail_args == exit.fail_args && (self.info.links.guards.get(g).copied().unwrap_or(0) == 0) == (cell == 0) => Some(block),
            _ => None,
        };
        let shared = reuse.unwrap_or_else(|| self.b.create_block());
        if reuse.is_none() {
            self.b.set_cold_block(shared);
            self.b.append_block_param(shared, types::I64);
            if cell != 0 {
                self.b.append_block_param(shared, types::I64);
            }
            self.shared_exit = Some((self.guard_no - 1, shared));
        }
        // The guard's own cold block passes its exit code and cell, so the
        // constants stay off the hot path.
        let fail = self.b.create_block();
        self.b.set_cold_block(fail);
        let cont = self.b.create_block();
        if ok_if_nonzero {
            self.b.ins().brif(cond, cont, &[], fail, &[]);
        } else {
            self.b.ins().brif(cond, fail, &[], cont, &[]);
        }
        self.b.seal_block(fail);
        self.b.seal_block(cont);
        self.b.switch_to_block(fail);
        let code = self.b.ins().iconst(types::I64, Exit::Guard(exit.id).encode() as i64);
        let mut args = vec![BlockArg::Value(code)];
        if cell != 0 {
            args.push(BlockArg::Value(self.b.ins().iconst(types::I64, cell as i64)));
        }
        self.b.ins().jump(shared, &args);
        if reuse.is_none() {
            // Sealed with every other block at the end: later guards may
            // jump here too.
            self.b.switch_to_block(shared);
            self.store_outputs(&exit.fail_args)?;
            let params = self.b.block_params(shared).to_vec();
            if cell == 0 {
                self.b.ins().return_(&[params[0]]);
            } else {
                self.exit_or_link_dynamic(params[0], params[1]);
            }
        }
        self.b.switch_to_block(cont);
        Ok(())
    }

    /// [`Self::exit_or_link`] with the exit code and the link cell as values
    /// (a shared guard exit).
    fn exit_or_link_dynamic(&mut self, code: Value, cell: Value) {
        let entry = self.b.ins().load(types::I64, TRUSTED, cell, kiln::backend::LinkCell::ENTRY_OFFSET);
        let linked = self.b.create_block();
        let unlinked = self.b.create_block();
        self.b.ins().brif(entry, linked, &[], unlinked, &[]);
        self.b.seal_block(linked);
        self.b.seal_block(unlinked);
        self.b.switch_to_block(linked);
        let count = self.b.ins().load(types::I64, TRUSTED, cell, kiln::backend::LinkCell::COUNT_OFFSET);
        let count = self.b.ins().iadd_imm_s(count, 1);
        self.b.ins().store(TRUSTED, count, cell, kiln::backend::LinkCell::COUNT_OFFSET);
        let (ctx, buf, sig) = (self.ctx, self.buf, self.tail_sig);
        self.b.ins().return_call_indirect(sig, entry, &[ctx, buf]);
        self.b.switch_to_block(unlinked);
        self.b.ins().return_(&[code]);
    }

    // ---- calls

    fn sig(&mut self, arity: usize) -> SigRef {
        if let Some(s) = self.sigs[arity] {
            return s;
        }
        let mut sig = Signature::new(self.call_conv);
        for _ in 0..arity {
            sig.params.push(AbiParam::new(types::I64));
        }
        sig.returns.push(AbiParam::new(types::I64));
        let s = self.b.import_signature(sig);
        self.sigs[arity] = Some(s);
        s
    }

    /// Calls the `extern "C"` function at `addr` with word arguments.
    fn call(&mut self, addr: usize, args: &[Value]) -> Value {
        let sig = self.sig(args.len());
        let callee = self.b.ins().iconst(types::I64, addr as i64);
        let inst = self.b.ins().call_indirect(sig, callee, args);
        self.b.inst_results(inst)[0]
    }

    // ---- loop header

    fn label(&mut self) -> Result<(), String> {
        let header = self.b.create_block();
        let mut args = Vec::new();
        for &(id, _) in &self.plan.label_params {
            let ty = self.trace.ops[id as usize].ty;
            self.b.append_block_param(header, cl_type(ty));
            let v = self.value(Operand::Op(id))?;
            args.push(BlockArg::Value(self.typed(v, ty)));
        }
        if self.plan.ovf_param {
            self.b.append_block_param(header, types::I8);
            args.push(BlockArg::Value(self.ovf));
        }
        self.b.ins().jump(header, &args);
        self.b.switch_to_block(header);
        self.header = Some(header);
        // Op values are rebound from here on.
        self.shared_exit = None;
        let params = self.b.block_params(header).to_vec();
        for (k, &(id, _)) in self.plan.label_params.iter().enumerate() {
            self.vals[id as usize] = Some(params[k]);
        }
        if self.plan.ovf_param {
            self.ovf = params[params.len() - 1];
        }
        Ok(())
    }

    fn jump_self(&mut self, jump: &Op<'_>) -> Result<(), String> {
        let header = self.header.ok_or("jump to self without a label")?;
        let mut args = Vec::new();
        for &(id, k) in &self.plan.label_params {
            let ty = self.trace.ops[id as usize].ty;
            let v = self.value(jump.args[k])?;
            args.push(BlockArg::Value(self.typed(v, ty)));
        }
        if self.plan.ovf_param {
            args.push(BlockArg::Value(self.ovf));
        }
        self.b.ins().jump(header, &args);
        Ok(())
    }
}

mod ops;
