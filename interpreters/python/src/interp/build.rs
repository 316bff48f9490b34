//! Plain-Rust helpers behind several instructions: building containers,
//! unpacking, making functions, normalizing raised exceptions, matching
//! `except` clauses and entering `with` blocks.

use crate::bytecode::Code;
use crate::object::{Function, Kind};
use crate::runtime::{self as rt, attr, call, iter, ops, types, vm, PyResult};
use crate::value::{ObjRef, Value};

pub const B_TUPLE: u8 = 0;
pub const B_LIST: u8 = 1;
pub const B_SET: u8 = 2;
pub const B_MAP: u8 = 3;
pub const B_CONST_KEY_MAP: u8 = 4;
pub const B_STRING: u8 = 5;
pub const B_SLICE: u8 = 6;
pub const B_LIST_TO_TUPLE: u8 = 7;

pub fn build(kind: u8, items: Vec<Value>) -> PyResult<Value> {
    Ok(match kind {
        B_TUPLE => rt::new_tuple(items),
        B_LIST => rt::new_list(items),
        B_SET => {
            let s = rt::new_set(false);
            let set = rt::as_set(s).expect("set");
            for x in items {
                set.add(x)?;
            }
            s
        }
        B_MAP => {
            let d = rt::new_dict();
            let dict = rt::as_dict(d).expect("dict");
            for pair in items.chunks(2) {
                dict.set(pair[0], pair[1])?;
            }
            d
        }
        B_CONST_KEY_MAP => {
            let d = rt::new_dict();
            let dict = rt::as_dict(d).expect("dict");
            let (vals, keys) = items.split_at(items.len() - 1);
            let keys = rt::as_tuple(keys[0]).unwrap_or(&[]);
            for (k, v) in keys.iter().zip(vals) {
                dict.set(*k, *v)?;
            }
            d
        }
        B_STRING => {
            let mut s = String::new();
            for x in items {
                s.push_str(rt::str_of(x));
            }
            rt::new_string(s)
        }
        B_SLICE => {
            let step = if items.len() == 3 { items[2] } else { Value::NONE };
            rt::alloc(vm().t.slice, Kind::Slice { start: items[0], stop: items[1], step })
        }
        B_LIST_TO_TUPLE => rt::new_tuple(rt::as_list(items[0]).map(|l| l.clone()).unwrap_or_default()),
        _ => Value::NONE,
    })
}

pub const C_LIST_APPEND: u8 = 0;
pub const C_SET_ADD: u8 = 1;
pub const C_LIST_EXTEND: u8 = 2;
pub const C_SET_UPDATE: u8 = 3;
pub const C_DICT_UPDATE: u8 = 4;
pub const C_DICT_MERGE: u8 = 5;

pub fn container_op(kind: u8, c: Value, x: Value) -> PyResult<()> {
    match kind {
        C_LIST_APPEND => rt::as_list(c).expect("list").push(x),
        C_SET_ADD => rt::as_set(c).expect("set").add(x)?,
        C_LIST_EXTEND => {
            let items = iter::collect(x).map_err(|e| {
                if types::isinstance(e.val(), vm().t.type_error) && iter::get_iter(x).is_err() {
                    rt::type_error(format!("Value after * must be an iterable, not {}", rt::type_name(x)))
                } else {
                    e
                }
            })?;
            rt::as_list(c).expect("list").extend(items);
        }
        C_SET_UPDATE => {
            if let Some(other) = rt::as_set(x) {
                let other = other.clone();
                rt::as_set(c).expect("set").merge(&other)?;
            } else {
                for v in iter::collect(x)? {
                    rt::as_set(c).expect("set").add(v)?;
                }
            }
        }
        C_DICT_UPDATE | C_DICT_MERGE => {
            let items = mapping_items(x).map_err(|_| {
                if kind == C_DICT_MERGE {
                    rt::type_error(format!("argument after ** must be a mapping, not {}", rt::type_name(x)))
                } else {
                    rt::type_error(format!("'{}' object is not a mapping", rt::type_name(x)))
                }
            })?;
            let d = rt::as_dict(c).expect("dict");
            for (k, v) in items {
                if kind == C_DICT_MERGE && d.contains(k)? {
                    return Err(rt::type_error(format!("got multiple values for keyword argument '{}'", rt::str_of(k))));
                }
                d.set(k, v)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The items of a mapping (a dict, or anything with keys() and __getitem__).
pub fn mapping_items(x: Value) -> PyResult<Vec<(Value, Value)>> {
    if let Some(d) = rt::as_dict(x) {
        if ops::user_dunder(x, "__getitem__").is_none() {
            return Ok(d.items());
        }
    }
    let keys = attr::getattr(x, rt::intern("keys")).map_err(|_| rt::type_error("not a mapping".into()))?;
    let keys = iter::collect(call::call(keys, &[], &[])?)?;
    let mut out = vec![];
    for k in keys {
        out.push((k, ops::getitem(x, k)?));
    }
    Ok(out)
}

pub fn unpack(v: Value, before: usize, after: usize, star: bool) -> PyResult<Vec<Value>> {
    let items = match rt::kind(v) {
        Some(Kind::Tuple(t)) => t.to_vec(),
        Some(Kind::List(l)) => l.clone(),
        _ => {
            if iter::get_iter(v).is_err() {
                return Err(rt::type_error(format!("cannot unpack non-iterable {} object", rt::type_name(v))));
            }
            if !star {
                // Stop after one value too many (the iterable may be infinite).
                let it = iter::get_iter(v)?;
                let mut out = vec![];
                while let Some(x) = iter::next(it)? {
                    out.push(x);
                    if out.len() > before {
                        return Err(rt::value_error(format!("too many values to unpack (expected {before})")));
                    }
                }
                out
            } else {
                iter::collect(v)?
            }
        }
    };
    if !star {
        if items.len() < before {
            return Err(rt::value_error(format!("not enough values to unpack (expected {}, got {})", before, items.len())));
        }
        if items.len() > before {
            return Err(rt::value_error(format!("too many values to unpack (expected {before})")));
        }
        return Ok(items);
    }
    if items.len() < before + after {
        return Err(rt::value_error(format!("not enough values to unpack (expected at least {}, got {})", before + after, items.len())));
    }
    let mut out = items[..before].to_vec();
    out.push(rt::new_list(items[before..items.len() - after].to_vec()));
    out.extend_from_slice(&items[items.len() - after..]);
    Ok(out)
}

pub fn make_function(code: &'static Code, flags: u32, globals: ObjRef) -> PyResult<Value> {
    let n = (flags & 1) + ((flags >> 1) & 1) + ((flags >> 3) & 1);
    let mut parts = super::residuals::take_args(n as usize).into_iter();
    let defaults = if flags & 1 != 0 { rt::as_tuple(parts.next().unwrap_or(Value::NONE)).map(|t| t.to_vec()).unwrap_or_default() } else { vec![] };
    let kwdefaults = if flags & 2 != 0 { parts.next().and_then(|d| d.as_obj()) } else { None };
    let closure = if flags & 8 != 0 { rt::as_tuple(parts.next().unwrap_or(Value::NONE)).map(|t| t.to_vec()).unwrap_or_default() } else { vec![] };
    let module = rt::as_dict(globals.val()).and_then(|d| d.get_str(rt::intern("__name__"))).unwrap_or(Value::NONE);
    let f = Function {
        code,
        globals,
        name: rt::new_str(&code.name),
        qualname: rt::new_str(&code.qualname),
        defaults,
        kwdefaults,
        closure,
        dict: None,
        module,
        doc: code.doc,
    };
    Ok(rt::alloc(vm().t.function, Kind::Function(Box::new(f))))
}

/// Turns the operand of `raise` into an exception instance.
pub fn normalize_exception(e: Value) -> PyResult<ObjRef> {
    if types::is_type(e) && types::is_subtype(e.objref(), vm().t.base_exception) {
        let inst = call::call(e, &[], &[])?;
        if rt::is_exception_instance(inst) {
            return Ok(inst.objref());
        }
        return Err(rt::type_error(format!("calling {} should have returned an instance of BaseException, not {}", rt::repr::repr(e)?, rt::type_name(inst))));
    }
    if rt::is_exception_instance(e) {
        return Ok(e.objref());
    }
    Err(rt::type_error("exceptions must derive from BaseException".into()))
}

pub fn make_raise(n: u8, e: Value, cause: Value) -> ObjRef {
    if n == 0 {
        let h = vm().handled;
        return match h.as_obj() {
            Some(x) => x,
            None => rt::runtime_error("No active exception to reraise".into()),
        };
    }
    let exc = match normalize_exception(e) {
        Ok(x) => x,
        Err(err) => return err,
    };
    if n == 2 {
        let c = if cause.is_none() {
            Ok(Value::NONE)
        } else if types::is_type(cause) || rt::is_exception_instance(cause) {
            normalize_exception(cause).map(|c| c.val())
        } else {
            Err(rt::type_error("exception causes must derive from BaseException".into()))
        };
        match c {
            Ok(c) => {
                if let Some(d) = rt::exc_data(exc) {
                    d.cause = c;
                    d.suppress_context = true;
                }
            }
            Err(err) => return err,
        }
    }
    exc
}

pub fn exc_matches(exc: Value, t: Value) -> PyResult<bool> {
    if let Some(items) = rt::as_tuple(t) {
        for &x in items {
            if exc_matches(exc, x)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if !types::is_type(t) || !types::is_subtype(t.objref(), vm().t.base_exception) {
        return Err(rt::type_error("catching classes that do not inherit from BaseException is not allowed".into()));
    }
    Ok(types::isinstance(exc, t.objref()))
}

pub fn before_with(mgr: Value) -> PyResult<(Value, Value)> {
    let t = rt::type_of(mgr);
    let enter = types::lookup_str(t, "__enter__");
    let exit = types::lookup_str(t, "__exit__");
    let (Some(enter), Some(exit)) = (enter, exit) else {
        let missing = if types::lookup_str(t, "__enter__").is_none() { "" } else { " (missed __exit__ method)" };
        return Err(rt::type_error(format!("'{}' object does not support the context manager protocol{}", rt::type_name(mgr), missing)));
    };
    let exit = attr::bind(exit, mgr, t)?;
    let entered = ops::call_dunder(enter, mgr, &[])?;
    Ok((exit, entered))
}
