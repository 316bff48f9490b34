//! Constructors of built-in types and the methods of object, type, int,
//! float, exceptions, generators, properties and files.

use super::*;
use crate::object::{IterKind, Property};
use crate::runtime::{num, repr};
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

fn first_or(a: &[Value], k: Kw, name: &str) -> Option<Value> {
    a.first().copied().or_else(|| kwarg(k, name))
}

pub fn parse_int(s: &str, base: u32) -> Option<BigInt> {
    let t = s.trim_matches(|c: char| c.is_whitespace());
    let (neg, body) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (body, base) = {
        let lower = body.to_ascii_lowercase();
        let pref = |p: &str, b: u32| -> Option<(String, u32)> { if lower.starts_with(p) && (base == b || base == 0) { Some((body[2..].to_string(), b)) } else { None } };
        if let Some(x) = pref("0x", 16).or_else(|| pref("0o", 8)).or_else(|| pref("0b", 2)) {
            (x.0, x.1)
        } else {
            (body.to_string(), if base == 0 { 10 } else { base })
        }
    };
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    let digits: String = body.chars().filter(|&c| c != '_').collect();
    let b = BigInt::parse_bytes(digits.as_bytes(), base)?;
    Some(if neg { -b } else { b })
}

fn int_from_str(s: &str, base: u32, orig: Value) -> PyResult<Value> {
    let digits = s.trim().trim_start_matches(['+', '-']).chars().filter(|c| c.is_ascii_digit()).count();
    let limit = vm().int_max_str_digits;
    if base == 10 && limit > 0 && digits > limit {
        return Err(rt::value_error(format!("Exceeds the limit ({limit} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit")));
    }
    match parse_int(s, base) {
        Some(b) => Ok(num::from_bigint(b)),
        None => Err(rt::value_error(format!("invalid literal for int() with base {}: {}", base, repr::repr(orig)?))),
    }
}

pub fn to_int(v: Value) -> PyResult<Value> {
    let u = ops::unwrap_base(v);
    if u.tag == crate::value::T_BOOL {
        return Ok(Value::int(u.i()));
    }
    if num::is_int(u) {
        return Ok(u);
    }
    if let Some(f) = u.as_float() {
        return num::float_to_int(f.trunc());
    }
    if let Some(s) = rt::as_str(u) {
        return int_from_str(&s.s, 10, u);
    }
    if let Some(b) = bytes_like(u) {
        let s = String::from_utf8_lossy(&b).to_string();
        return int_from_str(&s, 10, v);
    }
    for name in ["__int__", "__index__", "__trunc__"] {
        if let Some(f) = ops::user_dunder(v, name) {
            return ops::call_dunder(f, v, &[]);
        }
    }
    Err(rt::type_error(format!("int() argument must be a string, a bytes-like object or a real number, not '{}'", rt::type_name(v))))
}

pub fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let (neg, body) = match lower.strip_prefix('-') {
        Some(r) => (true, r.to_string()),
        None => (false, lower.strip_prefix('+').unwrap_or(&lower).to_string()),
    };
    let v = match body.as_str() {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => {
            if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") || body.contains("_.") || body.contains("._") {
                return None;
            }
            if !body.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
                return None;
            }
            let clean: String = body.chars().filter(|&c| c != '_').collect();
            if !clean.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-')) || !clean.chars().any(|c| c.is_ascii_digit()) {
                return None;
            }
            clean.parse::<f64>().ok()?
        }
    };
    Some(if neg { -v } else { v })
}

pub fn to_float(v: Value) -> PyResult<f64> {
    let u = ops::unwrap_base(v);
    if let Some(f) = u.as_float() {
        return Ok(f);
    }
    if num::is_int(u) {
        return num::to_f64(u).expect("int")?.pipe_ok();
    }
    if let Some(s) = rt::as_str(u) {
        return parse_float(&s.s).ok_or_else(|| rt::value_error(format!("could not convert string to float: {}", repr::str_repr(&s.s))));
    }
    for name in ["__float__", "__index__"] {
        if let Some(f) = ops::user_dunder(v, name) {
            let r = ops::call_dunder(f, v, &[])?;
            return to_float(r);
        }
    }
    Err(rt::type_error(format!("float() argument must be a string or a real number, not '{}'", rt::type_name(v))))
}

trait PipeOk: Sized {
    fn pipe_ok(self) -> PyResult<Self> {
        Ok(self)
    }
}
impl PipeOk for f64 {}

fn collect_set(a: Option<Value>) -> PyResult<crate::runtime::set::Set> {
    let mut s = crate::runtime::set::Set::default();
    if let Some(v) = a {
        if let Some(o) = rt::as_set(v) {
            let o = o.clone();
            s.merge(&o)?;
            return Ok(s);
        }
        if let Some(d) = rt::as_dict(v) {
            let keys: Vec<(i64, Value)> = d.keys().into_iter().map(|k| (crate::runtime::hash::hash_value(k).unwrap_or(0), k)).collect();
            s.update_from_dict(&keys)?;
            return Ok(s);
        }
        for x in iter::collect(v)? {
            s.add(x)?;
        }
    }
    Ok(s)
}

/// SyntaxError(msg, (filename, lineno, offset, text[, end_lineno,
/// end_offset])) spreads its details over attributes; missing ones are None.
fn syntax_error_fields(e: ObjRef, a: &[Value]) {
    let details: &[Value] = if a.len() == 2 { rt::as_tuple(a[1]).unwrap_or(&[]) } else { &[] };
    let names = ["filename", "lineno", "offset", "text", "end_lineno", "end_offset"];
    let msg = if a.is_empty() { Value::NONE } else { a[0] };
    attr::instance_set(e, rt::intern("msg"), msg);
    for (i, n) in names.iter().enumerate() {
        attr::instance_set(e, rt::intern(n), details.get(i).copied().unwrap_or(Value::NONE));
    }
}

pub fn construct(cls: ObjRef, a: &[Value], k: Kw) -> PyResult<Value> {
    let t = &vm().t;
    let c = cls;
    if types::is_subtype(c, t.base_exception) {
        let e = rt::new_exception_args(c, a.to_vec());
        if types::is_subtype(c, t.syntax_error) {
            syntax_error_fields(e, a);
        }
        return Ok(e.val());
    }
    if c == t.object {
        if !a.is_empty() || !k.is_empty() {
            return Err(rt::type_error("object() takes no arguments".into()));
        }
        return Ok(attr::new_instance(c));
    }
    if c == t.int {
        if a.len() > 2 {
            return Err(rt::type_error(format!("int() takes at most 2 arguments ({} given)", a.len())));
        }
        let x = first_or(a, k, "x");
        let base = a.get(1).copied().or_else(|| kwarg(k, "base"));
        return match (x, base) {
            (None, _) => Ok(Value::int(0)),
            (Some(x), None) => to_int(x),
            (Some(x), Some(b)) => {
                let b = to_index(b, "")?;
                if b != 0 && !(2..=36).contains(&b) {
                    return Err(rt::value_error("int() base must be >= 2 and <= 36, or 0".into()));
                }
                match rt::as_str(x) {
                    Some(s) => int_from_str(&s.s, b as u32, x),
                    None => Err(rt::type_error("int() can't convert non-string with explicit base".into())),
                }
            }
        };
    }
    if c == t.bool_ {
        return Ok(Value::bool(match a.first() {
            Some(v) => ops::truth(*v)?,
            None => false,
        }));
    }
    if c == t.float {
        return Ok(Value::float(match a.first() {
            Some(v) => to_float(*v)?,
            None => 0.0,
        }));
    }
    if c == t.str_ {
        let Some(x) = first_or(a, k, "object") else { return Ok(rt::new_str("")) };
        if let Some(enc) = a.get(1).copied().or_else(|| kwarg(k, "encoding")) {
            let b = bytes_like(x).ok_or_else(|| rt::type_error(format!("decoding to str: need a bytes-like object, {} found", rt::type_name(x))))?;
            let errors = a.get(2).copied().or_else(|| kwarg(k, "errors")).map(|v| rt::str_of(v).to_string()).unwrap_or_else(|| "strict".into());
            return Ok(rt::new_string(super::strmeth::decode(&b, rt::str_of(enc), &errors)?));
        }
        return repr::str_value(x);
    }
    if c == t.bytes || c == t.bytearray {
        let data: Vec<u8> = match a.first() {
            None => vec![],
            Some(x) => {
                if let Some(s) = rt::as_str(*x) {
                    let enc = a.get(1).copied().or_else(|| kwarg(k, "encoding")).ok_or_else(|| rt::type_error("string argument without an encoding".into()))?;
                    let m = attr::getattr(*x, rt::intern("encode"))?;
                    let _ = s;
                    bytes_like(call::call(m, &[enc], &[])?).unwrap_or_default()
                } else if let Some(b) = bytes_like(*x) {
                    b
                } else if let Some(n) = x.as_int() {
                    if n < 0 {
                        return Err(rt::value_error("negative count".into()));
                    }
                    vec![0; n as usize]
                } else {
                    let mut out = vec![];
                    for v in iter::collect(*x)? {
                        let n = to_index(v, "")?;
                        if !(0..256).contains(&n) {
                            return Err(rt::value_error("bytes must be in range(0, 256)".into()));
                        }
                        out.push(n as u8);
                    }
                    out
                }
            }
        };
        return Ok(if c == t.bytes { rt::new_bytes(data) } else { rt::alloc(t.bytearray, Kind::ByteArray(data)) });
    }
    if c == t.list {
        return Ok(rt::new_list(match a.first() {
            Some(x) => iter::collect(*x)?,
            None => vec![],
        }));
    }
    if c == t.tuple {
        return Ok(match a.first() {
            Some(x) if rt::type_of(*x) == t.tuple => *x,
            Some(x) => rt::new_tuple(iter::collect(*x)?),
            None => rt::new_tuple(vec![]),
        });
    }
    if c == t.dict || c == t.ordereddict || c == t.defaultdict || c == t.counter {
        let d = rt::alloc(c, Kind::Dict(Box::default()));
        if c == t.defaultdict {
            let f = a.first().copied().unwrap_or(Value::NONE);
            if !f.is_none() && !funcs::is_callable(f) {
                return Err(rt::type_error("first argument must be callable or None".into()));
            }
            rt::as_dict(d).expect("dict").default_factory = f;
            seqmeth::dict_update_from(d, a.get(1..).unwrap_or(&[]), k)?;
        } else if c == t.counter {
            let m = attr::getattr(d, rt::intern("update"))?;
            call::call(m, a, k)?;
        } else {
            seqmeth::dict_update_from(d, a, k)?;
        }
        return Ok(d);
    }
    if c == t.set || c == t.frozenset {
        let s = collect_set(a.first().copied())?;
        let out = rt::new_set(c == t.frozenset);
        *rt::as_set(out).expect("set") = s;
        return Ok(out);
    }
    if c == t.range {
        nargs("range", a, 1, 3).map_err(|e| if a.is_empty() { rt::type_error("range expected at least 1 argument, got 0".into()) } else { e })?;
        let ints: Vec<i64> = a.iter().map(|v| to_index(*v, "")).collect::<PyResult<_>>()?;
        let (start, stop, step) = match ints.len() {
            1 => (0, ints[0], 1),
            2 => (ints[0], ints[1], 1),
            _ => (ints[0], ints[1], ints[2]),
        };
        if step == 0 {
            return Err(rt::value_error("range() arg 3 must not be zero".into()));
        }
        return Ok(rt::alloc(t.range, Kind::Range { start, stop, step }));
    }
    if c == t.slice {
        nargs("slice", a, 1, 3)?;
        let (start, stop, step) = match a.len() {
            1 => (Value::NONE, a[0], Value::NONE),
            2 => (a[0], a[1], Value::NONE),
            _ => (a[0], a[1], a[2]),
        };
        return Ok(rt::alloc(t.slice, Kind::Slice { start, stop, step }));
    }
    if c == t.property {
        let g = |i: usize, n: &str| a.get(i).copied().or_else(|| kwarg(k, n)).unwrap_or(Value::NONE);
        let fget = g(0, "fget");
        let mut doc = g(3, "doc");
        if doc.is_none() && !fget.is_none() {
            doc = attr::getattr_opt(fget, rt::intern("__doc__")).ok().flatten().unwrap_or(Value::NONE);
        }
        return Ok(rt::alloc(t.property, Kind::Property(Box::new(Property { fget, fset: g(1, "fset"), fdel: g(2, "fdel"), doc, name: Value::NONE }))));
    }
    if c == t.staticmethod {
        nargs("staticmethod", a, 1, 1)?;
        return Ok(rt::alloc(t.staticmethod, Kind::StaticMethod(a[0])));
    }
    if c == t.classmethod {
        nargs("classmethod", a, 1, 1)?;
        return Ok(rt::alloc(t.classmethod, Kind::ClassMethod(a[0])));
    }
    if c == t.super_ {
        return make_super(a);
    }
    if c == t.deque {
        let maxlen = match a.get(1).copied().or_else(|| kwarg(k, "maxlen")) {
            Some(v) if !v.is_none() => Some(to_index(v, "")?.max(0) as usize),
            _ => None,
        };
        let mut items: std::collections::VecDeque<Value> = match first_or(a, k, "iterable") {
            Some(x) => iter::collect(x)?.into(),
            None => Default::default(),
        };
        if let Some(m) = maxlen {
            while items.len() > m {
                items.pop_front();
            }
        }
        return Ok(rt::alloc(t.deque, Kind::Deque { items, maxlen }));
    }
    if c == t.complex {
        let re = a.first().map(|v| to_float(*v)).transpose()?.unwrap_or(0.0);
        let im = a.get(1).map(|v| to_float(*v)).transpose()?.unwrap_or(0.0);
        return Ok(num::new_complex(re, im));
    }
    if c == t.none_type {
        return Ok(Value::NONE);
    }
    if c == t.random {
        return crate::modules::random::new_random(a);
    }
    Err(rt::type_error(format!("cannot create '{}' instances", types::type_data(c).name)))
}

fn make_super(a: &[Value]) -> PyResult<Value> {
    let t = &vm().t;
    if a.len() == 2 {
        if !types::is_type(a[0]) {
            return Err(rt::type_error(format!("super() argument 1 must be a type, not {}", rt::type_name(a[0]))));
        }
        return Ok(rt::alloc(t.super_, Kind::Super { start: a[0].objref(), this: a[1] }));
    }
    let f = vm().frames.last().ok_or_else(|| rt::runtime_error("super(): no current frame".into()))?;
    let code = f.code;
    if code.argcount == 0 {
        return Err(rt::runtime_error("super(): no arguments".into()));
    }
    let idx = code.cellvars.iter().chain(code.freevars.iter()).position(|n| n == "__class__").ok_or_else(|| rt::runtime_error("super(): __class__ cell not found".into()))?;
    let cell = f.get(crate::interp::frame::Frame::local(code.varnames.len() + idx));
    let cls = match rt::kind(cell) {
        Some(Kind::Cell(v)) if types::is_type(*v) => v.objref(),
        _ => return Err(rt::runtime_error("super(): empty __class__ cell".into())),
    };
    let mut this = f.get(crate::interp::frame::Frame::local(0));
    if let Some((_, ci)) = code.cell_params.iter().find(|(li, _)| *li == 0) {
        if let Some(Kind::Cell(v)) = rt::kind(f.get(crate::interp::frame::Frame::local(code.varnames.len() + *ci as usize))) {
            this = *v;
        }
    }
    Ok(rt::alloc(t.super_, Kind::Super { start: cls, this }))
}

fn int_arg(v: Value) -> PyResult<BigInt> {
    num::to_bigint(ops::unwrap_base(v)).ok_or_else(|| rt::type_error(format!("descriptor requires an 'int' object but received a '{}'", rt::type_name(v))))
}

fn as_integer_ratio(f: f64) -> PyResult<Value> {
    if f.is_infinite() {
        return Err(rt::overflow_error("cannot convert Infinity to integer ratio".into()));
    }
    if f.is_nan() {
        return Err(rt::value_error("cannot convert NaN to integer ratio".into()));
    }
    let (m, e) = crate::runtime::hash::frexp(f);
    let mut mant = m;
    let mut exp = e;
    for _ in 0..300 {
        if mant == mant.floor() {
            break;
        }
        mant *= 2.0;
        exp -= 1;
    }
    let mut n = num::bigint_from_f64(mant);
    let mut d = BigInt::from(1);
    if exp > 0 {
        n <<= exp as usize;
    } else {
        d <<= (-exp) as usize;
    }
    Ok(rt::new_tuple(vec![num::from_bigint(n), num::from_bigint(d)]))
}

pub fn register() {
    let t = &vm().t;
    let obj = t.object;
    method(obj, "__init__", |_, _| Ok(Value::NONE));
    method(obj, "__new__", |a, k| {
        let cls = *a.first().ok_or_else(|| rt::type_error("object.__new__(): not enough arguments".into()))?;
        if !types::is_type(cls) {
            return Err(rt::type_error("object.__new__(X): X is not a type object".into()));
        }
        call::new_object_of(cls.objref(), &a[1..], k)
    });
    method(obj, "__setattr__", |a, _| {
        nargs("__setattr__", a, 3, 3)?;
        attr::generic_setattr(a[0], rt::intern(rt::str_of(a[1])), a[2])?;
        Ok(Value::NONE)
    });
    method(obj, "__getattribute__", |a, _| {
        let name = rt::intern(rt::str_of(a[1]));
        match attr::generic_getattr_only(a[0], name)? {
            Some(v) => Ok(v),
            None => Err(attr::no_attribute(a[0], name)),
        }
    });
    method(obj, "__delattr__", |a, _| {
        attr::delattr(a[0], rt::intern(rt::str_of(a[1])))?;
        Ok(Value::NONE)
    });
    method(obj, "__eq__", |a, _| Ok(if a[0].is(a[1]) { Value::TRUE } else { rt::not_implemented() }));
    method(obj, "__ne__", |a, _| Ok(if a[0].is(a[1]) { Value::FALSE } else { rt::not_implemented() }));
    method(obj, "__hash__", |a, _| Ok(Value::int(crate::runtime::hash::id_hash(a[0].payload as usize))));
    method(obj, "__repr__", |a, _| {
        let td = types::type_data(rt::type_of(a[0]));
        Ok(rt::new_string(format!("<{}.{} object at {}>", td.module, td.qualname, repr::addr_str(a[0]))))
    });
    method(obj, "__str__", |a, _| Ok(rt::new_string(repr::repr(a[0])?)));
    method(obj, "__format__", |a, _| {
        let spec = rt::str_of(a[1]);
        if !spec.is_empty() {
            return Err(rt::type_error(format!("unsupported format string passed to {}.__format__", rt::type_name(a[0]))));
        }
        Ok(rt::new_string(repr::str(a[0])?))
    });
    method(obj, "__init_subclass__", |_, _| Ok(Value::NONE));
    let d = rt::as_dict(types::type_data(obj).dict.val()).expect("dict");
    if let Some(f) = d.get_str(rt::intern("__init_subclass__")) {
        let _ = d.set(rt::intern("__init_subclass__"), rt::alloc(vm().t.classmethod, Kind::ClassMethod(f)));
    }
    if let Some(f) = d.get_str(rt::intern("__new__")) {
        let _ = d.set(rt::intern("__new__"), rt::alloc(vm().t.staticmethod, Kind::StaticMethod(f)));
    }
    let int = t.int;
    method(int, "bit_length", |a, _| Ok(Value::int(int_arg(a[0])?.abs().bits() as i64)));
    method(int, "bit_count", |a, _| Ok(Value::int(int_arg(a[0])?.abs().to_biguint().map(|b| b.count_ones()).unwrap_or(0) as i64)));
    method(int, "conjugate", |a, _| Ok(num::from_bigint(int_arg(a[0])?)));
    method(int, "as_integer_ratio", |a, _| Ok(rt::new_tuple(vec![num::from_bigint(int_arg(a[0])?), Value::int(1)])));
    method(int, "__index__", |a, _| Ok(num::from_bigint(int_arg(a[0])?)));
    method(int, "to_bytes", |a, k| {
        let n = int_arg(a[0])?;
        let length = a.get(1).copied().or_else(|| kwarg(k, "length")).map(|v| to_index(v, "")).transpose()?.unwrap_or(1) as usize;
        let order = a.get(2).copied().or_else(|| kwarg(k, "byteorder")).map(|v| rt::str_of(v).to_string()).unwrap_or_else(|| "big".into());
        let signed = kwarg(k, "signed").map(ops::truth).transpose()?.unwrap_or(false);
        if n.is_negative() && !signed {
            return Err(rt::overflow_error("can't convert negative int to unsigned".into()));
        }
        let mut bytes = n.to_signed_bytes_le();
        if !n.is_negative() && !signed {
            while bytes.len() > 1 && bytes.last() == Some(&0) {
                bytes.pop();
            }
            if n.is_zero() {
                bytes = vec![];
            }
        }
        if bytes.len() > length {
            return Err(rt::overflow_error("int too big to convert".into()));
        }
        let fill = if n.is_negative() { 0xff } else { 0 };
        bytes.resize(length, fill);
        if order == "big" {
            bytes.reverse();
        }
        Ok(rt::new_bytes(bytes))
    });
    method(int, "from_bytes", |a, k| {
        let data = bytes_like(a[1]).or_else(|| iter::collect(a[1]).ok().map(|v| v.iter().map(|x| x.as_int().unwrap_or(0) as u8).collect())).unwrap_or_default();
        let order = a.get(2).copied().or_else(|| kwarg(k, "byteorder")).map(|v| rt::str_of(v).to_string()).unwrap_or_else(|| "big".into());
        if order != "big" && order != "little" {
            return Err(rt::value_error("byteorder must be either 'little' or 'big'".into()));
        }
        let signed = kwarg(k, "signed").map(ops::truth).transpose()?.unwrap_or(false);
        let mut le = data.clone();
        if order == "big" {
            le.reverse();
        }
        let n = if signed { BigInt::from_signed_bytes_le(&le) } else { BigInt::from_bytes_le(num_bigint::Sign::Plus, &le) };
        Ok(num::from_bigint(n))
    });
    let di = rt::as_dict(types::type_data(int).dict.val()).expect("dict");
    if let Some(f) = di.get_str(rt::intern("from_bytes")) {
        let _ = di.set(rt::intern("from_bytes"), rt::alloc(vm().t.classmethod, Kind::ClassMethod(f)));
    }
    let float = t.float;
    method(float, "is_integer", |a, _| Ok(Value::bool(a[0].as_float().map(|f| f.is_finite() && f.fract() == 0.0).unwrap_or(false))));
    method(float, "as_integer_ratio", |a, _| as_integer_ratio(to_float(a[0])?));
    method(float, "conjugate", |a, _| Ok(Value::float(to_float(a[0])?)));
    method(float, "hex", |a, _| Ok(rt::new_string(float_hex(to_float(a[0])?))));
    method(float, "__round__", |a, _| {
        let f = to_float(a[0])?;
        match a.get(1) {
            Some(n) if !n.is_none() => Ok(Value::float(funcs::round_float(f, to_index(*n, "")?))),
            _ => num::float_to_int(f.round_ties_even()),
        }
    });
    let be = t.base_exception;
    method(be, "__init__", |a, _| {
        if let Some(d) = rt::exc_data(a[0].objref()) {
            d.args = rt::new_tuple(a[1..].to_vec());
        }
        Ok(Value::NONE)
    });
    method(be, "__str__", |a, _| Ok(rt::new_string(rt::exc_str_builtin(a[0].objref())?)));
    method(be, "__repr__", |a, _| Ok(rt::new_string(repr::repr_exc_builtin(a[0])?)));
    method(be, "with_traceback", |a, _| Ok(a[0]));
    method(be, "add_note", |_, _| Ok(Value::NONE));
    let gen = t.generator;
    method(gen, "send", |a, _| match crate::interp::gen_resume(a[0].objref(), a.get(1).copied().unwrap_or(Value::NONE), None)? {
        crate::interp::GenStep::Yielded(v) => Ok(v),
        crate::interp::GenStep::Returned(v) => Err(rt::stop_iteration(v)),
    });
    method(gen, "throw", |a, _| {
        let e = a.get(1).copied().unwrap_or(Value::NONE);
        let exc = if a.len() > 2 && types::is_type(e) { call::call(e, &a[2..3], &[])?.objref() } else { crate::interp::build::normalize_exception(e)? };
        match crate::interp::gen_resume(a[0].objref(), Value::NONE, Some(exc))? {
            crate::interp::GenStep::Yielded(v) => Ok(v),
            crate::interp::GenStep::Returned(v) => Err(rt::stop_iteration(v)),
        }
    });
    method(gen, "close", |a, _| {
        crate::interp::gen_close(a[0].objref())?;
        Ok(Value::NONE)
    });
    method(gen, "__next__", |a, _| match crate::interp::gen_resume(a[0].objref(), Value::NONE, None)? {
        crate::interp::GenStep::Yielded(v) => Ok(v),
        crate::interp::GenStep::Returned(v) => Err(rt::stop_iteration(v)),
    });
    method(gen, "__iter__", |a, _| Ok(a[0]));
    let it = t.iterator;
    method(it, "__next__", |a, _| match iter::next(a[0])? {
        Some(v) => Ok(v),
        None => Err(rt::stop_iteration(Value::NONE)),
    });
    method(it, "__iter__", |a, _| Ok(a[0]));
    let prop = t.property;
    fn prop_with(a: &[Value], which: u8) -> PyResult<Value> {
        let Some(Kind::Property(p)) = rt::kind(a[0]) else { return Ok(a[0]) };
        let mut np = Property { fget: p.fget, fset: p.fset, fdel: p.fdel, doc: p.doc, name: p.name };
        match which {
            0 => np.fget = a[1],
            1 => np.fset = a[1],
            _ => np.fdel = a[1],
        }
        Ok(rt::alloc(vm().t.property, Kind::Property(Box::new(np))))
    }
    method(prop, "getter", |a, _| prop_with(a, 0));
    method(prop, "setter", |a, _| prop_with(a, 1));
    method(prop, "deleter", |a, _| prop_with(a, 2));
    method(prop, "__get__", |a, _| {
        if a.len() < 2 || a[1].is_none() {
            return Ok(a[0]);
        }
        attr::bind(a[0], a[1], rt::type_of(a[1]))
    });
    crate::modules::io::register_file_methods();
    let _ = IterKind::Buffered { items: Default::default() };
    let ty = t.type_;
    method(ty, "__call__", |a, k| call::call(a[0], &a[1..], k));
    register_number_dunders();
    method(t.slice, "indices", |a, _| {
        let Some(Kind::Slice { start, stop, step }) = rt::kind(a[0]) else { return Ok(Value::NONE) };
        let n = to_index(*a.get(1).ok_or_else(|| rt::type_error("slice.indices() takes exactly one argument (0 given)".into()))?, "")?;
        if n < 0 {
            return Err(rt::value_error("length should not be negative".into()));
        }
        let (s, e, st, _) = ops::slice_indices(*start, *stop, *step, n)?;
        Ok(rt::new_tuple(vec![Value::int(s), Value::int(e), Value::int(st)]))
    });
    method(t.float, "fromhex", |a, _| {
        let s = rt::str_of(*a.last().unwrap_or(&Value::NONE)).trim().to_ascii_lowercase();
        let (neg, body) = match s.strip_prefix('-') {
            Some(r) => (true, r.to_string()),
            None => (false, s.trim_start_matches('+').to_string()),
        };
        let body = body.trim_start_matches("0x");
        let (mant, exp) = match body.split_once('p') {
            Some((m, e)) => (m.to_string(), e.parse::<i32>().map_err(|_| rt::value_error("invalid hexadecimal floating-point string".into()))?),
            None => (body.to_string(), 0),
        };
        let (ip, fp) = mant.split_once('.').unwrap_or((&mant, ""));
        let mut v = 0f64;
        for c in ip.chars() {
            v = v * 16.0 + c.to_digit(16).ok_or_else(|| rt::value_error("invalid hexadecimal floating-point string".into()))? as f64;
        }
        let mut scale = 1.0 / 16.0;
        for c in fp.chars() {
            v += c.to_digit(16).ok_or_else(|| rt::value_error("invalid hexadecimal floating-point string".into()))? as f64 * scale;
            scale /= 16.0;
        }
        let r = v * 2f64.powi(exp);
        Ok(Value::float(if neg { -r } else { r }))
    });
    let fd = rt::as_dict(types::type_data(t.float).dict.val()).expect("dict");
    if let Some(f) = fd.get_str(rt::intern("fromhex")) {
        let _ = fd.set(rt::intern("fromhex"), rt::alloc(vm().t.classmethod, Kind::ClassMethod(f)));
    }
}

/// `int.__add__` & co. (explicit calls and super() in subclasses).
fn register_number_dunders() {
    use crate::bytecode::{BinOp, CmpOp, UnOp};
    let ops_list: [(BinOp, &'static str, &'static str); 12] = [
        (BinOp::Add, "__add__", "__radd__"),
        (BinOp::Sub, "__sub__", "__rsub__"),
        (BinOp::Mul, "__mul__", "__rmul__"),
        (BinOp::TrueDiv, "__truediv__", "__rtruediv__"),
        (BinOp::FloorDiv, "__floordiv__", "__rfloordiv__"),
        (BinOp::Mod, "__mod__", "__rmod__"),
        (BinOp::Pow, "__pow__", "__rpow__"),
        (BinOp::LShift, "__lshift__", "__rlshift__"),
        (BinOp::RShift, "__rshift__", "__rrshift__"),
        (BinOp::And, "__and__", "__rand__"),
        (BinOp::Or, "__or__", "__ror__"),
        (BinOp::Xor, "__xor__", "__rxor__"),
    ];
    thread_local! {
        static OPS: std::cell::RefCell<std::collections::HashMap<&'static str, (BinOp, bool)>> = Default::default();
    }
    fn number_dunder(a: &[Value], _: Kw, name: &'static str) -> PyResult<Value> {
        let (op, reflected) = OPS.with(|m| m.borrow().get(name).copied()).unwrap_or((BinOp::Add, false));
        let (x, y) = (ops::unwrap_base(a[0]), ops::unwrap_base(*a.get(1).unwrap_or(&Value::NONE)));
        let (x, y) = if reflected { (y, x) } else { (x, y) };
        match num::number_op(op, x, y) {
            Some(r) => r,
            None => Ok(rt::not_implemented()),
        }
    }
    macro_rules! reg {
        ($($name:literal),*) => {$(
            for t in [vm().t.int, vm().t.float] {
                method(t, $name, |a, k| number_dunder(a, k, $name));
            }
        )*};
    }
    OPS.with(|m| {
        let mut m = m.borrow_mut();
        for (op, n, r) in ops_list {
            m.insert(n, (op, false));
            m.insert(r, (op, true));
        }
    });
    reg!("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__",
         "__mod__", "__rmod__", "__pow__", "__rpow__", "__lshift__", "__rlshift__", "__rshift__", "__rrshift__", "__and__", "__rand__", "__or__", "__ror__", "__xor__", "__rxor__");
    for t in [vm().t.int, vm().t.float] {
        method(t, "__neg__", |a, _| ops::unary(UnOp::Neg, ops::unwrap_base(a[0])));
        method(t, "__pos__", |a, _| ops::unary(UnOp::Pos, ops::unwrap_base(a[0])));
        method(t, "__abs__", |a, _| {
            let v = ops::unwrap_base(a[0]);
            if let Some(f) = v.as_float() {
                return Ok(Value::float(f.abs()));
            }
            let b = num::to_bigint(v).unwrap_or_default();
            Ok(num::from_bigint(b.abs()))
        });
        method(t, "__int__", |a, _| to_int(ops::unwrap_base(a[0])));
        method(t, "__float__", |a, _| Ok(Value::float(to_float(a[0])?)));
        method(t, "__bool__", |a, _| Ok(Value::bool(ops::truth(ops::unwrap_base(a[0]))?)));
        method(t, "__eq__", |a, _| ops::compare(CmpOp::Eq, ops::unwrap_base(a[0]), ops::unwrap_base(a[1])));
        method(t, "__ne__", |a, _| ops::compare(CmpOp::Ne, ops::unwrap_base(a[0]), ops::unwrap_base(a[1])));
        method(t, "__lt__", |a, _| ops::compare(CmpOp::Lt, ops::unwrap_base(a[0]), ops::unwrap_base(a[1])));
        method(t, "__le__", |a, _| ops::compare(CmpOp::Le, ops::unwrap_base(a[0]), ops::unwrap_base(a[1])));
        method(t, "__gt__", |a, _| ops::compare(CmpOp::Gt, ops::unwrap_base(a[0]), ops::unwrap_base(a[1])));
        method(t, "__ge__", |a, _| ops::compare(CmpOp::Ge, ops::unwrap_base(a[0]), ops::unwrap_base(a[1])));
        method(t, "__hash__", |a, _| Ok(Value::int(crate::runtime::hash::hash_value(ops::unwrap_base(a[0]))?)));
        method(t, "__repr__", |a, _| Ok(rt::new_string(repr::repr(ops::unwrap_base(a[0]))?)));
        method(t, "__str__", |a, _| Ok(rt::new_string(repr::str(ops::unwrap_base(a[0]))?)));
    }
    method(vm().t.int, "__invert__", |a, _| ops::unary(UnOp::Invert, ops::unwrap_base(a[0])));
    for t in [vm().t.str_, vm().t.list, vm().t.tuple] {
        method(t, "__len__", |a, _| Ok(Value::int(ops::len(ops::unwrap_base(a[0]))? as i64)));
        method(t, "__getitem__", |a, _| ops::getitem(ops::unwrap_base(a[0]), a[1]));
        method(t, "__contains__", |a, _| Ok(Value::bool(ops::contains(ops::unwrap_base(a[0]), a[1])?)));
        method(t, "__add__", |a, _| ops::binary_op(BinOp::Add, ops::unwrap_base(a[0]), a[1]));
        method(t, "__mul__", |a, _| ops::binary_op(BinOp::Mul, ops::unwrap_base(a[0]), a[1]));
        method(t, "__eq__", |a, _| ops::compare(CmpOp::Eq, ops::unwrap_base(a[0]), ops::unwrap_base(a[1])));
        method(t, "__lt__", |a, _| ops::compare(CmpOp::Lt, ops::unwrap_base(a[0]), ops::unwrap_base(a[1])));
        method(t, "__iter__", |a, _| iter::get_iter(ops::unwrap_base(a[0])));
        method(t, "__repr__", |a, _| Ok(rt::new_string(repr::repr(ops::unwrap_base(a[0]))?)));
        method(t, "__hash__", |a, _| Ok(Value::int(crate::runtime::hash::hash_value(ops::unwrap_base(a[0]))?)));
    }
    method(vm().t.str_, "__str__", |a, _| Ok(rt::new_string(repr::str(ops::unwrap_base(a[0]))?)));
    method(vm().t.list, "__setitem__", |a, _| {
        ops::setitem(ops::unwrap_base(a[0]), a[1], a[2])?;
        Ok(Value::NONE)
    });
    for t in [vm().t.int, vm().t.float, vm().t.str_, vm().t.tuple, vm().t.bytes, vm().t.frozenset] {
        method(t, "__new__", |a, k| {
            let cls = *a.first().ok_or_else(|| rt::type_error("__new__(): not enough arguments".into()))?;
            if !types::is_type(cls) {
                return Err(rt::type_error("__new__(X): X is not a type object".into()));
            }
            let c = cls.objref();
            if types::type_data(c).is_builtin {
                return construct(c, &a[1..], k);
            }
            call::new_object_of(c, &a[1..], k)
        });
        let d = rt::as_dict(types::type_data(t).dict.val()).expect("dict");
        if let Some(f) = d.get_str(rt::intern("__new__")) {
            let _ = d.set(rt::intern("__new__"), rt::alloc(vm().t.staticmethod, Kind::StaticMethod(f)));
        }
    }
}

fn float_hex(f: f64) -> String {
    if f == 0.0 {
        return if f.is_sign_negative() { "-0x0.0p+0".into() } else { "0x0.0p+0".into() };
    }
    if !f.is_finite() {
        return repr::float_repr(f);
    }
    let bits = f.to_bits();
    let neg = bits >> 63 != 0;
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = bits & ((1 << 52) - 1);
    let (lead, e) = if exp == 0 { (0, -1022) } else { (1, exp - 1023) };
    let m = format!("{:013x}", mant);
    format!("{}0x{}.{}p{}{}", if neg { "-" } else { "" }, lead, m, if e >= 0 { "+" } else { "-" }, e.abs())
}

