//! Emission of individual ops: one `match` arm per opcode, each written to
//! compute exactly what `kiln::eval` computes for it.

use super::*;
use crate::runtime::Shim;
use kiln::ctx::JitCtx;

impl Emitter<'_, '_> {
    /// Emits op `i`.
    pub(super) fn op(&mut self, s: &mut InstructionSink<'_>, i: usize) -> Result<(), String> {
        use Opcode::*;
        let trace = self.trace;
        let op = &trace.ops[i];
        let a = op.args;
        match op.opcode {
            Input => return Err(format!("op {i}: input after the first ops")),
            DebugMergePoint | QuasiImmutField | Label => {}

            // ---- integers
            IntAdd | IntSub | IntMul | IntAnd | IntOr | IntXor | IntLshift | IntRshift | UintRshift => {
                self.push_int(s, a[0])?;
                self.push_int(s, a[1])?;
                match op.opcode {
                    IntAdd => s.i64_add(),
                    IntSub => s.i64_sub(),
                    IntMul => s.i64_mul(),
                    IntAnd => s.i64_and(),
                    IntOr => s.i64_or(),
                    IntXor => s.i64_xor(),
                    // Wasm takes shift amounts mod 64, like Rust's
                    // wrapping_shl/shr.
                    IntLshift => s.i64_shl(),
                    IntRshift => s.i64_shr_s(),
                    _ => s.i64_shr_u(),
                };
                self.set_result(s, i, Repr::I64)?;
            }
            IntDiv | IntMod => {
                self.divmod(s, op.opcode == IntDiv, a[0], a[1])?;
                self.set_result(s, i, Repr::I64)?;
            }
            IntNeg => {
                s.i64_const(0);
                self.push_int(s, a[0])?;
                s.i64_sub();
                self.set_result(s, i, Repr::I64)?;
            }
            IntInvert => {
                self.push_int(s, a[0])?;
                s.i64_const(-1);
                s.i64_xor();
                self.set_result(s, i, Repr::I64)?;
            }
            IntLt | IntLe | IntEq | IntNe | IntGt | IntGe | UintLt | UintLe | UintGt | UintGe | PtrEq | PtrNe => {
                self.push_int(s, a[0])?;
                self.push_int(s, a[1])?;
                match op.opcode {
                    IntLt => s.i64_lt_s(),
                    IntLe => s.i64_le_s(),
                    IntEq | PtrEq => s.i64_eq(),
                    IntNe | PtrNe => s.i64_ne(),
                    IntGt => s.i64_gt_s(),
                    IntGe => s.i64_ge_s(),
                    UintLt => s.i64_lt_u(),
                    UintLe => s.i64_le_u(),
                    UintGt => s.i64_gt_u(),
                    _ => s.i64_ge_u(),
                };
                self.set_result(s, i, Repr::Bool)?;
            }
            IntIsZero => {
                self.push_zero(s, a[0])?;
                self.set_result(s, i, Repr::Bool)?;
            }
            IntIsTrue => {
                self.push_nonzero(s, a[0])?;
                self.set_result(s, i, Repr::Bool)?;
            }
            IntAddOvf | IntSubOvf | IntMulOvf => self.ovf_op(s, i, op.opcode, a[0], a[1])?,

            // ---- floats
            FloatAdd | FloatSub | FloatMul | FloatTrueDiv => {
                self.push_float(s, a[0])?;
                self.push_float(s, a[1])?;
                match op.opcode {
                    FloatAdd => s.f64_add(),
                    FloatSub => s.f64_sub(),
                    FloatMul => s.f64_mul(),
                    _ => s.f64_div(),
                };
                self.set_result(s, i, Repr::F64)?;
            }
            FloatNeg | FloatAbs => {
                self.push_float(s, a[0])?;
                if op.opcode == FloatNeg {
                    s.f64_neg();
                } else {
                    s.f64_abs();
                }
                self.set_result(s, i, Repr::F64)?;
            }
            // Ordered comparisons are false on NaN and `ne` is true on NaN:
            // Rust's operators exactly.
            FloatLt | FloatLe | FloatEq | FloatNe | FloatGt | FloatGe => {
                self.push_float(s, a[0])?;
                self.push_float(s, a[1])?;
                match op.opcode {
                    FloatLt => s.f64_lt(),
                    FloatLe => s.f64_le(),
                    FloatEq => s.f64_eq(),
                    FloatNe => s.f64_ne(),
                    FloatGt => s.f64_gt(),
                    _ => s.f64_ge(),
                };
                self.set_result(s, i, Repr::Bool)?;
            }
            CastIntToFloat => {
                self.push_int(s, a[0])?;
                s.f64_convert_i64_s();
                self.set_result(s, i, Repr::F64)?;
            }
            // Saturating, NaN to 0: Rust's `as`.
            CastFloatToInt => {
                self.push_float(s, a[0])?;
                s.i64_trunc_sat_f64_s();
                self.set_result(s, i, Repr::I64)?;
            }
            FloatToBits => {
                self.push_int(s, a[0])?;
                self.set_result(s, i, Repr::I64)?;
            }
            BitsToFloat => {
                self.push_float(s, a[0])?;
                self.set_result(s, i, Repr::F64)?;
            }
            // The bits pass through unchanged.
            CastPtrToInt | CastIntToPtr | SameAs => {
                let (_, want) = self.result_local(i)?;
                self.push_as(s, a[0], want)?;
                self.set_result(s, i, want)?;
            }

            // ---- memory
            GetField => {
                let Descr::Field(d) = op.descr else { return Err(format!("op {i}: no field descr")) };
                self.push_addr(s, a[0])?;
                let r = self.load(s, d.kind, d.offset);
                self.set_result(s, i, r)?;
            }
            SetField => {
                let Descr::Field(d) = op.descr else { return Err(format!("op {i}: no field descr")) };
                self.push_addr(s, a[0])?;
                self.store(s, d.kind, a[1], d.offset)?;
            }
            GetArrayItem => {
                let Descr::Array(d) = op.descr else { return Err(format!("op {i}: no array descr")) };
                let off = self.push_item_addr(s, d, a[0], a[1])?;
                let r = self.load(s, d.kind, off);
                self.set_result(s, i, r)?;
            }
            SetArrayItem => {
                let Descr::Array(d) = op.descr else { return Err(format!("op {i}: no array descr")) };
                let off = self.push_item_addr(s, d, a[0], a[1])?;
                self.store(s, d.kind, a[2], off)?;
            }
            New => {
                let Descr::Type(t) = op.descr else { return Err(format!("op {i}: no type descr")) };
                s.i64_const(t as *const TypeDescr as usize as i64);
                self.call(s, self.shim(Shim::New), 1)?;
                self.set_result(s, i, Repr::I64)?;
            }
            NewArray => {
                let Descr::Type(t) = op.descr else { return Err(format!("op {i}: no type descr")) };
                s.i64_const(t as *const TypeDescr as usize as i64);
                self.push_int(s, a[0])?;
                self.call(s, self.shim(Shim::NewArray), 2)?;
                self.set_result(s, i, Repr::I64)?;
            }

            // ---- residual calls
            Call | CallPure => {
                let Descr::Call(d) = op.descr else { return Err(format!("op {i}: no call descr")) };
                for &x in a {
                    self.push_int(s, x)?;
                }
                self.call(s, d.func.addr(), a.len())?;
                // A float result comes back as its bits; `set_result`
                // reinterprets it.
                self.set_result(s, i, Repr::I64)?;
            }

            // ---- guards (each pushes its *failing* condition)
            GuardTrue | GuardNonNull => {
                self.push_zero(s, a[0])?;
                self.guard_exit_if(s)?;
            }
            GuardFalse | GuardIsNull => {
                self.push_nonzero(s, a[0])?;
                self.guard_exit_if(s)?;
            }
            GuardValue => {
                self.push_int(s, a[0])?;
                self.push_int(s, a[1])?;
                s.i64_ne();
                self.guard_exit_if(s)?;
            }
            GuardClass => {
                let Descr::Type(t) = op.descr else { return Err(format!("op {i}: no type descr")) };
                // The first word of every GC object (4 bytes on wasm32) is
                // its TypeDescr pointer.
                self.push_addr(s, a[0])?;
                s.i32_load(memarg(0, 4));
                s.i32_const(t as *const TypeDescr as usize as u32 as i32);
                s.i32_ne();
                self.guard_exit_if(s)?;
            }
            GuardNoOverflow | GuardOverflow => {
                s.local_get(self.ovf_local());
                if op.opcode == GuardOverflow {
                    s.i32_eqz();
                }
                self.guard_exit_if(s)?;
            }
            GuardNoException => {
                self.ctx_word(s, JitCtx::OFFSET_EXC_PENDING);
                s.i64_const(0);
                s.i64_ne();
                self.guard_exit_if(s)?;
            }
            GuardException => {
                self.ctx_word(s, JitCtx::OFFSET_EXC_PENDING);
                s.i64_eqz();
                self.guard_exit_if(s)?;
                self.clear_ctx_word(s, JitCtx::OFFSET_EXC_PENDING);
                self.ctx_word(s, JitCtx::OFFSET_EXC_VALUE);
                self.set_result(s, i, Repr::I64)?;
                self.clear_ctx_word(s, JitCtx::OFFSET_EXC_VALUE);
            }
            GuardNotInvalidated => {
                s.i32_const(self.info.invalidated_flag as usize as u32 as i32);
                s.i64_load(memarg(0, 8));
                s.i64_const(0);
                s.i64_ne();
                self.guard_exit_if(s)?;
            }
            GuardGcNotDue => {
                self.ctx_word(s, JitCtx::OFFSET_GC_DUE);
                s.i64_const(0);
                s.i64_ne();
                self.guard_exit_if(s)?;
            }

            // ---- control
            Jump => match op.descr {
                Descr::Target(JumpTarget::SelfLoop) => self.jump_self(s, op)?,
                Descr::Target(JumpTarget::Loop(t)) => self.exit(s, a, Exit::Jump(t))?,
                _ => return Err(format!("op {i}: jump without a target")),
            },
            Finish => self.exit_code(s, a, Exit::finish_code(a.len()))?,
        }
        Ok(())
    }

    /// `wrapping_div` / `wrapping_rem` without traps: `x / -1` is
    /// `wrapping_neg(x)` and `x % -1` is 0; division by zero yields
    /// `x / 0 = x` and `x % 0 = 0` (the evaluator's definition).
    fn divmod(&self, s: &mut InstructionSink<'_>, div: bool, x: Operand, y: Operand) -> Result<(), String> {
        if let Operand::Int(k) = y {
            match (k, div) {
                (0, true) => self.push_int(s, x)?,
                (-1, true) => {
                    s.i64_const(0);
                    self.push_int(s, x)?;
                    s.i64_sub();
                }
                (0 | -1, false) => {
                    s.i64_const(0);
                }
                _ => {
                    self.push_int(s, x)?;
                    s.i64_const(k);
                    if div {
                        s.i64_div_s();
                    } else {
                        s.i64_rem_s();
                    }
                }
            }
            return Ok(());
        }
        // safe = (y == 0 | y == -1) ? 1 : y, so the division never traps;
        // x / 1 = x and x % 1 = 0 are already right for y == 0 and for the
        // remainder by -1; the quotient by -1 is selected separately.
        if div {
            s.i64_const(0);
            self.push_int(s, x)?;
            s.i64_sub();
        }
        self.push_int(s, x)?;
        s.i64_const(1);
        self.push_int(s, y)?;
        self.push_int(s, y)?;
        s.i64_eqz();
        self.push_int(s, y)?;
        s.i64_const(-1);
        s.i64_eq();
        s.i32_or();
        s.select();
        if div {
            s.i64_div_s();
            self.push_int(s, y)?;
            s.i64_const(-1);
            s.i64_eq();
            s.select();
        } else {
            s.i64_rem_s();
        }
        Ok(())
    }

    /// `int_add_ovf` / `int_sub_ovf` / `int_mul_ovf`: the wrapped result
    /// in the op's local and the overflow flag in the flag local.
    fn ovf_op(&self, s: &mut InstructionSink<'_>, i: usize, opcode: Opcode, x: Operand, y: Operand) -> Result<(), String> {
        let (res, repr) = self.result_local(i)?;
        if repr != Repr::I64 {
            return Err(format!("op {i} ({}): an overflow-checked op must produce an int", opcode.name()));
        }
        self.push_int(s, x)?;
        self.push_int(s, y)?;
        match opcode {
            Opcode::IntAddOvf => s.i64_add(),
            Opcode::IntSubOvf => s.i64_sub(),
            _ => s.i64_mul(),
        };
        s.local_set(res);
        match opcode {
            // Signed overflow of x + y: both operands differ in sign from
            // the result.
            Opcode::IntAddOvf => {
                self.push_int(s, x)?;
                s.local_get(res).i64_xor();
                self.push_int(s, y)?;
                s.local_get(res).i64_xor();
                s.i64_and().i64_const(0).i64_lt_s();
            }
            // x - y: the operands differ in sign and the result's sign
            // differs from x's.
            Opcode::IntSubOvf => {
                self.push_int(s, x)?;
                self.push_int(s, y)?;
                s.i64_xor();
                self.push_int(s, x)?;
                s.local_get(res).i64_xor();
                s.i64_and().i64_const(0).i64_lt_s();
            }
            // x * y: two factors that fit in 32 bits never overflow (the
            // fast path); otherwise ask the runtime.
            _ => {
                let fits = |o: Operand| o.as_int().map(|k| k as i32 as i64 == k);
                match (fits(x), fits(y)) {
                    (Some(true), Some(true)) => {
                        s.i32_const(0);
                    }
                    _ => {
                        self.push_fits_i32(s, x)?;
                        self.push_fits_i32(s, y)?;
                        s.i32_and();
                        s.if_(BlockType::Result(ValType::I32));
                        s.i32_const(0);
                        s.else_();
                        self.push_int(s, x)?;
                        self.push_int(s, y)?;
                        self.call(s, self.shim(Shim::MulOverflows), 2)?;
                        s.i32_wrap_i64();
                        s.end();
                    }
                }
            }
        }
        s.local_set(self.ovf_local());
        Ok(())
    }

    /// Pushes an `i32` that is 1 when `o` is a sign-extended 32-bit value.
    fn push_fits_i32(&self, s: &mut InstructionSink<'_>, o: Operand) -> Result<(), String> {
        if let Some(k) = o.as_int() {
            s.i32_const((k as i32 as i64 == k) as i32);
            return Ok(());
        }
        self.push_int(s, o)?;
        s.i32_wrap_i64().i64_extend_i32_s();
        self.push_int(s, o)?;
        s.i64_eq();
        Ok(())
    }
}
