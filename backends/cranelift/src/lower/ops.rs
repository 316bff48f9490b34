//! Lowering of individual ops: one `match` arm per opcode, each written to
//! compute exactly what `kiln::eval` computes for it.

use super::*;
use cranelift_codegen::ir::{self, ValueDef};

impl Lower<'_, '_, '_> {
    /// Lowers op `i`; returns its result, if it computes one.
    pub(super) fn op(&mut self, i: usize, op: &Op<'_>) -> Result<Option<Value>, String> {
        use Opcode::*;
        let a = op.args;
        let v = match op.opcode {
            Input => return Err(format!("op {i}: input after the first ops")),
            DebugMergePoint | QuasiImmutField => return Ok(None),

            // ---- integers
            IntAdd | IntSub | IntMul | IntAnd | IntOr | IntXor | IntLshift | IntRshift | UintRshift => {
                let x = self.int(a[0])?;
                let y = self.int(a[1])?;
                let ins = self.b.ins();
                match op.opcode {
                    IntAdd => ins.iadd(x, y),
                    IntSub => ins.isub(x, y),
                    IntMul => ins.imul(x, y),
                    IntAnd => ins.band(x, y),
                    IntOr => ins.bor(x, y),
                    IntXor => ins.bxor(x, y),
                    // Cranelift masks shift amounts to the type's width,
                    // like Rust's wrapping_shl/shr.
                    IntLshift => ins.ishl(x, y),
                    IntRshift => ins.sshr(x, y),
                    _ => ins.ushr(x, y),
                }
            }
            IntDiv | IntMod => self.divmod(op.opcode == IntDiv, a[0], a[1])?,
            IntNeg => {
                let x = self.int(a[0])?;
                self.b.ins().ineg(x)
            }
            IntInvert => {
                let x = self.int(a[0])?;
                self.b.ins().bnot(x)
            }
            IntLt | IntLe | IntEq | IntNe | IntGt | IntGe | UintLt | UintLe | UintGt | UintGe | PtrEq | PtrNe => {
                let cc = match op.opcode {
                    IntLt => IntCC::SignedLessThan,
                    IntLe => IntCC::SignedLessThanOrEqual,
                    IntEq | PtrEq => IntCC::Equal,
                    IntNe | PtrNe => IntCC::NotEqual,
                    IntGt => IntCC::SignedGreaterThan,
                    IntGe => IntCC::SignedGreaterThanOrEqual,
                    UintLt => IntCC::UnsignedLessThan,
                    UintLe => IntCC::UnsignedLessThanOrEqual,
                    UintGt => IntCC::UnsignedGreaterThan,
                    _ => IntCC::UnsignedGreaterThanOrEqual,
                };
                self.icmp(cc, a[0], a[1])?
            }
            IntIsZero => self.icmp(IntCC::Equal, a[0], Operand::Int(0))?,
            IntIsTrue => self.icmp(IntCC::NotEqual, a[0], Operand::Int(0))?,
            IntAddOvf | IntSubOvf | IntMulOvf => {
                let x = self.int(a[0])?;
                let y = self.int(a[1])?;
                let ins = self.b.ins();
                let (r, flag) = match op.opcode {
                    IntAddOvf => ins.sadd_overflow(x, y),
                    IntSubOvf => ins.ssub_overflow(x, y),
                    _ => ins.smul_overflow(x, y),
                };
                self.ovf = flag;
                r
            }

            // ---- floats
            FloatAdd | FloatSub | FloatMul | FloatTrueDiv => {
                let x = self.float(a[0])?;
                let mut y = self.float(a[1])?;
                if op.opcode == FloatMul && self.is_fneg(x) && self.is_fneg(y) {
                    // Cranelift rewrites fmul(fneg x, fneg y) to fmul(x, y),
                    // which changes the sign of a NaN result; hide one
                    // negation from it to stay bit-exact with the evaluator.
                    y = self.opaque_fneg(y);
                }
                let ins = self.b.ins();
                match op.opcode {
                    FloatAdd => ins.fadd(x, y),
                    FloatSub => ins.fsub(x, y),
                    FloatMul => ins.fmul(x, y),
                    _ => ins.fdiv(x, y),
                }
            }
            FloatNeg => {
                let x = self.float(a[0])?;
                self.b.ins().fneg(x)
            }
            FloatAbs => {
                let x = self.float(a[0])?;
                self.b.ins().fabs(x)
            }
            FloatLt | FloatLe | FloatEq | FloatNe | FloatGt | FloatGe => {
                // Ordered comparisons are false on NaN; NotEqual is true on
                // NaN: Rust's operators exactly.
                let cc = match op.opcode {
                    FloatLt => FloatCC::LessThan,
                    FloatLe => FloatCC::LessThanOrEqual,
                    FloatEq => FloatCC::Equal,
                    FloatNe => FloatCC::NotEqual,
                    FloatGt => FloatCC::GreaterThan,
                    _ => FloatCC::GreaterThanOrEqual,
                };
                let x = self.float(a[0])?;
                let y = self.float(a[1])?;
                self.b.ins().fcmp(cc, x, y)
            }
            CastIntToFloat => {
                let x = self.int(a[0])?;
                self.b.ins().fcvt_from_sint(types::F64, x)
            }
            // Saturating, NaN to 0: Rust's `as`.
            CastFloatToInt => {
                let x = self.float(a[0])?;
                self.b.ins().fcvt_to_sint_sat(types::I64, x)
            }
            FloatToBits => self.int(a[0])?,
            BitsToFloat => self.float(a[0])?,

            // ---- references and copies: the bits pass through unchanged
            CastPtrToInt | CastIntToPtr | SameAs => self.value(a[0])?,

            // ---- memory
            GetField => {
                let Descr::Field(d) = op.descr else { return Err(format!("op {i}: no field descr")) };
                let base = self.int(a[0])?;
                let (p, off) = self.addr(base, d.offset as i64);
                self.load(d.kind, p, off)
            }
            SetField => {
                let Descr::Field(d) = op.descr else { return Err(format!("op {i}: no field descr")) };
                let base = self.int(a[0])?;
                let (p, off) = self.addr(base, d.offset as i64);
                self.store(d.kind, a[1], p, off)?;
                return Ok(None);
            }
            GetArrayItem => {
                let Descr::Array(d) = op.descr else { return Err(format!("op {i}: no array descr")) };
                let (p, off) = self.item_addr(d, a[0], a[1])?;
                self.load(d.kind, p, off)
            }
            SetArrayItem => {
                let Descr::Array(d) = op.descr else { return Err(format!("op {i}: no array descr")) };
                let (p, off) = self.item_addr(d, a[0], a[1])?;
                self.store(d.kind, a[2], p, off)?;
                return Ok(None);
            }
            New => {
                let Descr::Type(t) = op.descr else { return Err(format!("op {i}: no type descr")) };
                let ty = self.b.ins().iconst(types::I64, t as *const TypeDescr as i64);
                self.call(runtime::new as *const () as usize, &[ty])
            }
            NewArray => {
                let Descr::Type(t) = op.descr else { return Err(format!("op {i}: no type descr")) };
                let ty = self.b.ins().iconst(types::I64, t as *const TypeDescr as i64);
                let len = self.int(a[0])?;
                self.call(runtime::new_array as *const () as usize, &[ty, len])
            }

            // ---- residual calls
            Call | CallPure => {
                let Descr::Call(d) = op.descr else { return Err(format!("op {i}: no call descr")) };
                let mut args = Vec::with_capacity(a.len());
                for &x in a {
                    args.push(self.int(x)?);
                }
                let r = self.call(d.func.addr(), &args);
                if op.ty == Type::Float {
                    self.float_of(r)
                } else {
                    r
                }
            }

            // ---- guards
            GuardTrue | GuardNonNull => {
                let c = self.value(a[0])?;
                self.guard(c, true)?;
                return Ok(None);
            }
            GuardFalse | GuardIsNull => {
                let c = self.value(a[0])?;
                self.guard(c, false)?;
                return Ok(None);
            }
            GuardValue => {
                let c = self.icmp(IntCC::Equal, a[0], a[1])?;
                self.guard(c, true)?;
                return Ok(None);
            }
            GuardClass => {
                let Descr::Type(t) = op.descr else { return Err(format!("op {i}: no type descr")) };
                let obj = self.int(a[0])?;
                // The first word of every GC object is its TypeDescr pointer.
                let ty = self.b.ins().load(types::I64, HEAP, obj, 0);
                let c = self.b.ins().icmp_imm_s(IntCC::Equal, ty, t as *const TypeDescr as i64);
                self.guard(c, true)?;
                return Ok(None);
            }
            GuardNoOverflow | GuardOverflow => {
                let c = self.ovf;
                self.guard(c, op.opcode == GuardOverflow)?;
                return Ok(None);
            }
            GuardNoException | GuardException => {
                let pending = self.ctx_word(JitCtx::OFFSET_EXC_PENDING);
                if op.opcode == GuardNoException {
                    self.guard(pending, false)?;
                    return Ok(None);
                }
                self.guard(pending, true)?;
                let zero = self.b.ins().iconst(types::I64, 0);
                self.b.ins().store(TRUSTED, zero, self.ctx, JitCtx::OFFSET_EXC_PENDING);
                let exc = self.ctx_word(JitCtx::OFFSET_EXC_VALUE);
                self.b.ins().store(TRUSTED, zero, self.ctx, JitCtx::OFFSET_EXC_VALUE);
                exc
            }
            GuardNotInvalidated => {
                let flag = self.b.ins().iconst(types::I64, self.info.invalidated_flag as i64);
                let c = self.b.ins().load(types::I64, TRUSTED, flag, 0);
                self.guard(c, false)?;
                return Ok(None);
            }
            GuardGcNotDue => {
                let c = self.ctx_word(JitCtx::OFFSET_GC_DUE);
                self.guard(c, false)?;
                return Ok(None);
            }

            // ---- control
            Label => {
                if Some(i) == self.plan.label {
                    self.label()?;
                }
                return Ok(None);
            }
            Jump => {
                match op.descr {
                    Descr::Target(JumpTarget::SelfLoop) => self.jump_self(op)?,
                    Descr::Target(JumpTarget::Loop(t)) => {
                        self.store_outputs(a)?;
                        let cell = self.info.links.jump;
                        self.exit_or_link(Exit::Jump(t), cell);
                    }
                    _ => return Err(format!("op {i}: jump without a target")),
                }
                return Ok(None);
            }
            Finish => {
                self.store_outputs(a)?;
                self.ret_code(Exit::finish_code(a.len()));
                return Ok(None);
            }
        };
        Ok(Some(v))
    }

    fn is_fneg(&self, v: Value) -> bool {
        match self.b.func.dfg.value_def(v) {
            ValueDef::Result(inst, _) => self.b.func.dfg.insts[inst].opcode() == ir::Opcode::Fneg,
            _ => false,
        }
    }

    /// `v = fneg(x)` recomputed as a sign-bit flip Cranelift does not see
    /// through.
    fn opaque_fneg(&mut self, v: Value) -> Value {
        let ValueDef::Result(inst, _) = self.b.func.dfg.value_def(v) else { return v };
        let x = self.b.func.dfg.inst_args(inst)[0];
        let bits = self.b.ins().bitcast(types::I64, MemFlagsData::new(), x);
        let flipped = self.b.ins().bxor_imm_s(bits, i64::MIN);
        self.b.ins().bitcast(types::F64, MemFlagsData::new(), flipped)
    }

    /// Compares two operands as 64-bit words (an `i8` 0/1 result).
    fn icmp(&mut self, cc: IntCC, x: Operand, y: Operand) -> Result<Value, String> {
        let xv = self.int(x)?;
        Ok(match y {
            Operand::Int(k) => self.b.ins().icmp_imm_s(cc, xv, k),
            _ => {
                let yv = self.int(y)?;
                self.b.ins().icmp(cc, xv, yv)
            }
        })
    }

    /// `wrapping_div` / `wrapping_rem` without traps: `x / -1` is
    /// `wrapping_neg(x)` and `x % -1` is 0; division by zero (which the
    /// evaluator refuses) yields `x / 0 = x` and `x % 0 = 0` instead of
    /// crashing.
    fn divmod(&mut self, div: bool, x: Operand, y: Operand) -> Result<Value, String> {
        let xv = self.int(x)?;
        if let Operand::Int(k) = y {
            return Ok(match (k, div) {
                (0, true) => xv,
                (-1, true) => self.b.ins().ineg(xv),
                (0 | -1, false) => self.b.ins().iconst(types::I64, 0),
                (_, true) => {
                    let kv = self.b.ins().iconst(types::I64, k);
                    self.b.ins().sdiv(xv, kv)
                }
                (_, false) => {
                    let kv = self.b.ins().iconst(types::I64, k);
                    self.b.ins().srem(xv, kv)
                }
            });
        }
        let yv = self.int(y)?;
        let ins = self.b.ins();
        let is_zero = ins.icmp_imm_s(IntCC::Equal, yv, 0);
        let is_m1 = self.b.ins().icmp_imm_s(IntCC::Equal, yv, -1);
        let bad = self.b.ins().bor(is_zero, is_m1);
        let one = self.b.ins().iconst(types::I64, 1);
        let safe = self.b.ins().select(bad, one, yv);
        Ok(if div {
            let q = self.b.ins().sdiv(xv, safe);
            let neg = self.b.ins().ineg(xv);
            self.b.ins().select(is_m1, neg, q)
        } else {
            self.b.ins().srem(xv, safe)
        })
    }
}
