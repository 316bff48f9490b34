//! Methods of list, tuple, dict, set/frozenset, range, and of the
//! collections types built on them (Counter, defaultdict, OrderedDict, deque).

use super::*;
use crate::bytecode::BinOp;
use crate::object::IterKind;
use crate::runtime::{dict::Dict, set::Set};

fn list_of(v: Value) -> PyResult<&'static mut Vec<Value>> {
    rt::as_list(v).ok_or_else(|| rt::type_error(format!("descriptor requires a 'list' object but received a '{}'", rt::type_name(v))))
}

fn dict_of(v: Value) -> PyResult<&'static mut Dict> {
    rt::as_dict(v).ok_or_else(|| rt::type_error(format!("descriptor requires a 'dict' object but received a '{}'", rt::type_name(v))))
}

fn set_of(v: Value) -> PyResult<&'static mut Set> {
    rt::as_set(v).ok_or_else(|| rt::type_error(format!("descriptor requires a 'set' object but received a '{}'", rt::type_name(v))))
}

pub fn dd_factory(d: Value) -> Value {
    rt::as_dict(d).map(|d| d.default_factory).filter(|f| !f.is_null()).unwrap_or(Value::NONE)
}

pub fn dict_missing(obj: Value, key: Value) -> PyResult<Value> {
    let d = dict_of(obj)?;
    if !d.default_factory.is_null() && !d.default_factory.is_none() {
        let v = call::call(d.default_factory, &[], &[])?;
        d.set(key, v)?;
        return Ok(v);
    }
    if types::is_subtype(rt::type_of(obj), vm().t.counter) {
        return Ok(Value::int(0));
    }
    Err(rt::key_error(key))
}

/// dict.update semantics (positional mapping or pairs, then keywords).
pub fn dict_update_from(d: Value, a: &[Value], k: Kw) -> PyResult<()> {
    if a.len() > 1 {
        return Err(rt::type_error(format!("update expected at most 1 argument, got {}", a.len())));
    }
    if let Some(&src) = a.first() {
        if rt::as_dict(src).is_some() || crate::runtime::attr::getattr_opt(src, rt::intern("keys"))?.is_some() {
            for (key, v) in crate::interp::build::mapping_items(src)? {
                dict_of(d)?.set(key, v)?;
            }
        } else {
            for (i, item) in iter::collect(src)?.into_iter().enumerate() {
                let pair = iter::collect(item).map_err(|_| rt::type_error(format!("cannot convert dictionary update sequence element #{i} to a sequence")))?;
                if pair.len() != 2 {
                    return Err(rt::value_error(format!("dictionary update sequence element #{i} has length {}; 2 is required", pair.len())));
                }
                dict_of(d)?.set(pair[0], pair[1])?;
            }
        }
    }
    for (key, v) in k {
        dict_of(d)?.set(key.val(), *v)?;
    }
    Ok(())
}

fn counter_update(c: Value, a: &[Value], k: Kw, sign: i64) -> PyResult<()> {
    let add = |key: Value, n: Value| -> PyResult<()> {
        let d = dict_of(c)?;
        let cur = d.get(key)?.unwrap_or(Value::int(0));
        let n = if sign < 0 { ops::unary(crate::bytecode::UnOp::Neg, n)? } else { n };
        let r = ops::binary_op(BinOp::Add, cur, n)?;
        dict_of(c)?.set(key, r)
    };
    if let Some(&src) = a.first() {
        if let Some(sd) = rt::as_dict(src) {
            for (key, n) in sd.items() {
                add(key, n)?;
            }
        } else {
            for x in iter::collect(src)? {
                add(x, Value::int(1))?;
            }
        }
    }
    for (key, n) in k {
        add(key.val(), *n)?;
    }
    Ok(())
}

/// Counter + - & | (results keep only positive counts).
pub fn counter_op(op: BinOp, a: Value, b: Value) -> PyResult<Option<Value>> {
    let (x, y) = (dict_of(a)?.clone(), dict_of(b)?.clone());
    let out = rt::alloc(vm().t.counter, Kind::Dict(Box::default()));
    let od = dict_of(out)?;
    let pos = |v: Value| -> PyResult<bool> { ops::truth(ops::compare(crate::bytecode::CmpOp::Gt, v, Value::int(0))?) };
    match op {
        BinOp::Add | BinOp::Sub => {
            for (k, v) in x.items() {
                let w = y.get(k)?.unwrap_or(Value::int(0));
                let r = ops::binary_op(op, v, w)?;
                if pos(r)? {
                    od.set(k, r)?;
                }
            }
            for (k, w) in y.items() {
                if x.get(k)?.is_none() {
                    let r = if op == BinOp::Add { w } else { ops::unary(crate::bytecode::UnOp::Neg, w)? };
                    if pos(r)? {
                        od.set(k, r)?;
                    }
                }
            }
        }
        BinOp::And => {
            for (k, v) in x.items() {
                if let Some(w) = y.get(k)? {
                    let r = if funcs::lt(v, w)? { v } else { w };
                    if pos(r)? {
                        od.set(k, r)?;
                    }
                }
            }
        }
        BinOp::Or => {
            for (k, v) in x.items() {
                let r = match y.get(k)? {
                    Some(w) if funcs::lt(v, w)? => w,
                    _ => v,
                };
                if pos(r)? {
                    od.set(k, r)?;
                }
            }
            for (k, w) in y.items() {
                if x.get(k)?.is_none() && pos(w)? {
                    od.set(k, w)?;
                }
            }
        }
        _ => return Ok(None),
    }
    Ok(Some(out))
}

fn index_in(items: &[Value], a: &[Value], what: &str) -> PyResult<Value> {
    let x = *a.get(1).ok_or_else(|| rt::type_error("index expected at least 1 argument, got 0".into()))?;
    let n = items.len() as i64;
    let norm = |v: Option<&Value>, d: i64| -> PyResult<i64> {
        match v {
            Some(v) => {
                let mut i = to_index(*v, "")?;
                if i < 0 {
                    i = (i + n).max(0);
                }
                Ok(i.min(n))
            }
            None => Ok(d),
        }
    };
    let s = norm(a.get(2), 0)?;
    let e = norm(a.get(3), n)?;
    for i in s..e {
        if ops::eq(items[i as usize], x)? {
            return Ok(Value::int(i));
        }
    }
    if what == "list" {
        return Err(rt::value_error(format!("{} is not in list", rt::repr::repr(x)?)));
    }
    Err(rt::value_error("tuple.index(x): x not in tuple".into()))
}

pub fn register() {
    let t = &vm().t;
    let list = t.list;
    method(list, "append", |a, _| {
        nargs("list.append", &a[1..], 1, 1).map_err(|_| rt::type_error(format!("list.append() takes exactly one argument ({} given)", a.len() - 1)))?;
        list_of(a[0])?.push(a[1]);
        Ok(Value::NONE)
    });
    method(list, "extend", |a, _| {
        let items = iter::collect(a[1])?;
        list_of(a[0])?.extend(items);
        Ok(Value::NONE)
    });
    method(list, "insert", |a, _| {
        nargs("insert", &a[1..], 2, 2)?;
        let l = list_of(a[0])?;
        let n = l.len() as i64;
        let mut i = to_index(a[1], "")?;
        if i < 0 {
            i = (i + n).max(0);
        }
        l.insert(i.min(n) as usize, a[2]);
        Ok(Value::NONE)
    });
    method(list, "pop", |a, _| {
        let l = list_of(a[0])?;
        if l.is_empty() {
            return Err(rt::index_error("pop from empty list"));
        }
        let n = l.len() as i64;
        let mut i = a.get(1).map(|v| to_index(*v, "")).transpose()?.unwrap_or(-1);
        if i < 0 {
            i += n;
        }
        if i < 0 || i >= n {
            return Err(rt::index_error("pop index out of range"));
        }
        Ok(l.remove(i as usize))
    });
    method(list, "remove", |a, _| {
        let items = list_of(a[0])?.clone();
        for (i, x) in items.iter().enumerate() {
            if ops::eq(*x, a[1])? {
                list_of(a[0])?.remove(i);
                return Ok(Value::NONE);
            }
        }
        Err(rt::value_error("list.remove(x): x not in list".into()))
    });
    method(list, "index", |a, _| {
        let items = list_of(a[0])?.clone();
        index_in(&items, a, "list")
    });
    method(list, "count", |a, _| {
        let items = list_of(a[0])?.clone();
        let mut c = 0;
        for x in items {
            if ops::eq(x, a[1])? {
                c += 1;
            }
        }
        Ok(Value::int(c))
    });
    method(list, "sort", |a, k| {
        nargs("sort", &a[1..], 0, 0).map_err(|_| rt::type_error("sort() takes no positional arguments".into()))?;
        let mut items = std::mem::take(list_of(a[0])?);
        let r = funcs::sort_with(&mut items, k, "sort");
        let l = list_of(a[0])?;
        let modified = !l.is_empty();
        *l = items;
        r?;
        if modified {
            return Err(rt::value_error("list modified during sort".into()));
        }
        Ok(Value::NONE)
    });
    method(list, "reverse", |a, _| {
        list_of(a[0])?.reverse();
        Ok(Value::NONE)
    });
    method(list, "copy", |a, _| Ok(rt::new_list(list_of(a[0])?.clone())));
    method(list, "clear", |a, _| {
        list_of(a[0])?.clear();
        Ok(Value::NONE)
    });
    method(list, "__init__", |a, _| {
        let l = list_of(a[0])?;
        l.clear();
        if let Some(src) = a.get(1) {
            let items = iter::collect(*src)?;
            list_of(a[0])?.extend(items);
        }
        Ok(Value::NONE)
    });
    let tuple = t.tuple;
    method(tuple, "index", |a, _| {
        let items = rt::as_tuple(a[0]).unwrap_or(&[]).to_vec();
        index_in(&items, a, "tuple")
    });
    method(tuple, "count", |a, _| {
        let mut c = 0;
        for x in rt::as_tuple(a[0]).unwrap_or(&[]).to_vec() {
            if ops::eq(x, a[1])? {
                c += 1;
            }
        }
        Ok(Value::int(c))
    });
    register_dict();
    register_set();
    let range = t.range;
    method(range, "index", |a, _| {
        let Some(Kind::Range { start, step, .. }) = rt::kind(a[0]) else { return Ok(Value::NONE) };
        let (start, step) = (*start, *step);
        if ops::contains(a[0], a[1])? {
            return Ok(Value::int((a[1].i() - start) / step));
        }
        Err(rt::value_error(format!("{} is not in range", rt::repr::repr(a[1])?)))
    });
    method(range, "count", |a, _| Ok(Value::int(ops::contains(a[0], a[1])? as i64)));
    register_deque();
}

fn register_dict() {
    let t = &vm().t;
    {
        let d = t.dict;
        method(d, "keys", |a, _| Ok(view(a[0], 0)));
        method(d, "values", |a, _| Ok(view(a[0], 1)));
        method(d, "items", |a, _| Ok(view(a[0], 2)));
        method(d, "get", |a, _| {
            nargs("get", &a[1..], 1, 2)?;
            Ok(dict_of(a[0])?.get(a[1])?.unwrap_or(a.get(2).copied().unwrap_or(Value::NONE)))
        });
        method(d, "pop", |a, _| {
            nargs("pop", &a[1..], 1, 2)?;
            match dict_of(a[0])?.remove(a[1])? {
                Some(v) => Ok(v),
                None => a.get(2).copied().ok_or_else(|| rt::key_error(a[1])),
            }
        });
        method(d, "popitem", |a, k| {
            let last = kwarg(k, "last").or_else(|| a.get(1).copied()).map(ops::truth).transpose()?.unwrap_or(true);
            let dd = dict_of(a[0])?;
            let item = if last {
                dd.pop_last()
            } else {
                let first = dd.iter().next();
                first.map(|(key, v)| {
                    let _ = dd.remove(key);
                    (key, v)
                })
            };
            match item {
                Some((key, v)) => Ok(rt::new_tuple(vec![key, v])),
                None => Err(rt::new_exception(vm().t.key_error, if types::is_subtype(rt::type_of(a[0]), vm().t.ordereddict) { "dictionary is empty" } else { "popitem(): dictionary is empty" })),
            }
        });
        method(d, "setdefault", |a, _| {
            let dd = dict_of(a[0])?;
            if let Some(v) = dd.get(a[1])? {
                return Ok(v);
            }
            let v = a.get(2).copied().unwrap_or(Value::NONE);
            dd.set(a[1], v)?;
            Ok(v)
        });
        method(d, "update", |a, k| {
            if types::is_subtype(rt::type_of(a[0]), vm().t.counter) {
                counter_update(a[0], &a[1..], k, 1)?;
            } else {
                dict_update_from(a[0], &a[1..], k)?;
            }
            Ok(Value::NONE)
        });
        method(d, "clear", |a, _| {
            dict_of(a[0])?.clear();
            Ok(Value::NONE)
        });
        method(d, "copy", |a, _| {
            let src = dict_of(a[0])?.clone();
            let cls = rt::type_of(a[0]);
            let out = if types::type_data(cls).is_builtin { rt::alloc(cls, Kind::Dict(Box::new(src))) } else { rt::alloc(vm().t.dict, Kind::Dict(Box::new(src))) };
            Ok(out)
        });
        method(d, "fromkeys", |a, _| {
            let cls = a[0];
            let out = call::call(cls, &[], &[])?;
            let v = a.get(2).copied().unwrap_or(Value::NONE);
            for key in iter::collect(*a.get(1).ok_or_else(|| rt::type_error("fromkeys expected at least 1 argument, got 0".into()))?)? {
                ops::setitem(out, key, v)?;
            }
            Ok(out)
        });
        method(d, "__init__", |a, k| {
            dict_update_from(a[0], &a[1..], k)?;
            Ok(Value::NONE)
        });
        method(d, "__contains__", |a, _| Ok(Value::bool(dict_of(a[0])?.contains(a[1])?)));
        method(d, "__getitem__", |a, _| ops::getitem(ops::unwrap_base(a[0]), a[1]));
        method(d, "__setitem__", |a, _| {
            dict_of(a[0])?.set(a[1], a[2])?;
            Ok(Value::NONE)
        });
    }
    let dd = rt::as_dict(types::type_data(t.dict).dict.val()).expect("dict");
    if let Some(f) = dd.get_str(rt::intern("fromkeys")) {
        let _ = dd.set(rt::intern("fromkeys"), rt::alloc(vm().t.classmethod, Kind::ClassMethod(f)));
    }
    let counter = t.counter;
    method(counter, "most_common", |a, _| {
        let items = funcs::counter_most_common(dict_of(a[0])?)?;
        let n = match a.get(1) {
            Some(v) if !v.is_none() => to_index(*v, "")?.max(0) as usize,
            _ => items.len(),
        };
        Ok(rt::new_list(items.into_iter().take(n).map(|(k, v)| rt::new_tuple(vec![k, v])).collect()))
    });
    method(counter, "elements", |a, _| {
        let mut out = vec![];
        for (k, v) in dict_of(a[0])?.items() {
            for _ in 0..v.as_int().unwrap_or(0).max(0) {
                out.push(k);
            }
        }
        Ok(iter::new_iter(IterKind::Buffered { items: out.into() }))
    });
    method(counter, "subtract", |a, k| {
        counter_update(a[0], &a[1..], k, -1)?;
        Ok(Value::NONE)
    });
    method(counter, "total", |a, _| {
        let mut acc = Value::int(0);
        for v in dict_of(a[0])?.values() {
            acc = ops::binary_op(BinOp::Add, acc, v)?;
        }
        Ok(acc)
    });
    let od = t.ordereddict;
    method(od, "move_to_end", |a, k| {
        let last = kwarg(k, "last").or_else(|| a.get(2).copied()).map(ops::truth).transpose()?.unwrap_or(true);
        if !dict_of(a[0])?.move_to_end(a[1], last)? {
            return Err(rt::key_error(a[1]));
        }
        Ok(Value::NONE)
    });
}

fn view(d: Value, which: u8) -> Value {
    let t = &vm().t;
    let cls = match which {
        0 => t.dict_keys,
        1 => t.dict_values,
        _ => t.dict_items,
    };
    let base = ops::unwrap_base(d);
    rt::alloc(cls, Kind::DictView { dict: base.objref(), which })
}

fn other_set(v: Value) -> PyResult<Set> {
    if let Some(s) = rt::as_set(v) {
        return Ok(s.clone());
    }
    let mut s = Set::default();
    for x in iter::collect(v)? {
        s.add(x)?;
    }
    Ok(s)
}

fn new_like(like: Value, s: Set) -> Value {
    let frozen = matches!(rt::kind(ops::unwrap_base(like)), Some(Kind::FrozenSet(_)));
    let out = rt::new_set(frozen);
    *rt::as_set(out).expect("set") = s;
    out
}

fn register_set() {
    let t = &vm().t;
    for st in [t.set, t.frozenset] {
        method(st, "union", |a, _| {
            let mut s = set_of(a[0])?.clone();
            for o in &a[1..] {
                s = funcs::set_op(BinOp::Or, &s, &other_set(*o)?)?;
            }
            Ok(new_like(a[0], s))
        });
        method(st, "intersection", |a, _| {
            let mut s = set_of(a[0])?.clone();
            for o in &a[1..] {
                s = funcs::set_op(BinOp::And, &s, &other_set(*o)?)?;
            }
            Ok(new_like(a[0], s))
        });
        method(st, "difference", |a, _| {
            let mut s = set_of(a[0])?.clone();
            for o in &a[1..] {
                s = funcs::set_op(BinOp::Sub, &s, &other_set(*o)?)?;
            }
            Ok(new_like(a[0], s))
        });
        method(st, "symmetric_difference", |a, _| {
            let s = funcs::set_op(BinOp::Xor, set_of(a[0])?, &other_set(a[1])?)?;
            Ok(new_like(a[0], s))
        });
        method(st, "issubset", |a, _| {
            let o = other_set(a[1])?;
            for x in set_of(a[0])?.items() {
                if !o.contains(x)? {
                    return Ok(Value::FALSE);
                }
            }
            Ok(Value::TRUE)
        });
        method(st, "issuperset", |a, _| {
            let s = set_of(a[0])?.clone();
            for x in other_set(a[1])?.items() {
                if !s.contains(x)? {
                    return Ok(Value::FALSE);
                }
            }
            Ok(Value::TRUE)
        });
        method(st, "isdisjoint", |a, _| {
            let s = set_of(a[0])?.clone();
            for x in iter::collect(a[1])? {
                if s.contains(x)? {
                    return Ok(Value::FALSE);
                }
            }
            Ok(Value::TRUE)
        });
        method(st, "copy", |a, _| Ok(new_like(a[0], set_of(a[0])?.clone())));
    }
    let set = t.set;
    method(set, "add", |a, _| {
        nargs("set.add", &a[1..], 1, 1).map_err(|_| rt::type_error(format!("set.add() takes exactly one argument ({} given)", a.len() - 1)))?;
        set_of(a[0])?.add(a[1])?;
        Ok(Value::NONE)
    });
    method(set, "remove", |a, _| {
        if !set_of(a[0])?.remove(a[1])? {
            return Err(rt::key_error(a[1]));
        }
        Ok(Value::NONE)
    });
    method(set, "discard", |a, _| {
        set_of(a[0])?.remove(a[1])?;
        Ok(Value::NONE)
    });
    method(set, "pop", |a, _| set_of(a[0])?.pop().ok_or_else(|| rt::key_error_msg("pop from an empty set")));
    method(set, "clear", |a, _| {
        set_of(a[0])?.clear();
        Ok(Value::NONE)
    });
    method(set, "update", |a, _| {
        for o in &a[1..] {
            if let Some(os) = rt::as_set(*o) {
                let os = os.clone();
                set_of(a[0])?.merge(&os)?;
            } else if let Some(d) = rt::as_dict(*o) {
                let keys: Vec<(i64, Value)> = d.keys().into_iter().map(|k| (crate::runtime::hash::hash_value(k).unwrap_or(0), k)).collect();
                set_of(a[0])?.update_from_dict(&keys)?;
            } else {
                for x in iter::collect(*o)? {
                    set_of(a[0])?.add(x)?;
                }
            }
        }
        Ok(Value::NONE)
    });
    fn inplace(a: &[Value], op: BinOp) -> PyResult<Value> {
        let mut s = set_of(a[0])?.clone();
        for o in &a[1..] {
            s = funcs::set_op(op, &s, &other_set(*o)?)?;
        }
        *set_of(a[0])? = s;
        Ok(Value::NONE)
    }
    method(set, "intersection_update", |a, _| inplace(a, BinOp::And));
    method(set, "difference_update", |a, _| inplace(a, BinOp::Sub));
    method(set, "symmetric_difference_update", |a, _| inplace(a, BinOp::Xor));
}

fn deque_of(v: Value) -> PyResult<(&'static mut std::collections::VecDeque<Value>, Option<usize>)> {
    match rt::kind(ops::unwrap_base(v)) {
        Some(Kind::Deque { items, maxlen }) => Ok((items, *maxlen)),
        _ => Err(rt::type_error("descriptor requires a 'collections.deque' object".into())),
    }
}

fn register_deque() {
    let dq = vm().t.deque;
    method(dq, "append", |a, _| {
        let (d, max) = deque_of(a[0])?;
        d.push_back(a[1]);
        if let Some(m) = max {
            while d.len() > m {
                d.pop_front();
            }
        }
        Ok(Value::NONE)
    });
    method(dq, "appendleft", |a, _| {
        let (d, max) = deque_of(a[0])?;
        d.push_front(a[1]);
        if let Some(m) = max {
            while d.len() > m {
                d.pop_back();
            }
        }
        Ok(Value::NONE)
    });
    method(dq, "pop", |a, _| deque_of(a[0])?.0.pop_back().ok_or_else(|| rt::index_error("pop from an empty deque")));
    method(dq, "popleft", |a, _| deque_of(a[0])?.0.pop_front().ok_or_else(|| rt::index_error("pop from an empty deque")));
    method(dq, "extend", |a, _| {
        for x in iter::collect(a[1])? {
            let (d, max) = deque_of(a[0])?;
            d.push_back(x);
            if let Some(m) = max {
                while d.len() > m {
                    d.pop_front();
                }
            }
        }
        Ok(Value::NONE)
    });
    method(dq, "extendleft", |a, _| {
        for x in iter::collect(a[1])? {
            let (d, max) = deque_of(a[0])?;
            d.push_front(x);
            if let Some(m) = max {
                while d.len() > m {
                    d.pop_back();
                }
            }
        }
        Ok(Value::NONE)
    });
    method(dq, "rotate", |a, _| {
        let (d, _) = deque_of(a[0])?;
        let n = a.get(1).map(|v| to_index(*v, "")).transpose()?.unwrap_or(1);
        if !d.is_empty() {
            let len = d.len() as i64;
            let k = ((n % len) + len) % len;
            d.rotate_right(k as usize);
        }
        Ok(Value::NONE)
    });
    method(dq, "clear", |a, _| {
        deque_of(a[0])?.0.clear();
        Ok(Value::NONE)
    });
    method(dq, "reverse", |a, _| {
        let (d, _) = deque_of(a[0])?;
        let v: Vec<Value> = d.drain(..).rev().collect();
        d.extend(v);
        Ok(Value::NONE)
    });
    method(dq, "count", |a, _| {
        let items: Vec<Value> = deque_of(a[0])?.0.iter().copied().collect();
        let mut c = 0;
        for x in items {
            if ops::eq(x, a[1])? {
                c += 1;
            }
        }
        Ok(Value::int(c))
    });
    method(dq, "index", |a, _| {
        let items: Vec<Value> = deque_of(a[0])?.0.iter().copied().collect();
        for (i, x) in items.iter().enumerate() {
            if ops::eq(*x, a[1])? {
                return Ok(Value::int(i as i64));
            }
        }
        Err(rt::value_error(format!("{} is not in deque", rt::repr::repr(a[1])?)))
    });
    method(dq, "remove", |a, _| {
        let items: Vec<Value> = deque_of(a[0])?.0.iter().copied().collect();
        for (i, x) in items.iter().enumerate() {
            if ops::eq(*x, a[1])? {
                deque_of(a[0])?.0.remove(i);
                return Ok(Value::NONE);
            }
        }
        Err(rt::value_error("deque.remove(x): x not in deque".into()))
    });
    method(dq, "insert", |a, _| {
        let (d, max) = deque_of(a[0])?;
        if let Some(m) = max {
            if d.len() >= m {
                return Err(rt::index_error("deque already at its maximum size"));
            }
        }
        let n = d.len() as i64;
        let mut i = to_index(a[1], "")?;
        if i < 0 {
            i = (i + n).max(0);
        }
        d.insert(i.min(n) as usize, a[2]);
        Ok(Value::NONE)
    });
    method(dq, "copy", |a, _| {
        let (d, max) = deque_of(a[0])?;
        Ok(rt::alloc(vm().t.deque, Kind::Deque { items: d.clone(), maxlen: max }))
    });
}
