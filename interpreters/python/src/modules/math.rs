//! The `math` module (libm results, CPython's error messages).

use super::*;
use crate::builtins::{nargs, to_index};
use crate::runtime::{iter, num, ops};
use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};

fn f(v: Value) -> PyResult<f64> {
    match num::to_f64(ops::unwrap_base(v)) {
        Some(r) => r,
        None => {
            if let Some(func) = ops::user_dunder(v, "__float__") {
                let r = ops::call_dunder(func, v, &[])?;
                return f(r);
            }
            Err(rt::type_error(format!("must be real number, not {}", rt::type_name(v))))
        }
    }
}

fn domain() -> ObjRef {
    rt::value_error("math domain error".into())
}

fn range_err() -> ObjRef {
    rt::overflow_error("math range error".into())
}

fn check(x: f64, r: f64) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(range_err());
    }
    Ok(Value::float(r))
}

fn unary(a: &[Value], name: &str, op: fn(f64) -> f64) -> PyResult<Value> {
    nargs(name, a, 1, 1).map_err(|_| rt::type_error(format!("math.{name}() takes exactly one argument ({} given)", a.len())))?;
    let x = f(a[0])?;
    check(x, op(x))
}

fn to_int_result(x: f64) -> PyResult<Value> {
    num::float_to_int(x)
}

/// CPython's loghelper: big ints go through frexp so huge values work and
/// log2(2**n) is exact.
fn loghelper(v: Value, func: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(Kind::BigInt(b)) = rt::kind(ops::unwrap_base(v)) {
        if !b.is_positive() {
            return Err(domain());
        }
        let bits = b.bits() as i64;
        let shift = (bits - 54).max(0);
        let top = (&**b >> shift as usize).to_f64().unwrap_or(1.0);
        // x in [0.5, 1) with v = x * 2**e.
        let (m, e2) = crate::runtime::hash::frexp(top);
        let e = e2 as i64 + shift;
        return Ok(func(m) + func(2.0) * e as f64);
    }
    let x = f(v)?;
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(func(x))
}

fn int_arg(v: Value) -> PyResult<BigInt> {
    if v.as_float().is_some() {
        return Err(rt::type_error("'float' object cannot be interpreted as an integer".into()));
    }
    num::to_bigint(ops::unwrap_base(v)).ok_or_else(|| rt::type_error(format!("'{}' object cannot be interpreted as an integer", rt::type_name(v))))
}

fn isqrt(n: &BigInt) -> BigInt {
    if n.is_zero() {
        return BigInt::zero();
    }
    let mut x = BigInt::one() << ((n.bits() as usize).div_ceil(2));
    loop {
        let y = (&x + n / &x) >> 1;
        if y >= x {
            return x;
        }
        x = y;
    }
}

fn fsum(items: Vec<f64>) -> PyResult<f64> {
    // Shewchuk's exact summation, as CPython's math.fsum.
    let mut partials: Vec<f64> = vec![];
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    for mut x in items {
        if !x.is_finite() {
            if x.is_infinite() {
                inf_sum += x;
            }
            special += x;
            continue;
        }
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return Err(rt::value_error("-inf + inf in fsum".into()));
        }
        return Ok(special);
    }
    let mut hi = 0.0;
    let mut n = partials.len();
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

pub fn init() -> Value {
    let (m, d) = new_module("math");
    add_value(d, "pi", Value::float(std::f64::consts::PI));
    add_value(d, "e", Value::float(std::f64::consts::E));
    add_value(d, "tau", Value::float(std::f64::consts::TAU));
    add_value(d, "inf", Value::float(f64::INFINITY));
    add_value(d, "nan", Value::float(f64::NAN));
    add_fn(d, "sqrt", "math", |a, _| unary(a, "sqrt", f64::sqrt));
    add_fn(d, "exp", "math", |a, _| unary(a, "exp", f64::exp));
    add_fn(d, "expm1", "math", |a, _| unary(a, "expm1", f64::exp_m1));
    add_fn(d, "sin", "math", |a, _| unary(a, "sin", f64::sin));
    add_fn(d, "cos", "math", |a, _| unary(a, "cos", f64::cos));
    add_fn(d, "tan", "math", |a, _| unary(a, "tan", f64::tan));
    add_fn(d, "asin", "math", |a, _| unary(a, "asin", f64::asin));
    add_fn(d, "acos", "math", |a, _| unary(a, "acos", f64::acos));
    add_fn(d, "atan", "math", |a, _| unary(a, "atan", f64::atan));
    add_fn(d, "sinh", "math", |a, _| unary(a, "sinh", f64::sinh));
    add_fn(d, "cosh", "math", |a, _| unary(a, "cosh", f64::cosh));
    add_fn(d, "tanh", "math", |a, _| unary(a, "tanh", f64::tanh));
    add_fn(d, "asinh", "math", |a, _| unary(a, "asinh", f64::asinh));
    add_fn(d, "acosh", "math", |a, _| unary(a, "acosh", f64::acosh));
    add_fn(d, "atanh", "math", |a, _| unary(a, "atanh", f64::atanh));
    add_fn(d, "fabs", "math", |a, _| unary(a, "fabs", f64::abs));
    add_fn(d, "erf", "math", |a, _| unary(a, "erf", libm::erf));
    add_fn(d, "erfc", "math", |a, _| unary(a, "erfc", libm::erfc));
    add_fn(d, "gamma", "math", |a, _| {
        let x = f(a[0])?;
        if x <= 0.0 && x.fract() == 0.0 {
            return Err(domain());
        }
        check(x, libm::tgamma(x))
    });
    add_fn(d, "lgamma", "math", |a, _| unary(a, "lgamma", libm::lgamma));
    add_fn(d, "log1p", "math", |a, _| {
        let x = f(a[0])?;
        if x <= -1.0 {
            return Err(domain());
        }
        Ok(Value::float(x.ln_1p()))
    });
    add_fn(d, "degrees", "math", |a, _| Ok(Value::float(f(a[0])?.to_degrees())));
    add_fn(d, "radians", "math", |a, _| Ok(Value::float(f(a[0])?.to_radians())));
    add_fn(d, "log", "math", |a, _| {
        nargs("log", a, 1, 2)?;
        let x = loghelper(a[0], f64::ln)?;
        match a.get(1) {
            Some(b) => {
                let lb = loghelper(*b, f64::ln)?;
                if lb == 0.0 {
                    return Err(rt::zero_division("float division by zero"));
                }
                Ok(Value::float(x / lb))
            }
            None => Ok(Value::float(x)),
        }
    });
    add_fn(d, "log2", "math", |a, _| Ok(Value::float(loghelper(a[0], f64::log2)?)));
    add_fn(d, "log10", "math", |a, _| Ok(Value::float(loghelper(a[0], f64::log10)?)));
    add_fn(d, "pow", "math", |a, _| {
        nargs("pow", a, 2, 2)?;
        let (x, y) = (f(a[0])?, f(a[1])?);
        if x == 0.0 && y < 0.0 {
            return Err(domain());
        }
        if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
            return Err(domain());
        }
        let r = x.powf(y);
        if r.is_infinite() && x.is_finite() && y.is_finite() {
            return Err(range_err());
        }
        Ok(Value::float(r))
    });
    add_fn(d, "atan2", "math", |a, _| Ok(Value::float(f(a[0])?.atan2(f(a[1])?))));
    add_fn(d, "fmod", "math", |a, _| {
        let (x, y) = (f(a[0])?, f(a[1])?);
        if y == 0.0 && !x.is_nan() || x.is_infinite() {
            return Err(domain());
        }
        Ok(Value::float(x % y))
    });
    add_fn(d, "remainder", "math", |a, _| {
        let (x, y) = (f(a[0])?, f(a[1])?);
        if y == 0.0 || x.is_infinite() {
            return Err(domain());
        }
        Ok(Value::float(libm::remainder(x, y)))
    });
    add_fn(d, "copysign", "math", |a, _| Ok(Value::float(f(a[0])?.copysign(f(a[1])?))));
    add_fn(d, "ldexp", "math", |a, _| {
        let r = libm::ldexp(f(a[0])?, to_index(a[1], "")? as i32);
        if r.is_infinite() {
            return Err(range_err());
        }
        Ok(Value::float(r))
    });
    add_fn(d, "frexp", "math", |a, _| {
        let (m, e) = crate::runtime::hash::frexp(f(a[0])?);
        Ok(rt::new_tuple(vec![Value::float(m), Value::int(e as i64)]))
    });
    add_fn(d, "modf", "math", |a, _| {
        let x = f(a[0])?;
        let i = x.trunc();
        let fr = if x.is_infinite() { 0.0f64.copysign(x) } else { x - i };
        Ok(rt::new_tuple(vec![Value::float(fr.copysign(x)), Value::float(i)]))
    });
    add_fn(d, "isnan", "math", |a, _| Ok(Value::bool(f(a[0])?.is_nan())));
    add_fn(d, "isinf", "math", |a, _| Ok(Value::bool(f(a[0])?.is_infinite())));
    add_fn(d, "isfinite", "math", |a, _| Ok(Value::bool(f(a[0])?.is_finite())));
    add_fn(d, "isclose", "math", |a, k| {
        let (x, y) = (f(a[0])?, f(a[1])?);
        let rel = crate::builtins::kwarg(k, "rel_tol").map(f).transpose()?.unwrap_or(1e-9);
        let abs_t = crate::builtins::kwarg(k, "abs_tol").map(f).transpose()?.unwrap_or(0.0);
        if rel < 0.0 || abs_t < 0.0 {
            return Err(rt::value_error("tolerances must be non-negative".into()));
        }
        if x == y {
            return Ok(Value::TRUE);
        }
        if x.is_infinite() || y.is_infinite() {
            return Ok(Value::FALSE);
        }
        let diff = (x - y).abs();
        Ok(Value::bool(diff <= (rel * y).abs() || diff <= (rel * x).abs() || diff <= abs_t))
    });
    add_fn(d, "floor", "math", |a, _| {
        if num::is_int(ops::unwrap_base(a[0])) {
            return Ok(num::from_bigint(num::to_bigint(ops::unwrap_base(a[0])).unwrap_or_default()));
        }
        if let Some(func) = ops::user_dunder(a[0], "__floor__") {
            return ops::call_dunder(func, a[0], &[]);
        }
        to_int_result(f(a[0])?.floor())
    });
    add_fn(d, "ceil", "math", |a, _| {
        if num::is_int(ops::unwrap_base(a[0])) {
            return Ok(num::from_bigint(num::to_bigint(ops::unwrap_base(a[0])).unwrap_or_default()));
        }
        if let Some(func) = ops::user_dunder(a[0], "__ceil__") {
            return ops::call_dunder(func, a[0], &[]);
        }
        to_int_result(f(a[0])?.ceil())
    });
    add_fn(d, "trunc", "math", |a, _| {
        if num::is_int(ops::unwrap_base(a[0])) {
            return Ok(num::from_bigint(num::to_bigint(ops::unwrap_base(a[0])).unwrap_or_default()));
        }
        to_int_result(f(a[0])?.trunc())
    });
    add_fn(d, "factorial", "math", |a, _| {
        let n = int_arg(a[0])?;
        if n.is_negative() {
            return Err(rt::value_error("factorial() not defined for negative values".into()));
        }
        let n = n.to_u64().ok_or_else(|| rt::overflow_error("factorial() argument should not exceed 9223372036854775807".into()))?;
        let mut r = BigInt::one();
        for i in 2..=n {
            r *= i;
        }
        Ok(num::from_bigint(r))
    });
    add_fn(d, "gcd", "math", |a, _| {
        use num_integer::Integer;
        let mut g = BigInt::zero();
        for v in a {
            g = g.gcd(&int_arg(*v)?);
        }
        Ok(num::from_bigint(g))
    });
    add_fn(d, "lcm", "math", |a, _| {
        use num_integer::Integer;
        let mut l = BigInt::one();
        for v in a {
            let x = int_arg(*v)?;
            if x.is_zero() {
                return Ok(Value::int(0));
            }
            l = l.lcm(&x);
        }
        Ok(num::from_bigint(l.abs()))
    });
    add_fn(d, "isqrt", "math", |a, _| {
        let n = int_arg(a[0])?;
        if n.is_negative() {
            return Err(rt::value_error("isqrt() argument must be nonnegative".into()));
        }
        Ok(num::from_bigint(isqrt(&n)))
    });
    add_fn(d, "comb", "math", |a, _| {
        let n = int_arg(a[0])?;
        let k = int_arg(a[1])?;
        if n.is_negative() {
            return Err(rt::value_error("n must be a non-negative integer".into()));
        }
        if k.is_negative() {
            return Err(rt::value_error("k must be a non-negative integer".into()));
        }
        if k > n {
            return Ok(Value::int(0));
        }
        let k = std::cmp::min(k.clone(), &n - &k).to_u64().unwrap_or(0);
        let mut r = BigInt::one();
        for i in 0..k {
            r = r * (&n - i) / (i + 1);
        }
        Ok(num::from_bigint(r))
    });
    add_fn(d, "perm", "math", |a, _| {
        let n = int_arg(a[0])?;
        let k = match a.get(1) {
            Some(v) if !v.is_none() => int_arg(*v)?,
            _ => n.clone(),
        };
        if n.is_negative() {
            return Err(rt::value_error("n must be a non-negative integer".into()));
        }
        if k.is_negative() {
            return Err(rt::value_error("k must be a non-negative integer".into()));
        }
        if k > n {
            return Ok(Value::int(0));
        }
        let k = k.to_u64().unwrap_or(0);
        let mut r = BigInt::one();
        for i in 0..k {
            r *= &n - i;
        }
        Ok(num::from_bigint(r))
    });
    add_fn(d, "prod", "math", |a, k| {
        let mut acc = crate::builtins::kwarg(k, "start").unwrap_or(Value::int(1));
        for x in iter::collect(a[0])? {
            acc = ops::binary_op(crate::bytecode::BinOp::Mul, acc, x)?;
        }
        Ok(acc)
    });
    add_fn(d, "fsum", "math", |a, _| {
        let items = iter::collect(a[0])?.into_iter().map(f).collect::<PyResult<Vec<_>>>()?;
        Ok(Value::float(fsum(items)?))
    });
    add_fn(d, "hypot", "math", |a, _| {
        let xs = a.iter().map(|v| f(*v)).collect::<PyResult<Vec<_>>>()?;
        if xs.iter().any(|x| x.is_infinite()) {
            return Ok(Value::float(f64::INFINITY));
        }
        let mx = xs.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        if mx == 0.0 || xs.len() <= 2 {
            return Ok(Value::float(match xs.len() {
                0 => 0.0,
                1 => xs[0].abs(),
                _ => xs[0].hypot(xs[1]),
            }));
        }
        let s: f64 = xs.iter().map(|x| (x / mx) * (x / mx)).sum();
        Ok(Value::float(mx * s.sqrt()))
    });
    add_fn(d, "dist", "math", |a, _| {
        let p = iter::collect(a[0])?;
        let q = iter::collect(a[1])?;
        if p.len() != q.len() {
            return Err(rt::value_error("both points must have the same number of dimensions".into()));
        }
        let mut s = 0.0;
        let mut diffs = vec![];
        for (x, y) in p.iter().zip(q.iter()) {
            diffs.push(f(*x)? - f(*y)?);
        }
        if diffs.len() == 2 {
            return Ok(Value::float(diffs[0].hypot(diffs[1])));
        }
        for d in diffs {
            s += d * d;
        }
        Ok(Value::float(s.sqrt()))
    });
    m
}
