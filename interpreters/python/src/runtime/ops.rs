//! Operators on values: arithmetic dispatch (numbers, sequences, user
//! dunders with reflected operands), rich comparison, truth, `in`, `len`,
//! and item access with slices.

use super::*;
use crate::bytecode::{BinOp, CmpOp};
use crate::value::*;

/// A dunder defined by a user class on `v`'s type (built-in slots excluded).
pub fn user_dunder(v: Value, name: &'static str) -> Option<Value> {
    if v.tag != T_OBJ {
        return None;
    }
    let t = v.objref().get().class;
    if types::type_data(t).is_builtin {
        return None;
    }
    let f = types::lookup_str(t, name)?;
    if hash::is_builtin_slot(f) {
        None
    } else {
        Some(f)
    }
}

/// Calls the type attribute `f` as a method of `this`.
pub fn call_dunder(f: Value, this: Value, args: &[Value]) -> PyResult<Value> {
    match kind(f) {
        Some(Kind::Function(_)) | Some(Kind::Builtin(_)) => {
            let mut a = Vec::with_capacity(args.len() + 1);
            a.push(this);
            a.extend_from_slice(args);
            call::call(f, &a, &[])
        }
        _ => {
            let bound = attr::bind(f, this, type_of(this))?;
            call::call(bound, args, &[])
        }
    }
}

fn is_ni(v: Value) -> bool {
    v.is(vm().t.not_implemented_obj)
}

/// The built-in value behind an instance of a subclass of a built-in type.
pub fn unwrap_base(v: Value) -> Value {
    match kind(v) {
        Some(Kind::Instance(i)) if !i.base.is_null() => i.base,
        _ => v,
    }
}

pub fn binary_op(op: BinOp, a: Value, b: Value) -> PyResult<Value> {
    if a.tag == T_BOOL && b.tag == T_BOOL && matches!(op, BinOp::And | BinOp::Or | BinOp::Xor) {
        let (x, y) = (a.payload != 0, b.payload != 0);
        return Ok(Value::bool(match op {
            BinOp::And => x & y,
            BinOp::Or => x | y,
            _ => x ^ y,
        }));
    }
    if a.tag != T_OBJ && b.tag != T_OBJ {
        if let Some(r) = num::number_op(op, a, b) {
            return r;
        }
    }
    let (name, rname, _) = op.dunders();
    let fa = user_dunder(a, name);
    let mut fb = if type_of(a) != type_of(b) { user_dunder(b, rname) } else { None };
    if fa.is_some() || fb.is_some() {
        if let Some(g) = fb {
            if types::is_subtype(type_of(b), type_of(a)) && type_of(a) != type_of(b) {
                let r = call_dunder(g, b, &[a])?;
                if !is_ni(r) {
                    return Ok(r);
                }
                fb = None;
            }
        }
        if let Some(f) = fa {
            let r = call_dunder(f, a, &[b])?;
            if !is_ni(r) {
                return Ok(r);
            }
        }
        if let Some(g) = fb {
            let r = call_dunder(g, b, &[a])?;
            if !is_ni(r) {
                return Ok(r);
            }
        }
    }
    let (ua, ub) = (unwrap_base(a), unwrap_base(b));
    if let Some(r) = num::number_op(op, ua, ub) {
        return r;
    }
    if let Some(r) = num::complex_op(op, ua, ub) {
        return r;
    }
    if matches!(op, BinOp::And | BinOp::Or | BinOp::Sub | BinOp::Xor) {
        let view = |v: Value| matches!(kind(v), Some(Kind::DictView { which, .. }) if *which != 1);
        if (view(ua) || view(ub)) && (view(ua) || as_set(ua).is_some()) && (view(ub) || as_set(ub).is_some() || iter::get_iter(ub).is_ok()) {
            let to_set = |v: Value| -> PyResult<Value> {
                let s = new_set(false);
                for x in iter::collect(v)? {
                    as_set(s).expect("set").add(x)?;
                }
                Ok(s)
            };
            let sa = if view(ua) { to_set(ua)? } else { ua };
            let sb = if as_set(ub).is_some() { ub } else { to_set(ub)? };
            return binary_op(op, sa, sb);
        }
    }
    if types::is_subtype(type_of(ua), vm().t.counter) && types::is_subtype(type_of(ub), vm().t.counter) {
        if let Some(r) = crate::builtins::counter_op(op, ua, ub)? {
            return Ok(r);
        }
    }
    if let Some(r) = builtin_binop(op, ua, ub)? {
        return Ok(r);
    }
    match (op, kind(ua)) {
        (BinOp::Add, Some(Kind::Str(_))) => return Err(type_error(format!("can only concatenate str (not \"{}\") to str", type_name(b)))),
        (BinOp::Add, Some(Kind::List(_))) => return Err(type_error(format!("can only concatenate list (not \"{}\") to list", type_name(b)))),
        (BinOp::Add, Some(Kind::Tuple(_))) => return Err(type_error(format!("can only concatenate tuple (not \"{}\") to tuple", type_name(b)))),
        (BinOp::Add, Some(Kind::Bytes(_) | Kind::ByteArray(_))) => return Err(type_error(format!("can't concat {} to {}", type_name(b), type_name(a)))),
        (BinOp::Mul, Some(Kind::Str(_) | Kind::List(_) | Kind::Tuple(_) | Kind::Bytes(_))) if !num::is_int(ub) => {
            return Err(type_error(format!("can't multiply sequence by non-int of type '{}'", type_name(b))))
        }
        _ => {}
    }
    if op == BinOp::Mul && matches!(kind(ub), Some(Kind::Str(_) | Kind::List(_) | Kind::Tuple(_) | Kind::Bytes(_))) && !num::is_int(ua) && ua.tag != T_OBJ {
        return Err(type_error(format!("can't multiply sequence by non-int of type '{}'", type_name(a))));
    }
    Err(num::unsupported(op, a, b))
}

pub fn inplace_op(op: BinOp, a: Value, b: Value) -> PyResult<Value> {
    if a.tag == T_BOOL && b.tag == T_BOOL {
        return binary_op(op, a, b);
    }
    if a.tag != T_OBJ && b.tag != T_OBJ {
        if let Some(r) = num::number_op(op, a, b) {
            return r;
        }
    }
    let (_, _, iname) = op.dunders();
    if let Some(f) = user_dunder(a, iname) {
        let r = call_dunder(f, a, &[b])?;
        if !is_ni(r) {
            return Ok(r);
        }
    }
    // Mutable built-ins update in place.
    let ua = unwrap_base(a);
    match (op, kind(ua)) {
        (BinOp::Add, Some(Kind::List(_))) => {
            let items = iter::collect(b)?;
            as_list(ua).expect("list").extend(items);
            return Ok(a);
        }
        (BinOp::Mul, Some(Kind::List(_))) => {
            if let Some(n) = b.as_int() {
                let l = as_list(ua).expect("list");
                let items = l.clone();
                l.clear();
                for _ in 0..n.max(0) {
                    l.extend_from_slice(&items);
                }
                return Ok(a);
            }
        }
        (BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor, Some(Kind::Set(_))) if as_set(b).is_some() => {
            let r = builtin_binop(op, ua, unwrap_base(b))?.expect("set op");
            let new = as_set(r).expect("set").clone();
            *as_set(ua).expect("set") = new;
            return Ok(a);
        }
        (BinOp::Or, Some(Kind::Dict(_))) if as_dict(b).is_some() => {
            let items = as_dict(b).expect("dict").items();
            let d = as_dict(ua).expect("dict");
            for (k, v) in items {
                d.set(k, v)?;
            }
            return Ok(a);
        }
        (BinOp::Add, Some(Kind::ByteArray(_))) => {
            if let Some(bb) = crate::builtins::bytes_like(b) {
                if let Some(Kind::ByteArray(x)) = kind(ua) {
                    x.extend(bb);
                    return Ok(a);
                }
            }
        }
        _ => {}
    }
    binary_op(op, a, b)
}

fn repeat_count(b: Value) -> Option<PyResult<usize>> {
    if let Some(n) = b.as_int() {
        return Some(Ok(n.max(0) as usize));
    }
    if let Some(Kind::BigInt(x)) = kind(b) {
        if num_traits::Signed::is_negative(&**x) {
            return Some(Ok(0));
        }
        return Some(Err(overflow_error("cannot fit 'int' into an index-sized integer".into())));
    }
    user_dunder(b, "__index__")?;
    Some(index_of(b)?.map(|n| n.max(0) as usize))
}

fn check_repeat(len: usize, n: usize) -> PyResult<()> {
    if len.saturating_mul(n) as u64 > 1u64 << 32 {
        return Err(num::memory_error());
    }
    Ok(())
}

/// Operators of built-in sequences, sets and dicts.
fn builtin_binop(op: BinOp, a: Value, b: Value) -> PyResult<Option<Value>> {
    let (ka, kb) = (kind(a), kind(b));
    Ok(Some(match (op, ka, kb) {
        (BinOp::Add, Some(Kind::Str(x)), Some(Kind::Str(y))) => {
            let mut s = String::with_capacity(x.s.len() + y.s.len());
            s.push_str(&x.s);
            s.push_str(&y.s);
            new_string(s)
        }
        (BinOp::Add, Some(Kind::List(x)), Some(Kind::List(y))) => {
            let mut v = x.clone();
            v.extend_from_slice(y);
            new_list(v)
        }
        (BinOp::Add, Some(Kind::Tuple(x)), Some(Kind::Tuple(y))) => {
            let mut v = x.to_vec();
            v.extend_from_slice(y);
            new_tuple(v)
        }
        (BinOp::Add, Some(Kind::Bytes(x)), _) if crate::builtins::bytes_like(b).is_some() => {
            let mut v = x.clone();
            v.extend(crate::builtins::bytes_like(b).unwrap_or_default());
            new_bytes(v)
        }
        (BinOp::Add, Some(Kind::ByteArray(x)), _) if crate::builtins::bytes_like(b).is_some() => {
            let mut v = x.clone();
            v.extend(crate::builtins::bytes_like(b).unwrap_or_default());
            alloc(vm().t.bytearray, Kind::ByteArray(v))
        }
        (BinOp::Mul, Some(Kind::Str(_) | Kind::List(_) | Kind::Tuple(_) | Kind::Bytes(_)), _) if repeat_count(b).is_some() => return repeat(a, b),
        (BinOp::Mul, _, Some(Kind::Str(_) | Kind::List(_) | Kind::Tuple(_) | Kind::Bytes(_))) if repeat_count(a).is_some() => return repeat(b, a),
        (BinOp::Mod, Some(Kind::Str(s)), _) => new_string(format::percent_format(&s.s, b)?),
        (BinOp::Mod, Some(Kind::Bytes(s)), _) => {
            // Bytes formatting: work on Latin-1 text; bytes arguments are
            // inserted as their raw bytes.
            let text: String = s.iter().map(|&c| c as char).collect();
            let conv = |v: Value| -> Value {
                match kind(v) {
                    Some(Kind::Bytes(x)) => new_string(x.iter().map(|&c| c as char).collect()),
                    _ => v,
                }
            };
            let args = match as_tuple(b) {
                Some(t) if type_of(b) == vm().t.tuple => new_tuple(t.iter().map(|x| conv(*x)).collect()),
                _ => conv(b),
            };
            let r = format::percent_format(&text, args)?;
            new_bytes(r.chars().map(|c| c as u32 as u8).collect())
        }
        (BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor, Some(Kind::Set(_) | Kind::FrozenSet(_)), Some(Kind::Set(_) | Kind::FrozenSet(_))) => {
            let frozen = matches!(kind(a), Some(Kind::FrozenSet(_)));
            let x = as_set(a).expect("set").clone();
            let y = as_set(b).expect("set").clone();
            let r = crate::builtins::set_op(op, &x, &y)?;
            let out = new_set(frozen);
            *as_set(out).expect("set") = r;
            if frozen && type_of(a) != vm().t.frozenset {
                out.objref().get().class = vm().t.frozenset;
            }
            out
        }
        (BinOp::Or, Some(Kind::Dict(x)), Some(Kind::Dict(y))) => {
            let mut d = (**x).clone();
            for (k, v) in y.items() {
                d.set(k, v)?;
            }
            let out = new_dict();
            *as_dict(out).expect("dict") = d;
            out
        }
        _ => return Ok(None),
    }))
}

fn repeat(seq: Value, n: Value) -> PyResult<Option<Value>> {
    let n = match repeat_count(n) {
        Some(r) => r?,
        None => return Ok(None),
    };
    Ok(Some(match kind(seq) {
        Some(Kind::Str(s)) => {
            check_repeat(s.s.len(), n)?;
            new_string(s.s.repeat(n))
        }
        Some(Kind::List(l)) => {
            check_repeat(l.len(), n)?;
            let mut v = Vec::with_capacity(l.len() * n);
            for _ in 0..n {
                v.extend_from_slice(l);
            }
            new_list(v)
        }
        Some(Kind::Tuple(t)) => {
            check_repeat(t.len(), n)?;
            let mut v = Vec::with_capacity(t.len() * n);
            for _ in 0..n {
                v.extend_from_slice(t);
            }
            new_tuple(v)
        }
        Some(Kind::Bytes(b)) => {
            check_repeat(b.len(), n)?;
            new_bytes(b.repeat(n))
        }
        _ => return Ok(None),
    }))
}

// ---- comparison

pub fn compare(op: CmpOp, a: Value, b: Value) -> PyResult<Value> {
    if let Some(o) = num::num_cmp(a, b) {
        return Ok(Value::bool(match o {
            Some(o) => op.test(o, std::cmp::Ordering::Equal),
            None => op == CmpOp::Ne,
        }));
    }
    if let (Some(Kind::Str(x)), Some(Kind::Str(y))) = (kind(a), kind(b)) {
        return Ok(Value::bool(op.test(&*x.s, &*y.s)));
    }
    let name = op.dunder();
    let rname = op.swapped().dunder();
    let fa = user_dunder(a, name).or_else(|| if op == CmpOp::Ne { user_dunder(a, "__eq__").map(|_| Value::NULL) } else { None });
    let mut fb = user_dunder(b, rname).or_else(|| if op == CmpOp::Ne { user_dunder(b, "__eq__").map(|_| Value::NULL) } else { None });
    if fa.is_some() || fb.is_some() {
        let call_cmp = |f: Value, x: Value, y: Value| -> PyResult<Value> {
            if f.is_null() {
                // Default __ne__: the inverse of __eq__.
                let eqf = user_dunder(x, "__eq__").expect("__eq__");
                let r = call_dunder(eqf, x, &[y])?;
                if is_ni(r) {
                    return Ok(r);
                }
                return Ok(Value::bool(!truth(r)?));
            }
            call_dunder(f, x, &[y])
        };
        if let Some(g) = fb {
            if type_of(a) != type_of(b) && types::is_subtype(type_of(b), type_of(a)) {
                let r = call_cmp(g, b, a)?;
                if !is_ni(r) {
                    return Ok(r);
                }
                fb = None;
            }
        }
        if let Some(f) = fa {
            let r = call_cmp(f, a, b)?;
            if !is_ni(r) {
                return Ok(r);
            }
        }
        if let Some(g) = fb {
            let r = call_cmp(g, b, a)?;
            if !is_ni(r) {
                return Ok(r);
            }
        }
    }
    let is_set_view = |v: Value| matches!(kind(v), Some(Kind::DictView { which, .. }) if *which != 1);
    if (is_set_view(a) && (as_set(b).is_some() || is_set_view(b))) || (is_set_view(b) && as_set(a).is_some()) {
        let to_set = |v: Value| -> PyResult<Value> {
            if !is_set_view(v) {
                return Ok(v);
            }
            let s = new_set(false);
            for x in iter::collect(v)? {
                as_set(s).expect("set").add(x)?;
            }
            Ok(s)
        };
        return compare(op, to_set(a)?, to_set(b)?);
    }
    let (ua, ub) = (unwrap_base(a), unwrap_base(b));
    if !ua.is(a) || !ub.is(b) {
        if let Some(o) = num::num_cmp(ua, ub) {
            return Ok(Value::bool(match o {
                Some(o) => op.test(o, std::cmp::Ordering::Equal),
                None => op == CmpOp::Ne,
            }));
        }
    }
    if let Some(r) = builtin_compare(op, ua, ub)? {
        return Ok(Value::bool(r));
    }
    match op {
        CmpOp::Eq => Ok(Value::bool(a.is(b))),
        CmpOp::Ne => Ok(Value::bool(!a.is(b))),
        _ => Err(type_error(format!("'{}' not supported between instances of '{}' and '{}'", op.symbol(), type_name(a), type_name(b)))),
    }
}

fn seq_compare(op: CmpOp, x: &[Value], y: &[Value]) -> PyResult<bool> {
    let n = x.len().min(y.len());
    for i in 0..n {
        if !eq(x[i], y[i])? {
            return match op {
                CmpOp::Eq => Ok(false),
                CmpOp::Ne => Ok(true),
                _ => truth(compare(op, x[i], y[i])?),
            };
        }
    }
    Ok(op.test(x.len(), y.len()))
}

fn builtin_compare(op: CmpOp, a: Value, b: Value) -> PyResult<Option<bool>> {
    let cparts = |v: Value| -> Option<(f64, f64)> {
        match kind(v) {
            Some(Kind::Complex(r, i)) => Some((*r, *i)),
            _ => num::to_f64(v).and_then(|r| r.ok()).map(|r| (r, 0.0)),
        }
    };
    if matches!(op, CmpOp::Eq | CmpOp::Ne) && (matches!(kind(a), Some(Kind::Complex(..))) || matches!(kind(b), Some(Kind::Complex(..)))) {
        if let (Some(x), Some(y)) = (cparts(a), cparts(b)) {
            return Ok(Some((x == y) == (op == CmpOp::Eq)));
        }
    }
    Ok(match (kind(a), kind(b)) {
        (Some(Kind::List(x)), Some(Kind::List(y))) => {
            let (x, y) = (x.clone(), y.clone());
            Some(seq_compare(op, &x, &y)?)
        }
        (Some(Kind::Tuple(x)), Some(Kind::Tuple(y))) => {
            let (x, y) = (x.clone(), y.clone());
            Some(seq_compare(op, &x, &y)?)
        }
        (Some(Kind::Bytes(x) | Kind::ByteArray(x)), Some(Kind::Bytes(y) | Kind::ByteArray(y))) => Some(op.test(x, y)),
        (Some(Kind::Slice { start: a1, stop: b1, step: c1 }), Some(Kind::Slice { start: a2, stop: b2, step: c2 })) => {
            let (x, y) = ([*a1, *b1, *c1], [*a2, *b2, *c2]);
            Some(seq_compare(op, &x, &y)?)
        }
        (Some(Kind::Dict(x)), Some(Kind::Dict(y))) if matches!(op, CmpOp::Eq | CmpOp::Ne) && types::is_subtype(type_of(a), vm().t.ordereddict) && types::is_subtype(type_of(b), vm().t.ordereddict) => {
            let (xi, yi) = (x.items(), y.items());
            let mut same = xi.len() == yi.len();
            if same {
                for ((k1, v1), (k2, v2)) in xi.iter().zip(yi.iter()) {
                    if !eq(*k1, *k2)? || !eq(*v1, *v2)? {
                        same = false;
                        break;
                    }
                }
            }
            Some(if op == CmpOp::Eq { same } else { !same })
        }
        (Some(Kind::Dict(x)), Some(Kind::Dict(y))) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let mut same = x.len() == y.len();
            if same {
                for (k, v) in x.items() {
                    match y.get(k)? {
                        Some(w) if eq(v, w)? => {}
                        _ => {
                            same = false;
                            break;
                        }
                    }
                }
            }
            Some(if op == CmpOp::Eq { same } else { !same })
        }
        (Some(Kind::Set(x) | Kind::FrozenSet(x)), Some(Kind::Set(y) | Kind::FrozenSet(y))) => {
            let sub = |p: &set::Set, q: &set::Set| -> PyResult<bool> {
                for v in p.items() {
                    if !q.contains(v)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            };
            Some(match op {
                CmpOp::Eq => x.len() == y.len() && sub(x, y)?,
                CmpOp::Ne => !(x.len() == y.len() && sub(x, y)?),
                CmpOp::Le => sub(x, y)?,
                CmpOp::Lt => x.len() < y.len() && sub(x, y)?,
                CmpOp::Ge => sub(y, x)?,
                CmpOp::Gt => x.len() > y.len() && sub(y, x)?,
            })
        }
        (Some(Kind::Range { start: a1, stop: b1, step: c1 }), Some(Kind::Range { start: a2, stop: b2, step: c2 })) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let l1 = range_len(*a1, *b1, *c1);
            let l2 = range_len(*a2, *b2, *c2);
            let same = l1 == l2 && (l1 == 0 || (a1 == a2 && (l1 == 1 || c1 == c2)));
            Some(if op == CmpOp::Eq { same } else { !same })
        }
        (Some(Kind::Deque { items: x, .. }), Some(Kind::Deque { items: y, .. })) => {
            let x: Vec<Value> = x.iter().copied().collect();
            let y: Vec<Value> = y.iter().copied().collect();
            Some(seq_compare(op, &x, &y)?)
        }
        (Some(Kind::DictView { dict: d1, which: w1 }), Some(Kind::DictView { dict: d2, which: w2 })) if w1 == w2 && *w1 != 1 && matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let x = as_dict(d1.val()).expect("dict").keys();
            let y = as_dict(d2.val()).expect("dict").keys();
            let mut same = x.len() == y.len();
            if same {
                let d2d = as_dict(d2.val()).expect("dict");
                for k in x {
                    if !d2d.contains(k)? {
                        same = false;
                    }
                }
            }
            Some(if op == CmpOp::Eq { same } else { !same })
        }
        _ => None,
    })
}

pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    if step > 0 && start < stop {
        ((stop as i128 - start as i128 - 1) / step as i128 + 1) as i64
    } else if step < 0 && start > stop {
        ((start as i128 - stop as i128 - 1) / (-(step as i128)) + 1) as i64
    } else {
        0
    }
}

/// `a == b` as containers use it: identity first.
pub fn eq(a: Value, b: Value) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    if a.tag != T_OBJ && b.tag != T_OBJ {
        if let Some(o) = num::num_cmp(a, b) {
            return Ok(o == Some(std::cmp::Ordering::Equal));
        }
    }
    truth(compare(CmpOp::Eq, a, b)?)
}

/// `bool(v)`.
pub fn truth(v: Value) -> PyResult<bool> {
    match v.tag {
        T_BOOL | T_INT => return Ok(v.payload != 0),
        T_NONE => return Ok(false),
        T_FLOAT => return Ok(v.f() != 0.0),
        _ => {}
    }
    if let Some(f) = user_dunder(v, "__bool__") {
        let r = call_dunder(f, v, &[])?;
        if r.tag != T_BOOL {
            return Err(type_error(format!("__bool__ should return bool, returned {}", type_name(r))));
        }
        return Ok(r.payload != 0);
    }
    if let Some(f) = user_dunder(v, "__len__") {
        let r = call_dunder(f, v, &[])?;
        return Ok(!num::int_is_zero(r));
    }
    let u = unwrap_base(v);
    Ok(match kind(u) {
        Some(Kind::Str(s)) => !s.s.is_empty(),
        Some(Kind::List(l)) => !l.is_empty(),
        Some(Kind::Tuple(t)) => !t.is_empty(),
        Some(Kind::Dict(d)) => !d.is_empty(),
        Some(Kind::Set(s) | Kind::FrozenSet(s)) => !s.is_empty(),
        Some(Kind::Bytes(b) | Kind::ByteArray(b)) => !b.is_empty(),
        Some(Kind::BigInt(_)) => true,
        Some(Kind::Complex(r, i)) => *r != 0.0 || *i != 0.0,
        Some(Kind::Range { start, stop, step }) => range_len(*start, *stop, *step) != 0,
        Some(Kind::Deque { items, .. }) => !items.is_empty(),
        Some(Kind::DictView { dict, .. }) => !as_dict(dict.val()).expect("dict").is_empty(),
        _ => {
            if !u.is(v) {
                return truth(u);
            }
            true
        }
    })
}

pub fn len(v: Value) -> PyResult<usize> {
    let n = len_i64(v)?;
    usize::try_from(n).map_err(|_| overflow_error("Python int too large to convert to C ssize_t".into()))
}

/// `len(v)` as Python sees it: a range's length can exceed the address
/// space of a 32-bit target (wasm32) and is still a valid answer.
pub fn len_i64(v: Value) -> PyResult<i64> {
    if let Some(Kind::Range { start, stop, step }) = kind(v) {
        return Ok(range_len(*start, *stop, *step));
    }
    if let Some(f) = user_dunder(v, "__len__") {
        let r = call_dunder(f, v, &[])?;
        let n = r.as_int().ok_or_else(|| type_error(format!("'{}' object cannot be interpreted as an integer", type_name(r))))?;
        if n < 0 {
            return Err(value_error("__len__() should return >= 0".into()));
        }
        return Ok(n);
    }
    let u = unwrap_base(v);
    Ok(match kind(u) {
        Some(Kind::Str(s)) => s.chars,
        Some(Kind::List(l)) => l.len(),
        Some(Kind::Tuple(t)) => t.len(),
        Some(Kind::Dict(d)) => d.len(),
        Some(Kind::Set(s) | Kind::FrozenSet(s)) => s.len(),
        Some(Kind::Bytes(b) | Kind::ByteArray(b)) => b.len(),
        Some(Kind::Range { start, stop, step }) => return Ok(range_len(*start, *stop, *step)),
        Some(Kind::Deque { items, .. }) => items.len(),
        Some(Kind::DictView { dict, .. }) => as_dict(dict.val()).expect("dict").len(),
        _ => return Err(type_error(format!("object of type '{}' has no len()", type_name(v)))),
    } as i64)
}

/// `item in container`.
pub fn contains(container: Value, item: Value) -> PyResult<bool> {
    if let Some(f) = user_dunder(container, "__contains__") {
        return truth(call_dunder(f, container, &[item])?);
    }
    let u = unwrap_base(container);
    match kind(u) {
        Some(Kind::Str(s)) => match as_str(item) {
            Some(i) => Ok(s.s.contains(&*i.s)),
            None => Err(type_error(format!("'in <string>' requires string as left operand, not {}", type_name(item)))),
        },
        Some(Kind::List(_)) => {
            // Re-read on every step: `eq` may run Python code that changes the list.
            let mut i = 0;
            while let Some(&x) = as_list(u).and_then(|l| l.get(i)) {
                if eq(x, item)? {
                    return Ok(true);
                }
                i += 1;
            }
            Ok(false)
        }
        Some(Kind::Tuple(t)) => {
            for &x in t.iter() {
                if eq(x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Some(Kind::Dict(d)) => d.contains(item),
        Some(Kind::Set(s) | Kind::FrozenSet(s)) => match s.contains(item) {
            Err(e) if as_set(item).is_some() && matches!(kind(item), Some(Kind::Set(_))) => {
                let _ = e;
                let fs = new_set(true);
                *as_set(fs).expect("set") = as_set(item).expect("set").clone();
                s.contains(fs)
            }
            r => r,
        },
        Some(Kind::Range { start, stop, step }) => {
            let Some(i) = item.as_int() else {
                return Ok(false);
            };
            let (start, stop, step) = (*start, *stop, *step);
            let inside = if step > 0 { i >= start && i < stop } else { i <= start && i > stop };
            Ok(inside && (i - start) % step == 0)
        }
        Some(Kind::Bytes(b) | Kind::ByteArray(b)) => {
            if let Some(i) = item.as_int() {
                return Ok(b.contains(&(i as u8)));
            }
            let needle = crate::builtins::bytes_like(item).ok_or_else(|| type_error("a bytes-like object is required".into()))?;
            Ok(needle.is_empty() || b.windows(needle.len()).any(|w| w == needle.as_slice()))
        }
        Some(Kind::DictView { dict, which }) => {
            let d = as_dict(dict.val()).expect("dict");
            match which {
                0 => d.contains(item),
                1 => {
                    for v in d.values() {
                        if eq(v, item)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
                _ => {
                    let Some(t) = as_tuple(item) else { return Ok(false) };
                    if t.len() != 2 {
                        return Ok(false);
                    }
                    match d.get(t[0])? {
                        Some(v) => eq(v, t[1]),
                        None => Ok(false),
                    }
                }
            }
        }
        _ => {
            let it = iter::get_iter(container).map_err(|_| type_error(format!("argument of type '{}' is not iterable", type_name(container))))?;
            with_root(it, || {
                while let Some(x) = iter::next(it)? {
                    if eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            })
        }
    }
}

// ---- indexing

/// An index value as i64 (ints, bools, `__index__`).
pub fn index_of(v: Value) -> Option<PyResult<i64>> {
    if let Some(i) = v.as_int() {
        return Some(Ok(i));
    }
    if let Some(Kind::BigInt(_)) = kind(v) {
        return Some(Err(index_error("cannot fit 'int' into an index-sized integer")));
    }
    let f = user_dunder(v, "__index__")?;
    Some(call_dunder(f, v, &[]).and_then(|r| r.as_int().ok_or_else(|| type_error("__index__ returned non-int".into()))))
}

/// CPython's PySlice_GetIndicesEx: (start, stop, step, length).
pub fn slice_indices(start: Value, stop: Value, step: Value, len: i64) -> PyResult<(i64, i64, i64, i64)> {
    let get = |v: Value| -> PyResult<Option<i64>> {
        if v.tag == T_INT {
            return Ok(Some(v.i()));
        }
        if v.is_none() {
            return Ok(None);
        }
        match index_of(v) {
            Some(r) => match r {
                Ok(i) => Ok(Some(i)),
                Err(_) => Ok(Some(if num::to_bigint(v).map(|b| b.sign() == num_bigint::Sign::Minus).unwrap_or(false) { i64::MIN / 2 } else { i64::MAX / 2 })),
            },
            None => Err(type_error("slice indices must be integers or None or have an __index__ method".into())),
        }
    };
    let step = get(step)?.unwrap_or(1);
    if step == 0 {
        return Err(value_error("slice step cannot be zero".into()));
    }
    Ok(slice_span(get(start)?, get(stop)?, step, len))
}

/// [`slice_indices`] once the bounds are machine integers and `step` is not
/// zero: (start, stop, step, length) clipped to a sequence of `len` items.
#[inline]
pub fn slice_span(start: Option<i64>, stop: Option<i64>, step: i64, len: i64) -> (i64, i64, i64, i64) {
    debug_assert!(step != 0);
    let (lo, hi) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let adj = |v: Option<i64>, default: i64| -> i64 {
        match v {
            None => default,
            Some(mut i) => {
                if i < 0 {
                    i += len;
                    if i < lo {
                        i = lo;
                    }
                } else if i > hi {
                    i = hi;
                }
                i
            }
        }
    };
    let start = adj(start, if step < 0 { hi } else { lo });
    let stop = adj(stop, if step < 0 { lo } else { hi });
    let n = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    (start, stop, step, n)
}

fn norm_index(i: i64, len: usize, what: &str) -> PyResult<usize> {
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(index_error(&format!("{what} index out of range")));
    }
    Ok(j as usize)
}

/// The `n` items of `items` from `start` by `step` (a span from
/// [`slice_span`]).
pub fn pick<T: Copy>(items: &[T], start: i64, step: i64, n: i64) -> Vec<T> {
    if n <= 0 {
        return Vec::new();
    }
    let (start, n) = (start as usize, n as usize);
    match step {
        1 => items[start..start + n].to_vec(),
        -1 => items[start + 1 - n..=start].iter().rev().copied().collect(),
        _ => (0..n).map(|k| items[(start as i64 + k as i64 * step) as usize]).collect(),
    }
}

pub fn getitem(obj: Value, key: Value) -> PyResult<Value> {
    if let Some(f) = user_dunder(obj, "__getitem__") {
        return call_dunder(f, obj, &[key]);
    }
    let u = unwrap_base(obj);
    if let Some(Kind::Slice { start, stop, step }) = kind(key) {
        let (start, stop, step) = (*start, *stop, *step);
        return get_slice(u, start, stop, step).unwrap_or_else(|| Err(type_error(format!("'{}' object is not subscriptable", type_name(obj)))));
    }
    getitem_index(obj, key, u)
}

/// `u[start:stop:step]` of a built-in sequence (`u` unwrapped from any
/// subclass instance), or `None` for other objects.
pub fn get_slice(u: Value, start: Value, stop: Value, step: Value) -> Option<PyResult<Value>> {
    if !matches!(kind(u), Some(Kind::List(_) | Kind::Tuple(_) | Kind::Str(_) | Kind::Bytes(_) | Kind::ByteArray(_) | Kind::Range { .. })) {
        return None;
    }
    Some(slice_sequence(u, start, stop, step))
}

fn slice_sequence(u: Value, start: Value, stop: Value, step: Value) -> PyResult<Value> {
    match kind(u) {
            Some(Kind::List(l)) => {
                let (s, _, st, n) = slice_indices(start, stop, step, l.len() as i64)?;
                Ok(new_list(pick(l, s, st, n)))
            }
            Some(Kind::Tuple(t)) => {
                let (s, _, st, n) = slice_indices(start, stop, step, t.len() as i64)?;
                Ok(new_tuple(pick(t, s, st, n)))
            }
            Some(Kind::Str(s)) => {
                let (a, _, st, n) = slice_indices(start, stop, step, s.chars as i64)?;
                if s.chars == s.s.len() {
                    let b = s.s.as_bytes();
                    if st == 1 {
                        return Ok(new_str(&s.s[a as usize..(a + n) as usize]));
                    }
                    let v: Vec<u8> = pick(b, a, st, n);
                    return Ok(new_string(String::from_utf8(v).unwrap_or_default()));
                }
                let chars: Vec<char> = s.s.chars().collect();
                Ok(new_string(pick(&chars, a, st, n).into_iter().collect()))
            }
            Some(Kind::Bytes(b)) => {
                let (a, _, st, n) = slice_indices(start, stop, step, b.len() as i64)?;
                Ok(new_bytes(pick(b, a, st, n)))
            }
            Some(Kind::ByteArray(b)) => {
                let (a, _, st, n) = slice_indices(start, stop, step, b.len() as i64)?;
                Ok(alloc(vm().t.bytearray, Kind::ByteArray(pick(b, a, st, n))))
            }
            Some(Kind::Range { start: r0, stop: r1, step: r2 }) => {
                let (r0, r1, r2) = (*r0, *r1, *r2);
                let len = range_len(r0, r1, r2);
                let (a, b, st, _) = slice_indices(start, stop, step, len)?;
                Ok(alloc(vm().t.range, Kind::Range { start: r0 + a * r2, stop: r0 + b * r2, step: r2 * st }))
            }
            _ => Err(type_error(format!("'{}' object is not subscriptable", type_name(u)))),
        }
}

pub fn getitem_index(obj: Value, key: Value, u: Value) -> PyResult<Value> {
    match kind(u) {
        Some(Kind::List(l)) => {
            let i = match index_of(key) {
                Some(r) => r?,
                None => return Err(type_error(format!("list indices must be integers or slices, not {}", type_name(key)))),
            };
            Ok(l[norm_index(i, l.len(), "list")?])
        }
        Some(Kind::Tuple(t)) => {
            let i = match index_of(key) {
                Some(r) => r?,
                None => return Err(type_error(format!("tuple indices must be integers or slices, not {}", type_name(key)))),
            };
            Ok(t[norm_index(i, t.len(), "tuple")?])
        }
        Some(Kind::Str(s)) => {
            let i = match index_of(key) {
                Some(r) => r?,
                None => return Err(type_error(format!("string indices must be integers, not '{}'", type_name(key)))),
            };
            let j = norm_index(i, s.chars, "string")?;
            if s.chars == s.s.len() {
                return Ok(new_str(&s.s[j..j + 1]));
            }
            let c = s.s.chars().nth(j).unwrap_or(' ');
            Ok(new_string(c.to_string()))
        }
        Some(Kind::Bytes(b) | Kind::ByteArray(b)) => {
            let i = match index_of(key) {
                Some(r) => r?,
                None => return Err(type_error(format!("byte indices must be integers or slices, not {}", type_name(key)))),
            };
            Ok(Value::int(b[norm_index(i, b.len(), "index")?] as i64))
        }
        Some(Kind::Dict(d)) => match d.get(key)? {
            Some(v) => Ok(v),
            None => {
                if let Some(f) = user_dunder(obj, "__missing__") {
                    return call_dunder(f, obj, &[key]);
                }
                crate::builtins::dict_missing(obj, key)
            }
        },
        Some(Kind::Range { start, stop, step }) => {
            let i = match index_of(key) {
                Some(r) => r?,
                None => return Err(type_error(format!("range indices must be integers or slices, not {}", type_name(key)))),
            };
            let (start, stop, step) = (*start, *stop, *step);
            // In i64: a range's length may exceed a 32-bit usize.
            let len = range_len(start, stop, step);
            let j = if i < 0 { i + len } else { i };
            if j < 0 || j >= len {
                return Err(index_error("range object index out of range"));
            }
            Ok(Value::int(start + j * step))
        }
        Some(Kind::Deque { items, .. }) => {
            let i = match index_of(key) {
                Some(r) => r?,
                None => return Err(type_error(format!("sequence index must be integer, not '{}'", type_name(key)))),
            };
            let j = norm_index(i, items.len(), "deque")?;
            Ok(items[j])
        }
        Some(Kind::Type(_)) => {
            if let Some(f) = types::lookup_str(obj.objref(), "__class_getitem__") {
                return call::call(attr::bind(f, obj, obj.objref())?, &[key], &[]);
            }
            Ok(obj)
        }
        _ => Err(type_error(format!("'{}' object is not subscriptable", type_name(obj)))),
    }
}

/// `l[start:stop:step] = value` of a list (`u` unwrapped).
pub fn set_list_slice(u: Value, start: Value, stop: Value, step: Value, value: Value) -> PyResult<()> {
    let machine_int = |b: Value| match b.tag {
        T_INT => Some(Some(b.i())),
        _ if b.is_none() => Some(None),
        _ => None,
    };
    let src: Option<&[Value]> = match kind(value) {
        Some(Kind::List(v)) if value.payload != u.payload => Some(v),
        Some(Kind::Tuple(t)) => Some(t),
        _ => None,
    };
    if let (Some(src), Some(start), Some(stop), Some(step)) = (src, machine_int(start), machine_int(stop), machine_int(step)) {
        // Another list or a tuple of the slice's length: copied in place,
        // without collecting the items first.
        let l = as_list(u).expect("list");
        let step = step.unwrap_or(1);
        if step == 0 {
            return Err(value_error("slice step cannot be zero".into()));
        }
        let (s, _, st, n) = slice_span(start, stop, step, l.len() as i64);
        if src.len() as i64 == n {
            if st == 1 {
                l[s as usize..(s + n) as usize].copy_from_slice(src);
            } else {
                for (k, v) in src.iter().enumerate() {
                    l[(s + k as i64 * st) as usize] = *v;
                }
            }
            return Ok(());
        }
    }
    if iter::is_plainly_not_iterable(value) {
        return Err(type_error("can only assign an iterable".into()));
    }
    let items = iter::collect(value)?;
    let l = as_list(u).expect("list");
    let (s, e, st, n) = slice_indices(start, stop, step, l.len() as i64)?;
    if st == 1 {
        let e = e.max(s);
        l.splice(s as usize..e as usize, items);
    } else {
        if items.len() as i64 != n {
            return Err(value_error(format!("attempt to assign sequence of size {} to extended slice of size {}", items.len(), n)));
        }
        for (k, v) in items.into_iter().enumerate() {
            l[(s + k as i64 * st) as usize] = v;
        }
    }
    Ok(())
}

pub fn setitem(obj: Value, key: Value, value: Value) -> PyResult<()> {
    if let Some(f) = user_dunder(obj, "__setitem__") {
        call_dunder(f, obj, &[key, value])?;
        return Ok(());
    }
    let u = unwrap_base(obj);
    match kind(u) {
        Some(Kind::List(_)) => {
            if let Some(Kind::Slice { start, stop, step }) = kind(key) {
                let (start, stop, step) = (*start, *stop, *step);
                return set_list_slice(u, start, stop, step, value);
            }
            let l = as_list(u).expect("list");
            let i = match index_of(key) {
                Some(r) => r?,
                None => return Err(type_error(format!("list indices must be integers or slices, not {}", type_name(key)))),
            };
            let j = norm_index(i, l.len(), "list assignment")?;
            l[j] = value;
            Ok(())
        }
        Some(Kind::Dict(d)) => d.set(key, value),
        Some(Kind::ByteArray(b)) => {
            let i = index_of(key).ok_or_else(|| type_error("bytearray indices must be integers".into()))??;
            let j = norm_index(i, b.len(), "bytearray")?;
            let v = value.as_int().filter(|v| (0..256).contains(v)).ok_or_else(|| value_error("byte must be in range(0, 256)".into()))?;
            b[j] = v as u8;
            Ok(())
        }
        Some(Kind::Deque { items, .. }) => {
            let i = index_of(key).ok_or_else(|| type_error("sequence index must be integer".into()))??;
            let j = norm_index(i, items.len(), "deque")?;
            items[j] = value;
            Ok(())
        }
        _ => Err(type_error(format!("'{}' object does not support item assignment", type_name(obj)))),
    }
}

pub fn delitem(obj: Value, key: Value) -> PyResult<()> {
    if let Some(f) = user_dunder(obj, "__delitem__") {
        call_dunder(f, obj, &[key])?;
        return Ok(());
    }
    let u = unwrap_base(obj);
    match kind(u) {
        Some(Kind::List(l)) => {
            if let Some(Kind::Slice { start, stop, step }) = kind(key) {
                let (s, _, st, n) = slice_indices(*start, *stop, *step, l.len() as i64)?;
                let mut idx: Vec<usize> = (0..n).map(|k| (s + k * st) as usize).collect();
                idx.sort_unstable();
                for i in idx.into_iter().rev() {
                    l.remove(i);
                }
                return Ok(());
            }
            let i = index_of(key).ok_or_else(|| type_error(format!("list indices must be integers or slices, not {}", type_name(key))))??;
            let j = norm_index(i, l.len(), "list assignment")?;
            l.remove(j);
            Ok(())
        }
        Some(Kind::Dict(d)) => match d.remove(key)? {
            Some(_) => Ok(()),
            None => Err(key_error(key)),
        },
        Some(Kind::Deque { items, .. }) => {
            let i = index_of(key).ok_or_else(|| type_error("sequence index must be integer".into()))??;
            let j = norm_index(i, items.len(), "deque")?;
            items.remove(j);
            Ok(())
        }
        Some(Kind::ByteArray(b)) => {
            if let Some(Kind::Slice { start, stop, step }) = kind(key) {
                let (s, _, st, n) = slice_indices(*start, *stop, *step, b.len() as i64)?;
                let mut idx: Vec<usize> = (0..n).map(|k| (s + k * st) as usize).collect();
                idx.sort_unstable();
                for i in idx.into_iter().rev() {
                    b.remove(i);
                }
                return Ok(());
            }
            let i = index_of(key).ok_or_else(|| type_error("bytearray indices must be integers or slices".into()))??;
            let j = norm_index(i, b.len(), "bytearray")?;
            b.remove(j);
            Ok(())
        }
        _ => Err(type_error(format!("'{}' object doesn't support item deletion", type_name(obj)))),
    }
}

pub fn unary(op: crate::bytecode::UnOp, v: Value) -> PyResult<Value> {
    use crate::bytecode::UnOp;
    match op {
        UnOp::Not => return Ok(Value::bool(!truth(v)?)),
        UnOp::Neg => {
            if let Some(f) = v.as_float() {
                return Ok(Value::float(-f));
            }
            if num::is_int(v) && v.tag != T_OBJ || matches!(kind(v), Some(Kind::BigInt(_))) {
                return Ok(num::int_neg(v));
            }
            if let Some(f) = user_dunder(v, "__neg__") {
                return call_dunder(f, v, &[]);
            }
        }
        UnOp::Pos => {
            if v.tag == T_BOOL {
                return Ok(Value::int(v.i()));
            }
            if v.as_float().is_some() || num::is_int(v) && (v.tag != T_OBJ || matches!(kind(v), Some(Kind::BigInt(_)))) {
                return Ok(v);
            }
            if let Some(f) = user_dunder(v, "__pos__") {
                return call_dunder(f, v, &[]);
            }
        }
        UnOp::Invert => {
            if let Some(i) = v.as_int() {
                return Ok(Value::int(!i));
            }
            if let Some(Kind::BigInt(b)) = kind(v) {
                return Ok(num::from_bigint(-(&**b) - 1));
            }
            if let Some(f) = user_dunder(v, "__invert__") {
                return call_dunder(f, v, &[]);
            }
        }
    }
    if matches!(op, UnOp::Pos | UnOp::Neg) && types::is_subtype(type_of(v), vm().t.counter) {
        let empty = alloc(vm().t.counter, Kind::Dict(Box::default()));
        return if op == UnOp::Pos {
            Ok(crate::builtins::counter_op(BinOp::Add, empty, v)?.unwrap_or(empty))
        } else {
            Ok(crate::builtins::counter_op(BinOp::Sub, empty, v)?.unwrap_or(empty))
        };
    }
    let u = unwrap_base(v);
    if !u.is(v) {
        return unary(op, u);
    }
    let sym = match op {
        UnOp::Neg => "unary -",
        UnOp::Pos => "unary +",
        UnOp::Invert => "unary ~",
        UnOp::Not => "not",
    };
    Err(type_error(format!("bad operand type for {}: '{}'", sym, type_name(v))))
}
