//! The built-in functions (print, len, sorted, min/max, isinstance, ...).

use super::*;
use crate::bytecode::{BinOp, CmpOp};
use crate::object::IterKind;
use crate::runtime::{format, hash, num, repr, set::Set};
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

pub fn register() {
    func("print", print);
    func("len", len);
    func("repr", |a, k| {
        no_kwargs("repr", k)?;
        nargs("repr", a, 1, 1)?;
        Ok(rt::new_string(repr::repr(a[0])?))
    });
    func("ascii", |a, _| {
        nargs("ascii", a, 1, 1)?;
        Ok(rt::new_string(repr::ascii(a[0])?))
    });
    func("abs", abs);
    func("all", |a, _| {
        nargs("all", a, 1, 1)?;
        let it = iter::get_iter(a[0])?;
        while let Some(x) = iter::next(it)? {
            if !ops::truth(x)? {
                return Ok(Value::FALSE);
            }
        }
        Ok(Value::TRUE)
    });
    func("any", |a, _| {
        nargs("any", a, 1, 1)?;
        let it = iter::get_iter(a[0])?;
        while let Some(x) = iter::next(it)? {
            if ops::truth(x)? {
                return Ok(Value::TRUE);
            }
        }
        Ok(Value::FALSE)
    });
    func("bin", |a, _| radix(a, 2, "0b", "bin"));
    func("oct", |a, _| radix(a, 8, "0o", "oct"));
    func("hex", |a, _| radix(a, 16, "0x", "hex"));
    func("callable", |a, _| {
        nargs("callable", a, 1, 1)?;
        Ok(Value::bool(is_callable(a[0])))
    });
    func("chr", |a, _| {
        nargs("chr", a, 1, 1)?;
        let i = to_index(a[0], "")?;
        match u32::try_from(i).ok().and_then(char::from_u32) {
            Some(c) => Ok(rt::new_string(c.to_string())),
            None => Err(rt::value_error("chr() arg not in range(0x110000)".into())),
        }
    });
    func("ord", |a, _| {
        nargs("ord", a, 1, 1)?;
        if let Some(s) = rt::as_str(a[0]) {
            if s.chars != 1 {
                return Err(rt::type_error(format!("ord() expected a character, but string of length {} found", s.chars)));
            }
            return Ok(Value::int(s.s.chars().next().map(|c| c as i64).unwrap_or(0)));
        }
        if let Some(b) = bytes_like(a[0]) {
            if b.len() != 1 {
                return Err(rt::type_error(format!("ord() expected a character, but string of length {} found", b.len())));
            }
            return Ok(Value::int(b[0] as i64));
        }
        Err(rt::type_error(format!("ord() expected string of length 1, but {} found", rt::type_name(a[0]))))
    });
    func("divmod", |a, _| {
        nargs("divmod", a, 2, 2)?;
        divmod(a[0], a[1])
    });
    func("pow", pow);
    func("round", round);
    func("sum", sum);
    func("min", |a, k| minmax(a, k, true));
    func("max", |a, k| minmax(a, k, false));
    func("sorted", sorted);
    func("isinstance", |a, _| {
        nargs("isinstance", a, 2, 2)?;
        Ok(Value::bool(isinstance(a[0], a[1])?))
    });
    func("issubclass", |a, _| {
        nargs("issubclass", a, 2, 2)?;
        if !types::is_type(a[0]) {
            return Err(rt::type_error("issubclass() arg 1 must be a class".into()));
        }
        Ok(Value::bool(issubclass(a[0].objref(), a[1])?))
    });
    func("getattr", |a, _| {
        nargs("getattr", a, 2, 3)?;
        let name = attr_name(a[1], "getattr")?;
        match attr::getattr_opt(a[0], name) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => match a.get(2) {
                Some(d) => Ok(*d),
                None => Err(attr::no_attribute(a[0], name)),
            },
            Err(e) if a.len() == 3 && types::isinstance(e.val(), vm().t.attribute_error) => Ok(a[2]),
            Err(e) => Err(e),
        }
    });
    func("hasattr", |a, _| {
        nargs("hasattr", a, 2, 2)?;
        let name = attr_name(a[1], "hasattr")?;
        match attr::getattr_opt(a[0], name) {
            Ok(v) => Ok(Value::bool(v.is_some())),
            Err(e) if types::isinstance(e.val(), vm().t.attribute_error) => Ok(Value::FALSE),
            Err(e) => Err(e),
        }
    });
    func("setattr", |a, _| {
        nargs("setattr", a, 3, 3)?;
        let name = attr_name(a[1], "setattr")?;
        attr::setattr(a[0], name, a[2])?;
        Ok(Value::NONE)
    });
    func("delattr", |a, _| {
        nargs("delattr", a, 2, 2)?;
        let name = attr_name(a[1], "delattr")?;
        attr::delattr(a[0], name)?;
        Ok(Value::NONE)
    });
    func("hash", |a, _| {
        nargs("hash", a, 1, 1)?;
        Ok(Value::int(hash::hash_value(a[0])?))
    });
    func("id", |a, _| {
        nargs("id", a, 1, 1)?;
        Ok(Value::int(if a[0].is_obj() { a[0].payload as i64 } else { (a[0].payload ^ (a[0].tag << 60)) as i64 & i64::MAX }))
    });
    func("iter", |a, _| {
        nargs("iter", a, 1, 2)?;
        if a.len() == 2 {
            return Ok(iter::new_iter(IterKind::Callable { func: a[0], sentinel: a[1] }));
        }
        iter::get_iter(a[0])
    });
    func("next", |a, _| {
        nargs("next", a, 1, 2)?;
        if !iter::is_iterator(a[0]) {
            return Err(rt::type_error(format!("'{}' object is not an iterator", rt::type_name(a[0]))));
        }
        if let Some(Kind::Generator(_)) = rt::kind(a[0]) {
            return match crate::interp::gen_resume(a[0].objref(), Value::NONE, None)? {
                crate::interp::GenStep::Yielded(v) => Ok(v),
                crate::interp::GenStep::Returned(v) => match a.get(1) {
                    Some(d) => Ok(*d),
                    None => Err(rt::stop_iteration(v)),
                },
            };
        }
        match iter::next(a[0]) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => match a.get(1) {
                Some(d) => Ok(*d),
                None => Err(stop_iteration_from(a[0])),
            },
            Err(e) => Err(e),
        }
    });
    func("enumerate", |a, k| {
        let it = a.first().copied().or_else(|| kwarg(k, "iterable")).ok_or_else(|| rt::type_error("enumerate() missing required argument 'iterable' (pos 1)".into()))?;
        let start = a.get(1).copied().or_else(|| kwarg(k, "start")).unwrap_or(Value::int(0));
        let it = iter::get_iter(it)?;
        Ok(iter::new_iter(IterKind::Enumerate { it, count: start }))
    });
    func("zip", |a, k| {
        let its = a.iter().map(|x| iter::get_iter(*x)).collect::<PyResult<Vec<_>>>()?;
        let strict = kwarg(k, "strict").map(ops::truth).transpose()?.unwrap_or(false);
        Ok(iter::new_iter(IterKind::Zip { its, strict }))
    });
    func("map", |a, _| {
        if a.len() < 2 {
            return Err(rt::type_error("map() must have at least two arguments.".into()));
        }
        let its = a[1..].iter().map(|x| iter::get_iter(*x)).collect::<PyResult<Vec<_>>>()?;
        Ok(iter::new_iter(IterKind::Map { func: a[0], its }))
    });
    func("filter", |a, _| {
        nargs("filter", a, 2, 2)?;
        let it = iter::get_iter(a[1])?;
        Ok(iter::new_iter(IterKind::Filter { func: a[0], it, negate: false }))
    });
    func("reversed", |a, _| {
        nargs("reversed", a, 1, 1)?;
        reversed(a[0])
    });
    func("format", |a, _| {
        nargs("format", a, 1, 2)?;
        let spec = match a.get(1) {
            Some(s) => to_str_arg(*s, "format() argument 2", "")?,
            None => "",
        };
        Ok(rt::new_string(format::format(a[0], spec)?))
    });
    func("globals", |_, _| Ok(vm().frames.last().map(|f| f.globals.val()).unwrap_or(Value::NONE)));
    func("locals", |_, _| locals());
    func("vars", |a, _| {
        if a.is_empty() {
            return locals();
        }
        attr::getattr(a[0], rt::intern("__dict__")).map_err(|_| rt::type_error("vars() argument must have __dict__ attribute".into()))
    });
    func("dir", dir);
    func("input", input);
    func("open", crate::modules::io::open);
    func("exit", exit);
    func("exec", |a, _| {
        nargs("exec", a, 1, 3)?;
        let (g, l) = exec_namespaces(a)?;
        let code = match rt::kind(a[0]) {
            Some(Kind::Code(c)) => *c,
            _ => {
                let src = to_str_arg(a[0], "exec() arg 1", "")?;
                crate::compile_source(src, "<string>", false)?
            }
        };
        crate::run_code(code, g, l)?;
        Ok(Value::NONE)
    });
    func("eval", |a, _| {
        nargs("eval", a, 1, 3)?;
        let (g, l) = exec_namespaces(a)?;
        let code = match rt::kind(a[0]) {
            Some(Kind::Code(c)) => *c,
            _ => {
                let src = to_str_arg(a[0], "eval() arg 1", "")?;
                crate::compile_eval(src, "<string>")?
            }
        };
        crate::run_code(code, g, l)
    });
    func("compile", |a, k| {
        let src = to_str_arg(*a.first().ok_or_else(|| rt::type_error("compile() missing required argument 'source' (pos 1)".into()))?, "compile() arg 1", "")?;
        let filename = a.get(1).copied().or_else(|| kwarg(k, "filename")).map(|v| rt::str_of(v).to_string()).unwrap_or_else(|| "<string>".into());
        let mode = a.get(2).copied().or_else(|| kwarg(k, "mode")).map(|v| rt::str_of(v).to_string()).unwrap_or_else(|| "exec".into());
        if !["exec", "eval", "single"].contains(&mode.as_str()) {
            return Err(rt::value_error("compile() mode must be 'exec', 'eval' or 'single'".into()));
        }
        let code = if mode == "eval" { crate::compile_eval(src, &filename)? } else { crate::compile_source(src, &filename, mode == "single")? };
        Ok(rt::code_value(code))
    });
    func("__import__", |a, k| {
        let name = to_str_arg(*a.first().ok_or_else(|| rt::type_error("__import__() missing required argument 'name' (pos 1)".into()))?, "__import__() argument 1", "")?;
        let fromlist = a.get(3).copied().or_else(|| kwarg(k, "fromlist")).unwrap_or(Value::NONE);
        crate::modules::import_name(name, fromlist)
    });
    set_builtin("__debug__", Value::TRUE);
    func("quit", exit);
}

fn print(args: &[Value], kwargs: Kw) -> PyResult<Value> {
    check_kwargs("print", kwargs, &["sep", "end", "file", "flush"])?;
    let sep = match kwarg(kwargs, "sep") {
        Some(v) if !v.is_none() => rt::as_str(v).map(|s| s.s.to_string()).ok_or_else(|| rt::type_error(format!("sep must be None or a string, not {}", rt::type_name(v))))?,
        _ => " ".into(),
    };
    let end = match kwarg(kwargs, "end") {
        Some(v) if !v.is_none() => rt::as_str(v).map(|s| s.s.to_string()).ok_or_else(|| rt::type_error(format!("end must be None or a string, not {}", rt::type_name(v))))?,
        _ => "\n".into(),
    };
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&repr::str(*a)?);
    }
    out.push_str(&end);
    match kwarg(kwargs, "file") {
        Some(f) if !f.is_none() => crate::modules::io::write_to(f, &out)?,
        _ => rt::write_out(&out)?,
    }
    Ok(Value::NONE)
}

fn len(args: &[Value], _: Kw) -> PyResult<Value> {
    nargs("len", args, 1, 1)?;
    Ok(Value::int(ops::len_i64(args[0])?))
}

fn abs(args: &[Value], _: Kw) -> PyResult<Value> {
    nargs("abs", args, 1, 1)?;
    let v = args[0];
    if let Some(f) = v.as_float() {
        return Ok(Value::float(f.abs()));
    }
    if let Some(i) = v.as_int() {
        return Ok(match i.checked_abs() {
            Some(x) => Value::int(x),
            None => num::from_bigint(BigInt::from(i).abs()),
        });
    }
    if let Some(Kind::BigInt(b)) = rt::kind(v) {
        return Ok(num::from_bigint(b.abs()));
    }
    if let Some(f) = ops::user_dunder(v, "__abs__") {
        return ops::call_dunder(f, v, &[]);
    }
    Err(rt::type_error(format!("bad operand type for abs(): '{}'", rt::type_name(v))))
}

fn radix(a: &[Value], r: u32, prefix: &str, name: &str) -> PyResult<Value> {
    nargs(name, a, 1, 1)?;
    let v = ops::unwrap_base(a[0]);
    let b = match num::to_bigint(v) {
        Some(b) => b,
        None => match ops::index_of(a[0]) {
            Some(i) => BigInt::from(i?),
            None => return Err(rt::type_error(format!("'{}' object cannot be interpreted as an integer", rt::type_name(a[0])))),
        },
    };
    let s = b.abs().to_str_radix(r);
    Ok(rt::new_string(format!("{}{}{}", if b.is_negative() { "-" } else { "" }, prefix, s)))
}

pub fn is_callable(v: Value) -> bool {
    match rt::kind(v) {
        Some(Kind::Function(_) | Kind::Builtin(_) | Kind::Method { .. } | Kind::Type(_) | Kind::Partial { .. } | Kind::Cached { .. } | Kind::ItemGetter(_) | Kind::AttrGetter(_) | Kind::MethodCaller { .. }) => true,
        Some(Kind::Instance(_)) => ops::user_dunder(v, "__call__").is_some(),
        _ => false,
    }
}

pub fn divmod(a: Value, b: Value) -> PyResult<Value> {
    if let (Some(x), Some(y)) = (a.as_float().or_else(|| if num::is_int(a) && b.as_float().is_some() { num::to_f64(a).and_then(|r| r.ok()) } else { None }), b.as_float().or_else(|| if num::is_int(b) && a.as_float().is_some() { num::to_f64(b).and_then(|r| r.ok()) } else { None })) {
        if y == 0.0 {
            return Err(rt::zero_division("float divmod()"));
        }
        let (q, r) = num::float_divmod(x, y);
        return Ok(rt::new_tuple(vec![Value::float(q), Value::float(r)]));
    }
    if num::is_int(a) && num::is_int(b) {
        if num::int_is_zero(b) {
            return Err(rt::zero_division("integer division or modulo by zero"));
        }
        let q = num::int_op(BinOp::FloorDiv, a, b)?;
        let r = num::int_op(BinOp::Mod, a, b)?;
        return Ok(rt::new_tuple(vec![q, r]));
    }
    if let Some(f) = ops::user_dunder(a, "__divmod__") {
        return ops::call_dunder(f, a, &[b]);
    }
    if let Some(f) = ops::user_dunder(b, "__rdivmod__") {
        return ops::call_dunder(f, b, &[a]);
    }
    Err(rt::type_error(format!("unsupported operand type(s) for divmod(): '{}' and '{}'", rt::type_name(a), rt::type_name(b))))
}

fn pow(a: &[Value], k: Kw) -> PyResult<Value> {
    let base = a.first().copied().or_else(|| kwarg(k, "base")).ok_or_else(|| rt::type_error("pow() missing required argument 'base' (pos 1)".into()))?;
    let exp = a.get(1).copied().or_else(|| kwarg(k, "exp")).ok_or_else(|| rt::type_error("pow() missing required argument 'exp' (pos 2)".into()))?;
    let m = a.get(2).copied().or_else(|| kwarg(k, "mod")).unwrap_or(Value::NONE);
    if m.is_none() {
        return ops::binary_op(BinOp::Pow, base, exp);
    }
    let (Some(b), Some(e), Some(md)) = (num::to_bigint(base), num::to_bigint(exp), num::to_bigint(m)) else {
        return Err(rt::type_error("pow() 3rd argument not allowed unless all arguments are integers".into()));
    };
    if md.is_zero() {
        return Err(rt::value_error("pow() 3rd argument cannot be 0".into()));
    }
    let r = if e.is_negative() {
        let inv = mod_inverse(&b, &md).ok_or_else(|| rt::value_error("base is not invertible for the given modulus".into()))?;
        inv.modpow(&(-e), &md.abs())
    } else {
        b.modpow(&e, &md.abs())
    };
    let mut r = ((r % &md) + &md) % &md;
    if md.is_negative() && !r.is_zero() {
        r += &md;
    }
    Ok(num::from_bigint(r))
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    use num_integer::Integer;
    let m = m.abs();
    let e = a.mod_floor(&m).extended_gcd(&m);
    if e.gcd != BigInt::from(1) {
        return None;
    }
    Some(e.x.mod_floor(&m))
}

fn round(a: &[Value], k: Kw) -> PyResult<Value> {
    let x = a.first().copied().or_else(|| kwarg(k, "number")).ok_or_else(|| rt::type_error("round() missing required argument 'number' (pos 1)".into()))?;
    let nd = a.get(1).copied().or_else(|| kwarg(k, "ndigits")).unwrap_or(Value::NONE);
    if let Some(f) = ops::user_dunder(x, "__round__") {
        return ops::call_dunder(f, x, if nd.is_none() { &[] } else { std::slice::from_ref(&nd) });
    }
    let x = ops::unwrap_base(x);
    if let Some(f) = x.as_float() {
        if nd.is_none() {
            return num::float_to_int(f.round_ties_even());
        }
        let n = to_index(nd, "")?;
        return Ok(Value::float(round_float(f, n)));
    }
    if num::is_int(x) {
        if nd.is_none() {
            return Ok(if x.tag == crate::value::T_BOOL { Value::int(x.i()) } else { x });
        }
        let n = to_index(nd, "")?;
        if n >= 0 {
            return Ok(if x.tag == crate::value::T_BOOL { Value::int(x.i()) } else { x });
        }
        let b = num::to_bigint(x).unwrap_or_default();
        let p = num_traits::pow(BigInt::from(10), (-n) as usize);
        use num_integer::Integer;
        let (q, r) = b.div_mod_floor(&p);
        let twice = &r * 2;
        let q = if twice > p || (twice == p && q.is_odd()) { q + 1 } else { q };
        return Ok(num::from_bigint(q * p));
    }
    Err(rt::type_error(format!("type {} doesn't define __round__ method", rt::type_name(x))))
}

pub fn round_float(f: f64, n: i64) -> f64 {
    if !f.is_finite() || n > 320 {
        return f;
    }
    if n < -320 {
        return 0.0f64.copysign(f);
    }
    if n >= 0 {
        let s = format!("{:.*}", n as usize, f);
        let r: f64 = s.parse().unwrap_or(f);
        // Exact ties in binary are rare; Rust's formatting already rounds
        // the exact binary value, which is what CPython does.
        r
    } else {
        let p = 10f64.powi((-n) as i32);
        let y = f / p;
        let r = y.round_ties_even();
        let z = r * p;
        if z.is_infinite() {
            f
        } else {
            z
        }
    }
}

fn sum(a: &[Value], k: Kw) -> PyResult<Value> {
    nargs("sum", a, 1, 2)?;
    let mut acc = a.get(1).copied().or_else(|| kwarg(k, "start")).unwrap_or(Value::int(0));
    if rt::as_str(acc).is_some() {
        return Err(rt::type_error("sum() can't sum strings [use ''.join(seq) instead]".into()));
    }
    if matches!(rt::kind(acc), Some(Kind::Bytes(_))) {
        return Err(rt::type_error("sum() can't sum bytes [use b''.join(seq) instead]".into()));
    }
    let it = iter::get_iter(a[0])?;
    while let Some(x) = iter::next(it)? {
        acc = ops::binary_op(BinOp::Add, acc, x)?;
    }
    Ok(acc)
}

/// `a < b` as sorting uses it.
pub fn lt(a: Value, b: Value) -> PyResult<bool> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Ok(x < y);
    }
    ops::truth(ops::compare(CmpOp::Lt, a, b)?)
}

fn minmax(args: &[Value], kwargs: Kw, is_min: bool) -> PyResult<Value> {
    let name = if is_min { "min" } else { "max" };
    check_kwargs(name, kwargs, &["key", "default"])?;
    let key = kwarg(kwargs, "key").filter(|k| !k.is_none());
    let default = kwarg(kwargs, "default");
    let items = if args.len() == 1 {
        iter::collect(args[0])?
    } else if args.is_empty() {
        return Err(rt::type_error(format!("{name} expected at least 1 argument, got 0")));
    } else {
        if default.is_some() {
            return Err(rt::type_error(format!("Cannot specify a default for {name}() with multiple positional arguments")));
        }
        args.to_vec()
    };
    if items.is_empty() {
        return match default {
            Some(d) => Ok(d),
            None => Err(rt::value_error(format!("{name}() arg is an empty sequence"))),
        };
    }
    let mut best = items[0];
    let mut best_key = match key {
        Some(k) => call::call(k, &[best], &[])?,
        None => best,
    };
    for &x in &items[1..] {
        let kx = match key {
            Some(k) => call::call(k, &[x], &[])?,
            None => x,
        };
        let better = if is_min { lt(kx, best_key)? } else { lt(best_key, kx)? };
        if better {
            best = x;
            best_key = kx;
        }
    }
    Ok(best)
}

/// A stable merge sort that only uses `<` (which may raise).
pub fn sort_values(items: &mut Vec<Value>, keys: Option<Vec<Value>>, reverse: bool) -> PyResult<()> {
    let n = items.len();
    let keys = keys.unwrap_or_else(|| items.clone());
    let mut idx: Vec<usize> = (0..n).collect();
    if reverse {
        idx.reverse();
    }
    let mut buf = idx.clone();
    merge_sort(&mut idx, &mut buf, &keys)?;
    if reverse {
        idx.reverse();
    }
    let out: Vec<Value> = idx.iter().map(|&i| items[i]).collect();
    *items = out;
    Ok(())
}

fn merge_sort(a: &mut [usize], buf: &mut [usize], keys: &[Value]) -> PyResult<()> {
    let n = a.len();
    if n <= 1 {
        return Ok(());
    }
    if n <= 8 {
        for i in 1..n {
            let mut j = i;
            while j > 0 && lt(keys[a[j]], keys[a[j - 1]])? {
                a.swap(j, j - 1);
                j -= 1;
            }
        }
        return Ok(());
    }
    let mid = n / 2;
    {
        let (l, r) = a.split_at_mut(mid);
        let (bl, br) = buf.split_at_mut(mid);
        merge_sort(l, bl, keys)?;
        merge_sort(r, br, keys)?;
    }
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < mid && j < n {
        if lt(keys[a[j]], keys[a[i]])? {
            buf[k] = a[j];
            j += 1;
        } else {
            buf[k] = a[i];
            i += 1;
        }
        k += 1;
    }
    while i < mid {
        buf[k] = a[i];
        i += 1;
        k += 1;
    }
    while j < n {
        buf[k] = a[j];
        j += 1;
        k += 1;
    }
    a.copy_from_slice(&buf[..n]);
    Ok(())
}

pub fn sort_with(items: &mut Vec<Value>, kwargs: Kw, fname: &str) -> PyResult<()> {
    check_kwargs(fname, kwargs, &["key", "reverse"])?;
    let key = kwarg(kwargs, "key").filter(|k| !k.is_none());
    let reverse = kwarg(kwargs, "reverse").map(ops::truth).transpose()?.unwrap_or(false);
    let keys = match key {
        Some(k) => Some(items.iter().map(|x| call::call(k, &[*x], &[])).collect::<PyResult<Vec<_>>>()?),
        None => None,
    };
    sort_values(items, keys, reverse)
}

fn sorted(a: &[Value], k: Kw) -> PyResult<Value> {
    if a.len() != 1 {
        return Err(rt::type_error(format!("sorted expected 1 argument, got {}", a.len())));
    }
    let mut items = iter::collect(a[0])?;
    sort_with(&mut items, k, "sort")?;
    Ok(rt::new_list(items))
}

pub fn isinstance(v: Value, t: Value) -> PyResult<bool> {
    if let Some(items) = rt::as_tuple(t) {
        for &x in items {
            if isinstance(v, x)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if !types::is_type(t) {
        return Err(rt::type_error("isinstance() arg 2 must be a type, a tuple of types, or a union".into()));
    }
    if let Some(f) = types::lookup_str(t.objref().get().class, "__instancecheck__") {
        if !hash::is_builtin_slot(f) {
            return ops::truth(ops::call_dunder(f, t, &[v])?);
        }
    }
    Ok(types::isinstance(v, t.objref()))
}

pub fn issubclass(c: ObjRef, t: Value) -> PyResult<bool> {
    if let Some(items) = rt::as_tuple(t) {
        for &x in items {
            if issubclass(c, x)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if !types::is_type(t) {
        return Err(rt::type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union".into()));
    }
    Ok(types::is_subtype(c, t.objref()))
}

fn attr_name(v: Value, f: &str) -> PyResult<Value> {
    match rt::as_str(v) {
        Some(s) => Ok(rt::intern(&s.s)),
        None => Err(rt::type_error(format!("{}(): attribute name must be string, not '{}'", f, rt::type_name(v)).replace("getattr(): attribute", "attribute"))),
    }
}

fn stop_iteration_from(_it: Value) -> ObjRef {
    rt::stop_iteration(Value::NONE)
}

fn reversed(v: Value) -> PyResult<Value> {
    if let Some(f) = ops::user_dunder(v, "__reversed__") {
        return ops::call_dunder(f, v, &[]);
    }
    let u = ops::unwrap_base(v);
    match rt::kind(u) {
        Some(Kind::List(l)) => Ok(iter::new_iter(IterKind::Reversed { seq: u, index: l.len() as isize - 1 })),
        Some(Kind::Range { start, stop, step }) => {
            let (start, stop, step) = (*start, *stop, *step);
            let n = ops::range_len(start, stop, step);
            let last = start + (n - 1) * step;
            Ok(iter::new_iter(IterKind::Range { next: last, stop: start - step, step: -step }))
        }
        Some(Kind::Deque { .. }) => Ok(iter::new_iter(IterKind::Deque { deque: u.objref(), index: 0, reverse: true })),
        Some(Kind::Dict(d)) => {
            let mut keys = d.keys();
            keys.reverse();
            Ok(iter::new_iter(IterKind::Buffered { items: keys.into() }))
        }
        Some(Kind::DictView { dict, which }) => {
            let d = rt::as_dict(dict.val()).expect("dict");
            let mut items: Vec<Value> = match which {
                0 => d.keys(),
                1 => d.values(),
                _ => d.items().into_iter().map(|(k, v)| rt::new_tuple(vec![k, v])).collect(),
            };
            items.reverse();
            Ok(iter::new_iter(IterKind::Buffered { items: items.into() }))
        }
        _ => {
            if matches!(rt::kind(u), Some(Kind::Tuple(_) | Kind::Str(_) | Kind::Bytes(_) | Kind::ByteArray(_))) || (ops::user_dunder(v, "__getitem__").is_some() && ops::user_dunder(v, "__len__").is_some()) {
                let n = ops::len(v)? as isize;
                return Ok(iter::new_iter(IterKind::Reversed { seq: v, index: n - 1 }));
            }
            Err(rt::type_error(format!("'{}' object is not reversible", rt::type_name(v))))
        }
    }
}

fn locals() -> PyResult<Value> {
    let vm = vm();
    let Some(f) = vm.frames.last() else { return Ok(rt::new_dict()) };
    let ns = f.namespace();
    if !ns.is_null() {
        return Ok(ns);
    }
    let d = rt::new_dict();
    for (i, name) in f.code.varnames.iter().enumerate() {
        let v = f.get(crate::interp::frame::Frame::local(i));
        if !v.is_null() {
            rt::as_dict(d).expect("dict").set(rt::intern(name), v)?;
        }
    }
    Ok(d)
}

fn dir(a: &[Value], _: Kw) -> PyResult<Value> {
    if a.len() > 1 {
        return Err(rt::type_error(format!("dir expected at most 1 argument, got {}", a.len())));
    }
    let mut names: Vec<String> = vec![];
    match a.first() {
        None => {
            let l = locals()?;
            names = rt::as_dict(l).map(|d| d.keys().iter().map(|k| rt::str_of(*k).to_string()).collect()).unwrap_or_default();
        }
        Some(&v) => {
            if let Some(Kind::Module(m)) = rt::kind(v) {
                names = rt::as_dict(m.dict.val()).map(|d| d.keys().iter().map(|k| rt::str_of(*k).to_string()).collect()).unwrap_or_default();
            } else {
                if let Some(Kind::Instance(i)) = rt::kind(v) {
                    names.extend(i.map.names.iter().map(|n| rt::str_of(n.val()).to_string()));
                }
                let t = if types::is_type(v) { v.objref() } else { rt::type_of(v) };
                for c in types::type_data(t).mro.clone() {
                    if let Some(d) = rt::as_dict(types::type_data(c).dict.val()) {
                        names.extend(d.keys().iter().map(|k| rt::str_of(*k).to_string()));
                    }
                }
            }
        }
    }
    names.sort();
    names.dedup();
    Ok(rt::new_list(names.iter().map(|n| rt::new_str(n)).collect()))
}

fn input(a: &[Value], _: Kw) -> PyResult<Value> {
    if let Some(p) = a.first() {
        rt::write_out(&repr::str(*p)?)?;
        rt::flush();
    }
    match crate::modules::io::read_stdin_line() {
        Some(line) => Ok(rt::new_string(line.trim_end_matches('\n').trim_end_matches('\r').to_string())),
        None => Err(rt::new_exception(vm().t.eof_error, "EOF when reading a line")),
    }
}

fn exec_namespaces(a: &[Value]) -> PyResult<(ObjRef, Value)> {
    let g = match a.get(1) {
        Some(g) if !g.is_none() => {
            if rt::as_dict(*g).is_none() {
                return Err(rt::type_error(format!("exec() globals must be a dict, not {}", rt::type_name(*g))));
            }
            g.objref()
        }
        _ => vm().frames.last().map(|f| f.globals).unwrap_or(vm().builtins),
    };
    let l = match a.get(2) {
        Some(l) if !l.is_none() => *l,
        _ => {
            if a.get(1).map(|g| g.is_none()).unwrap_or(true) {
                vm().frames.last().map(|f| f.namespace()).filter(|n| !n.is_null()).unwrap_or(Value::NONE)
            } else {
                Value::NONE
            }
        }
    };
    Ok((g, l))
}

fn exit(a: &[Value], _: Kw) -> PyResult<Value> {
    Err(rt::new_exception_args(vm().t.system_exit, a.to_vec()))
}

/// Set algebra with CPython's algorithms (so iteration order matches).
pub fn set_op(op: BinOp, x: &Set, y: &Set) -> PyResult<Set> {
    Ok(match op {
        BinOp::Or => {
            let mut r = x.clone();
            r.merge(y)?;
            r
        }
        BinOp::And => {
            let (small, big) = if x.len() > y.len() { (y, x) } else { (x, y) };
            let mut r = Set::default();
            for (h, k) in small.hashed_items() {
                if big.contains_hashed(k, h)? {
                    r.add_hashed(k, h)?;
                }
            }
            r
        }
        BinOp::Sub => {
            if (x.len() >> 2) > y.len() {
                let mut r = x.clone();
                for k in y.items() {
                    r.remove(k)?;
                }
                r
            } else {
                let mut r = Set::default();
                for (h, k) in x.hashed_items() {
                    if !y.contains_hashed(k, h)? {
                        r.add_hashed(k, h)?;
                    }
                }
                r
            }
        }
        BinOp::Xor => {
            let mut r = x.clone();
            for (h, k) in y.hashed_items() {
                if r.contains_hashed(k, h)? {
                    r.remove(k)?;
                } else {
                    r.add_hashed(k, h)?;
                }
            }
            r
        }
        _ => x.clone(),
    })
}

/// Counter items ordered by count (descending), then insertion order.
pub fn counter_most_common(d: &crate::runtime::dict::Dict) -> PyResult<Vec<(Value, Value)>> {
    let items = d.items();
    let keys: Vec<Value> = items.iter().map(|p| p.1).collect();
    let mut order: Vec<Value> = (0..items.len()).map(|i| Value::int(i as i64)).collect();
    sort_values(&mut order, Some(keys), true)?;
    Ok(order.iter().map(|v| items[v.i() as usize]).collect())
}

