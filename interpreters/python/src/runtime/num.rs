//! Numbers: ints (i64 fast path, big ints beyond), floats, and the
//! arithmetic between them with Python's semantics and error messages.

use super::*;
use crate::bytecode::BinOp;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

pub fn from_bigint(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::int(i),
        None => alloc(vm().t.int, Kind::BigInt(Box::new(b))),
    }
}

/// The big-int view of an int value (int, bool or big int).
pub fn to_bigint(v: Value) -> Option<BigInt> {
    if let Some(i) = v.as_int() {
        return Some(BigInt::from(i));
    }
    match kind(v)? {
        Kind::BigInt(b) => Some((**b).clone()),
        Kind::Instance(i) if !i.base.is_null() => to_bigint(i.base),
        _ => None,
    }
}

pub fn is_int(v: Value) -> bool {
    v.as_int().is_some() || matches!(kind(v), Some(Kind::BigInt(_)))
}

/// A float view of an int or float (for mixed arithmetic).
pub fn to_f64(v: Value) -> Option<PyResult<f64>> {
    if let Some(f) = v.as_float() {
        return Some(Ok(f));
    }
    if let Some(i) = v.as_int() {
        return Some(Ok(i as f64));
    }
    match kind(v)? {
        Kind::BigInt(b) => Some(bigint_to_f64(b)),
        Kind::Instance(i) if !i.base.is_null() => to_f64(i.base),
        _ => None,
    }
}

pub fn bigint_to_f64(b: &BigInt) -> PyResult<f64> {
    let f = b.to_f64().unwrap_or(f64::INFINITY);
    if f.is_infinite() {
        return Err(overflow_error("int too large to convert to float".into()));
    }
    Ok(f)
}

fn zero_div(msg: &str) -> ObjRef {
    new_exception(vm().t.zero_division_error, msg)
}

pub fn floordiv_i64(a: i64, b: i64) -> i64 {
    let q = a.wrapping_div(b);
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

pub fn mod_i64(a: i64, b: i64) -> i64 {
    let r = a.wrapping_rem(b);
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

/// Int op int. `None` if the op does not apply (never for ints).
pub fn int_op(op: BinOp, a: Value, b: Value) -> PyResult<Value> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        let r = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::FloorDiv => {
                if y == 0 {
                    return Err(zero_div("integer division or modulo by zero"));
                }
                if x == i64::MIN && y == -1 {
                    None
                } else {
                    Some(floordiv_i64(x, y))
                }
            }
            BinOp::Mod => {
                if y == 0 {
                    return Err(zero_div("integer modulo by zero"));
                }
                if y == -1 {
                    Some(0)
                } else {
                    Some(mod_i64(x, y))
                }
            }
            BinOp::TrueDiv => {
                if y == 0 {
                    return Err(zero_div("division by zero"));
                }
                return Ok(Value::float(int_truediv(&BigInt::from(x), &BigInt::from(y))?));
            }
            BinOp::And => Some(x & y),
            BinOp::Or => Some(x | y),
            BinOp::Xor => Some(x ^ y),
            BinOp::LShift => {
                if y < 0 {
                    return Err(value_error("negative shift count".into()));
                }
                if y < 63 && x.unsigned_abs().leading_zeros() as i64 > y + 1 {
                    Some(x << y)
                } else if x == 0 {
                    Some(0)
                } else {
                    None
                }
            }
            BinOp::RShift => {
                if y < 0 {
                    return Err(value_error("negative shift count".into()));
                }
                Some(if y >= 64 { if x < 0 { -1 } else { 0 } } else { x >> y })
            }
            BinOp::Pow => {
                if y < 0 {
                    if x == 0 {
                        return Err(zero_div("0.0 cannot be raised to a negative power"));
                    }
                    return Ok(Value::float((x as f64).powf(y as f64)));
                }
                if y <= u32::MAX as i64 {
                    x.checked_pow(y as u32)
                } else if x == 0 || x == 1 {
                    Some(x)
                } else {
                    None
                }
            }
            BinOp::MatMul => return Err(unsupported(op, a, b)),
        };
        if let Some(r) = r {
            return Ok(Value::int(r));
        }
    }
    let x = to_bigint(a).expect("int");
    let y = to_bigint(b).expect("int");
    big_op(op, &x, &y, a, b)
}

fn big_op(op: BinOp, x: &BigInt, y: &BigInt, a: Value, b: Value) -> PyResult<Value> {
    Ok(match op {
        BinOp::Add => from_bigint(x + y),
        BinOp::Sub => from_bigint(x - y),
        BinOp::Mul => from_bigint(x * y),
        BinOp::FloorDiv => {
            if y.is_zero() {
                return Err(zero_div("integer division or modulo by zero"));
            }
            from_bigint(x.div_floor(y))
        }
        BinOp::Mod => {
            if y.is_zero() {
                return Err(zero_div("integer modulo by zero"));
            }
            from_bigint(x.mod_floor(y))
        }
        BinOp::TrueDiv => {
            if y.is_zero() {
                return Err(zero_div("division by zero"));
            }
            Value::float(int_truediv(x, y)?)
        }
        BinOp::And => from_bigint(x & y),
        BinOp::Or => from_bigint(x | y),
        BinOp::Xor => from_bigint(x ^ y),
        BinOp::LShift => {
            if y.is_negative() {
                return Err(value_error("negative shift count".into()));
            }
            let s = y.to_usize().ok_or_else(|| overflow_error("too many digits in integer".into()))?;
            if s as u64 > 1u64 << 32 {
                return Err(memory_error());
            }
            from_bigint(x << s)
        }
        BinOp::RShift => {
            if y.is_negative() {
                return Err(value_error("negative shift count".into()));
            }
            match y.to_usize() {
                Some(s) => from_bigint(x >> s),
                None => Value::int(if x.is_negative() { -1 } else { 0 }),
            }
        }
        BinOp::Pow => {
            if y.is_negative() {
                let fx = bigint_to_f64(x)?;
                let fy = bigint_to_f64(y)?;
                if fx == 0.0 {
                    return Err(zero_div("0.0 cannot be raised to a negative power"));
                }
                return Ok(Value::float(fx.powf(fy)));
            }
            let e = y.to_u32().ok_or_else(memory_error)?;
            if x.bits() * e as u64 > 1 << 34 {
                return Err(memory_error());
            }
            from_bigint(num_traits::pow(x.clone(), e as usize))
        }
        BinOp::MatMul => return Err(unsupported(op, a, b)),
    })
}

/// Correctly rounded int / int.
fn int_truediv(x: &BigInt, y: &BigInt) -> PyResult<f64> {
    if let (Some(a), Some(b)) = (x.to_i64(), y.to_i64()) {
        if a.unsigned_abs() < (1 << 53) && b.unsigned_abs() < (1 << 53) {
            return Ok(a as f64 / b as f64);
        }
    }
    let fx = x.to_f64().unwrap_or(f64::INFINITY);
    let fy = y.to_f64().unwrap_or(f64::INFINITY);
    if fx.is_finite() && fy.is_finite() {
        return Ok(fx / fy);
    }
    // Scale down both to get a finite quotient.
    let q = x.abs().div_floor(&y.abs());
    let r = q.to_f64().unwrap_or(f64::INFINITY);
    if r.is_infinite() {
        return Err(overflow_error("integer division result too large for a float".into()));
    }
    Ok(if x.is_negative() != y.is_negative() { -r } else { r })
}

pub fn memory_error() -> ObjRef {
    new_exception(vm().t.memory_error, "")
}

/// Python's float divmod: (floor quotient, remainder).
pub fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let fd = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (fd, m)
}

pub fn float_op(op: BinOp, x: f64, y: f64, a: Value, b: Value) -> PyResult<Value> {
    Ok(Value::float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::TrueDiv => {
            if y == 0.0 {
                return Err(zero_div("float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(zero_div("float floor division by zero"));
            }
            float_divmod(x, y).0
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(zero_div("float modulo"));
            }
            float_divmod(x, y).1
        }
        BinOp::Pow => return float_pow(x, y),
        _ => return Err(unsupported(op, a, b)),
    }))
}

pub fn new_complex(re: f64, im: f64) -> Value {
    alloc(vm().t.complex, Kind::Complex(re, im))
}

/// CPython's complex power (c_pow) for a real exponent.
fn complex_pow(re: f64, im: f64, yr: f64, yi: f64) -> (f64, f64) {
    if yr == 0.0 && yi == 0.0 {
        return (1.0, 0.0);
    }
    if re == 0.0 && im == 0.0 {
        return (0.0, 0.0);
    }
    let vabs = re.hypot(im);
    let mut len = vabs.powf(yr);
    let at = im.atan2(re);
    let mut phase = at * yr;
    if yi != 0.0 {
        len /= (at * yi).exp();
        phase += yi * vabs.ln();
    }
    (len * phase.cos(), len * phase.sin())
}

/// Arithmetic where one operand is complex.
pub fn complex_op(op: BinOp, a: Value, b: Value) -> Option<PyResult<Value>> {
    let parts = |v: Value| -> Option<(f64, f64)> {
        match kind(v) {
            Some(Kind::Complex(r, i)) => Some((*r, *i)),
            _ => to_f64(v).and_then(|r| r.ok()).map(|r| (r, 0.0)),
        }
    };
    if !matches!(kind(a), Some(Kind::Complex(..))) && !matches!(kind(b), Some(Kind::Complex(..))) {
        return None;
    }
    let ((ar, ai), (br, bi)) = (parts(a)?, parts(b)?);
    Some(Ok(match op {
        BinOp::Add => new_complex(ar + br, ai + bi),
        BinOp::Sub => new_complex(ar - br, ai - bi),
        BinOp::Mul => new_complex(ar * br - ai * bi, ar * bi + ai * br),
        BinOp::TrueDiv => {
            let d = br * br + bi * bi;
            if d == 0.0 {
                return Some(Err(zero_div("complex division by zero")));
            }
            new_complex((ar * br + ai * bi) / d, (ai * br - ar * bi) / d)
        }
        BinOp::Pow => {
            let (r, i) = complex_pow(ar, ai, br, bi);
            new_complex(r, i)
        }
        _ => return Some(Err(unsupported(op, a, b))),
    }))
}

pub fn float_pow(x: f64, y: f64) -> PyResult<Value> {
    if x == 0.0 && y < 0.0 {
        return Err(zero_div("0.0 cannot be raised to a negative power"));
    }
    if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        // A negative base with a fractional exponent gives a complex result.
        let (r, i) = complex_pow(x, 0.0, y, 0.0);
        return Ok(new_complex(r, i));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(overflow_error("(34, 'Numerical result out of range')".into()));
    }
    Ok(Value::float(r))
}

/// Arithmetic on two numbers (int, bool, float, big int); `None` if either
/// is not a number.
pub fn number_op(op: BinOp, a: Value, b: Value) -> Option<PyResult<Value>> {
    let ai = is_int(a);
    let bi = is_int(b);
    if ai && bi {
        return Some(int_op(op, a, b));
    }
    let af = a.as_float().is_some();
    let bf = b.as_float().is_some();
    if (af || ai) && (bf || bi) {
        if matches!(op, BinOp::And | BinOp::Or | BinOp::Xor | BinOp::LShift | BinOp::RShift | BinOp::MatMul) {
            return Some(Err(unsupported(op, a, b)));
        }
        let x = match to_f64(a)? {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        let y = match to_f64(b)? {
            Ok(y) => y,
            Err(e) => return Some(Err(e)),
        };
        return Some(float_op(op, x, y, a, b));
    }
    None
}

pub fn unsupported(op: BinOp, a: Value, b: Value) -> ObjRef {
    let sym = if op == BinOp::Pow { "** or pow()" } else { op.symbol() };
    type_error(format!("unsupported operand type(s) for {}: '{}' and '{}'", sym, type_name(a), type_name(b)))
}

/// Compares an int with a float exactly.
pub fn cmp_int_float(i: &BigInt, f: f64) -> Option<std::cmp::Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { std::cmp::Ordering::Less } else { std::cmp::Ordering::Greater });
    }
    let fl = f.floor();
    let fi = BigInt::from(fl as i128);
    let fi = if fl.abs() < 1e38 { fi } else { num_bigint::BigInt::from_biguint(if fl < 0.0 { num_bigint::Sign::Minus } else { num_bigint::Sign::Plus }, num_bigint::BigUint::from(fl.abs() as u128)) };
    match i.cmp(&fi) {
        std::cmp::Ordering::Equal => {
            if f > fl {
                Some(std::cmp::Ordering::Less)
            } else {
                Some(std::cmp::Ordering::Equal)
            }
        }
        o => Some(o),
    }
}

/// Ordering of two numbers, `None` for NaN or non-numbers.
pub fn num_cmp(a: Value, b: Value) -> Option<Option<std::cmp::Ordering>> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Some(Some(x.cmp(&y)));
    }
    if let (Some(x), Some(y)) = (a.as_float(), b.as_float()) {
        return Some(x.partial_cmp(&y));
    }
    let ai = is_int(a);
    let bi = is_int(b);
    if ai && bi {
        return Some(Some(to_bigint(a)?.cmp(&to_bigint(b)?)));
    }
    if ai && b.as_float().is_some() {
        return Some(cmp_int_float(&to_bigint(a)?, b.f()));
    }
    if a.as_float().is_some() && bi {
        return Some(cmp_int_float(&to_bigint(b)?, a.f()).map(|o| o.reverse()));
    }
    None
}

pub fn int_neg(v: Value) -> Value {
    match v.as_int() {
        Some(i) if i != i64::MIN => Value::int(-i),
        _ => from_bigint(-to_bigint(v).unwrap_or_default()),
    }
}

pub fn int_is_zero(v: Value) -> bool {
    match v.as_int() {
        Some(i) => i == 0,
        None => to_bigint(v).map(|b| b.is_zero()).unwrap_or(false),
    }
}

pub fn bigint_one() -> BigInt {
    BigInt::one()
}

/// `round(x)` for floats: half to even, returns an int value.
pub fn float_to_int(f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(value_error("cannot convert float NaN to integer".into()));
    }
    if f.is_infinite() {
        return Err(overflow_error("cannot convert float infinity to integer".into()));
    }
    if f.abs() < 9.0e18 {
        return Ok(Value::int(f as i64));
    }
    Ok(from_bigint(bigint_from_f64(f)))
}

pub fn bigint_from_f64(f: f64) -> BigInt {
    let (m, e) = super::hash::frexp(f);
    // m in [0.5, 1): m * 2^53 is an integer.
    let mant = (m * (1u64 << 53) as f64) as i64;
    let b = BigInt::from(mant);
    let shift = e - 53;
    if shift >= 0 {
        b << shift as usize
    } else {
        b >> (-shift) as usize
    }
}
