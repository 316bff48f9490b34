//! Arithmetic, comparison and iteration handlers with their inline fast
//! paths (small ints and floats stay in registers in traces); everything
//! else is a residual call into `runtime::ops`.

use super::eval::{Step, V, W};
use super::frame::Frame;
use super::residuals::*;
use crate::bytecode::{BinOp, CmpOp, Code, UnOp};
use crate::object::{IterKind, Kind};
use crate::runtime::num;
use crate::value::*;
use kiln::Mode;

#[inline(always)]
fn tag<M: Mode>(m: &mut M, t: u64) -> W<M> {
    m.int(t as i64)
}

fn floordiv(a: i64, b: i64) -> i64 {
    num::floordiv_i64(a, b)
}
kiln::residual!(fn r_floordiv = floordiv(a: i64, b: i64) -> i64; ELIDABLE);

fn modulo(a: i64, b: i64) -> i64 {
    num::mod_i64(a, b)
}
kiln::residual!(fn r_mod = modulo(a: i64, b: i64) -> i64; ELIDABLE);

fn float_floor_divmod(a: f64, b: f64, which: i64) -> f64 {
    let (q, r) = num::float_divmod(a, b);
    if which == 0 {
        q
    } else {
        r
    }
}
kiln::residual!(fn r_float_divmod = float_floor_divmod(a: f64, b: f64, which: i64) -> f64; ELIDABLE);

pub fn binary<M: Mode>(m: &mut M, op: BinOp, a: V<M>, b: V<M>, inplace: bool) -> Result<V<M>, W<M>> {
    let ta = m.promote_int(a.0) as u64;
    let tb = m.promote_int(b.0) as u64;
    if ta == T_INT && tb == T_INT {
        let r = match op {
            BinOp::Add => m.int_add_ovf(a.1, b.1),
            BinOp::Sub => m.int_sub_ovf(a.1, b.1),
            BinOp::Mul => m.int_mul_ovf(a.1, b.1),
            BinOp::And => Some(m.int_and(a.1, b.1)),
            BinOp::Or => Some(m.int_or(a.1, b.1)),
            BinOp::Xor => Some(m.int_xor(a.1, b.1)),
            BinOp::FloorDiv | BinOp::Mod => {
                let z = m.int_is_zero(b.1);
                let minus1 = m.int(-1);
                let is_m1 = m.int_eq(b.1, minus1);
                let bad = m.int_or(z, is_m1);
                if !m.cond(bad) {
                    // With a positive divisor and a non-negative dividend,
                    // floor division and modulo are the machine's.
                    let zero = m.int(0);
                    let pos = m.int_gt(b.1, zero);
                    let plain = m.cond(pos) && {
                        let nonneg = m.int_ge(a.1, zero);
                        m.cond(nonneg)
                    };
                    Some(match (plain, op == BinOp::FloorDiv) {
                        (true, true) => m.int_div(a.1, b.1),
                        (true, false) => m.int_mod(a.1, b.1),
                        (false, true) => r_floordiv(m, a.1, b.1),
                        (false, false) => r_mod(m, a.1, b.1),
                    })
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(r) = r {
            return Ok((tag(m, T_INT), r));
        }
    } else if (ta == T_FLOAT || ta == T_INT) && (tb == T_FLOAT || tb == T_INT) && matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::TrueDiv | BinOp::FloorDiv | BinOp::Mod) {
        let x = if ta == T_FLOAT { m.bits_to_float(a.1) } else { m.int_to_float(a.1) };
        let y = if tb == T_FLOAT { m.bits_to_float(b.1) } else { m.int_to_float(b.1) };
        let r = match op {
            BinOp::Add => Some(m.float_add(x, y)),
            BinOp::Sub => Some(m.float_sub(x, y)),
            BinOp::Mul => Some(m.float_mul(x, y)),
            _ => {
                let z = m.float(0.0);
                let nz = m.float_ne(y, z);
                if m.cond(nz) {
                    Some(match op {
                        BinOp::TrueDiv => m.float_truediv(x, y),
                        BinOp::FloorDiv => {
                            let w = m.int(0);
                            r_float_divmod(m, x, y, w)
                        }
                        _ => {
                            let w = m.int(1);
                            r_float_divmod(m, x, y, w)
                        }
                    })
                } else {
                    None
                }
            }
        };
        if let Some(r) = r {
            let bits = m.float_to_bits(r);
            return Ok((tag(m, T_FLOAT), bits));
        }
    }
    let opn = m.int(op as i64);
    let p = if inplace { rc!(m, r_inplace, r_inplace_nr, opn, a.0, a.1, b.0, b.1) } else { rc!(m, r_binop, r_binop_nr, opn, a.0, a.1, b.0, b.1) };
    let t = r_ret_tag(m);
    Ok((t, p))
}

pub fn compare<M: Mode>(m: &mut M, op: CmpOp, a: V<M>, b: V<M>) -> Result<V<M>, W<M>> {
    let ta = m.promote_int(a.0) as u64;
    let tb = m.promote_int(b.0) as u64;
    if ta == T_INT && tb == T_INT {
        let r = match op {
            CmpOp::Lt => m.int_lt(a.1, b.1),
            CmpOp::Le => m.int_le(a.1, b.1),
            CmpOp::Eq => m.int_eq(a.1, b.1),
            CmpOp::Ne => m.int_ne(a.1, b.1),
            CmpOp::Gt => m.int_gt(a.1, b.1),
            CmpOp::Ge => m.int_ge(a.1, b.1),
        };
        return Ok((tag(m, T_BOOL), r));
    }
    if ta == T_FLOAT && tb == T_FLOAT {
        let x = m.bits_to_float(a.1);
        let y = m.bits_to_float(b.1);
        let r = match op {
            CmpOp::Lt => m.float_lt(x, y),
            CmpOp::Le => m.float_le(x, y),
            CmpOp::Eq => m.float_eq(x, y),
            CmpOp::Ne => m.float_ne(x, y),
            CmpOp::Gt => m.float_gt(x, y),
            CmpOp::Ge => m.float_ge(x, y),
        };
        return Ok((tag(m, T_BOOL), r));
    }
    if !M::RECORDING && ta == T_OBJ && tb == T_OBJ {
        // Strings compare without the residual-call detour (identity
        // first: one-character strings are shared).
        let (x, y) = (ObjRef(m.peek_int(a.1) as usize), ObjRef(m.peek_int(b.1) as usize));
        let str_ = crate::runtime::vm().t.str_;
        if let (Kind::Str(xs), Kind::Str(ys), true) = (&x.get().kind, &y.get().kind, x.get().class == str_ && y.get().class == str_) {
            let same = x == y;
            let r = match op {
                CmpOp::Eq => same || xs.s == ys.s,
                CmpOp::Ne => !same && xs.s != ys.s,
                _ => op.test(&*xs.s, &*ys.s),
            };
            return Ok((tag(m, T_BOOL), m.int(r as i64)));
        }
    }
    if M::RECORDING && ta == T_OBJ && tb == T_OBJ {
        // Two exact strings: an elidable comparison (folded when both are
        // constants), its result a bool.
        let str_ = crate::runtime::vm().t.str_;
        let (ra, rb) = (m.int_to_ref(a.1), m.int_to_ref(b.1));
        let (ca, cb) = (m.getfield_r(ra, &crate::object::CLASS_FIELD), m.getfield_r(rb, &crate::object::CLASS_FIELD));
        let (ca, cb) = (m.promote_ref(ca), m.promote_ref(cb));
        if ca == str_.0 && cb == str_.0 {
            let opn = m.int(op as i64);
            let r = r_str_compare(m, opn, ra, rb);
            return Ok((tag(m, T_BOOL), r));
        }
    }
    let opn = m.int(op as i64);
    let p = rc!(m, r_compare, r_compare_nr, opn, a.0, a.1, b.0, b.1);
    let t = r_ret_tag(m);
    Ok((t, p))
}

fn str_compare(op: i64, a: ObjRef, b: ObjRef) -> bool {
    let (Kind::Str(x), Kind::Str(y)) = (&a.get().kind, &b.get().kind) else { return false };
    let same = a == b;
    match CmpOp::from_u8(op as u8) {
        CmpOp::Eq => same || x.s == y.s,
        CmpOp::Ne => !same && x.s != y.s,
        op => op.test(&*x.s, &*y.s),
    }
}
kiln::residual!(fn r_str_compare = str_compare(op: i64, a: ObjRef, b: ObjRef) -> bool; ELIDABLE);

pub fn unary<M: Mode>(m: &mut M, op: UnOp, a: V<M>) -> Result<V<M>, W<M>> {
    let ta = m.promote_int(a.0) as u64;
    match (op, ta) {
        (UnOp::Neg, T_INT) => {
            let z = m.int(0);
            if let Some(r) = m.int_sub_ovf(z, a.1) {
                return Ok((tag(m, T_INT), r));
            }
        }
        (UnOp::Neg, T_FLOAT) => {
            let x = m.bits_to_float(a.1);
            let r = m.float_neg(x);
            let bits = m.float_to_bits(r);
            return Ok((tag(m, T_FLOAT), bits));
        }
        (UnOp::Not, T_BOOL | T_INT) => {
            let r = m.int_is_zero(a.1);
            return Ok((tag(m, T_BOOL), r));
        }
        (UnOp::Not, T_NONE) => {
            let one = m.int(1);
            return Ok((tag(m, T_BOOL), one));
        }
        (UnOp::Invert, T_INT) => {
            let r = m.int_invert(a.1);
            return Ok((tag(m, T_INT), r));
        }
        _ => {}
    }
    let opn = m.int(super::eval::unop_index(op) as i64);
    let p = rc!(m, r_unary, r_unary_nr, opn, a.0, a.1);
    let t = r_ret_tag(m);
    Ok((t, p))
}

/// FOR_ITER: pushes the next value (or NULL) for the following check
/// instruction; iterators the concrete interpreter knows are stepped inline.
/// One step of a range or list iterator (`Some(None)`: exhausted), or
/// `None` for any other iterator.
fn step_simple_iter(it: Value) -> Option<Option<Value>> {
    let Some(Kind::Iter(k)) = crate::runtime::kind(it) else { return None };
    match &mut **k {
        IterKind::Range { next: n, stop, step } => {
            if (*step > 0 && *n < *stop) || (*step < 0 && *n > *stop) {
                let v = *n;
                *n = n.saturating_add(*step);
                Some(Some(Value::int(v)))
            } else {
                Some(None)
            }
        }
        IterKind::Seq { seq, index } => {
            let Some(Kind::List(l)) = crate::runtime::kind(*seq) else { return None };
            if *index < l.len() {
                *index += 1;
                Some(Some(l[*index - 1]))
            } else {
                *index = usize::MAX / 2;
                Some(None)
            }
        }
        _ => None,
    }
}

pub fn for_iter<M: Mode>(m: &mut M, f: &mut Frame, code: &Code, top: usize, target: usize, next: usize) -> Result<Option<Step>, W<M>> {
    if !M::RECORDING {
        let it = f.get(top - 1);
        if let Some(Kind::Iter(k)) = crate::runtime::kind(it) {
            match &mut **k {
                IterKind::Range { next: n, stop, step } => {
                    if (*step > 0 && *n < *stop) || (*step < 0 && *n > *stop) {
                        let v = *n;
                        *n = n.saturating_add(*step);
                        f.set(top, Value::int(v));
                        f.pc = next + 1;
                    } else {
                        f.pc = target;
                    }
                    return Ok(None);
                }
                IterKind::Seq { seq, index } => {
                    if let Some(Kind::List(l)) = crate::runtime::kind(*seq) {
                        if *index < l.len() {
                            f.set(top, l[*index]);
                            *index += 1;
                            f.pc = next + 1;
                        } else {
                            *index = usize::MAX / 2;
                            f.pc = target;
                        }
                        return Ok(None);
                    }
                }
                IterKind::Enumerate { it: inner, count } => {
                    // `for i, x in enumerate(list_or_range)`: the pair goes
                    // straight to the stack, unpacked (no tuple).
                    let unpacks = matches!(code.instrs.get(next + 1), Some(crate::bytecode::Instr::UnpackSequence(2)));
                    if let (true, Some(c)) = (unpacks, count.as_int().filter(|c| *c < i64::MAX)) {
                        if let Some(step) = step_simple_iter(*inner) {
                            match step {
                                Some(x) => {
                                    *count = Value::int(c + 1);
                                    f.set(top, x);
                                    f.set(top + 1, Value::int(c));
                                    f.pc = next + 2;
                                }
                                None => f.pc = target,
                            }
                            return Ok(None);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let it = (m.slot(&f.slots, 2 * (top - 1)), m.slot(&f.slots, 2 * (top - 1) + 1));
    if M::RECORDING && super::iterate::for_iter(m, f, code, it, top, target, next) {
        return Ok(None);
    }
    let p = rc!(m, r_for_iter, r_for_iter_nr, it.1);
    let t = r_ret_tag(m);
    m.set_slot(&mut f.slots, 2 * top, t);
    m.set_slot(&mut f.slots, 2 * top + 1, p);
    f.pc = next;
    Ok(None)
}
