//! The `itertools` module and `next()` for the lazy built-in iterators
//! (enumerate, zip, map, filter, iter(f, sentinel), and the itertools kinds).

use super::*;
use crate::builtins::{kwarg, to_index};
use crate::bytecode::BinOp;
use crate::object::IterKind;
use crate::runtime::{call, iter, ops};

fn it(k: IterKind) -> Value {
    iter::new_iter(k)
}

pub fn next_iter(k: &mut IterKind) -> PyResult<Option<Value>> {
    match k {
        IterKind::Enumerate { it, count } => match iter::next(*it)? {
            Some(v) => {
                let c = *count;
                *count = ops::binary_op(BinOp::Add, c, Value::int(1))?;
                Ok(Some(rt::new_tuple(vec![c, v])))
            }
            None => Ok(None),
        },
        IterKind::Zip { its, strict } => {
            if its.is_empty() {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(its.len());
            for (i, x) in its.clone().iter().enumerate() {
                match iter::next(*x)? {
                    Some(v) => out.push(v),
                    None => {
                        if *strict {
                            if i > 0 {
                                let which = if i == 1 { "argument 1".to_string() } else { format!("arguments 1-{i}") };
                                return Err(rt::value_error(format!("zip() argument {} is shorter than {which}", i + 1)));
                            }
                            for (j, y) in its.clone().iter().enumerate().skip(1) {
                                if iter::next(*y)?.is_some() {
                                    let which = if j == 1 { "argument 1".to_string() } else { format!("arguments 1-{j}") };
                                    return Err(rt::value_error(format!("zip() argument {} is longer than {which}", j + 1)));
                                }
                            }
                        }
                        its.clear();
                        return Ok(None);
                    }
                }
            }
            Ok(Some(rt::new_tuple(out)))
        }
        IterKind::Map { func, its } => {
            let mut args = Vec::with_capacity(its.len());
            for x in its.clone() {
                match iter::next(x)? {
                    Some(v) => args.push(v),
                    None => return Ok(None),
                }
            }
            call::call(*func, &args, &[]).map(Some)
        }
        IterKind::Filter { func, it, negate } => loop {
            let Some(v) = iter::next(*it)? else { return Ok(None) };
            let keep = if func.is_none() { ops::truth(v)? } else { ops::truth(call::call(*func, &[v], &[])?)? };
            if keep != *negate {
                return Ok(Some(v));
            }
        },
        IterKind::Callable { func, sentinel } => {
            if func.is_null() {
                return Ok(None);
            }
            let v = call::call(*func, &[], &[])?;
            if ops::eq(v, *sentinel)? {
                *func = Value::NULL;
                return Ok(None);
            }
            Ok(Some(v))
        }
        IterKind::Count { next, step } => {
            let v = *next;
            *next = ops::binary_op(BinOp::Add, v, *step)?;
            Ok(Some(v))
        }
        IterKind::Cycle { it, saved, index, exhausted } => {
            if !*exhausted {
                if let Some(v) = iter::next(*it)? {
                    saved.push(v);
                    return Ok(Some(v));
                }
                *exhausted = true;
            }
            if saved.is_empty() {
                return Ok(None);
            }
            let v = saved[*index % saved.len()];
            *index += 1;
            Ok(Some(v))
        }
        IterKind::Repeat { value, left } => {
            if *left == 0 {
                return Ok(None);
            }
            if *left > 0 {
                *left -= 1;
            }
            Ok(Some(*value))
        }
        IterKind::Chain { its, current, from_iterable, index } => loop {
            if !current.is_null() {
                if let Some(v) = iter::next(*current)? {
                    return Ok(Some(v));
                }
                *current = Value::NULL;
            }
            let nxt = if *from_iterable {
                match iter::next(its[0])? {
                    Some(x) => x,
                    None => return Ok(None),
                }
            } else {
                if *index >= its.len() {
                    return Ok(None);
                }
                *index += 1;
                its[*index - 1]
            };
            *current = iter::get_iter(nxt)?;
        },
        IterKind::Islice { .. } => Ok(None),
        IterKind::Buffered { items } => Ok(items.pop_front()),
        IterKind::TakeWhile { func, it, done, drop } => {
            if *drop {
                loop {
                    let Some(v) = iter::next(*it)? else { return Ok(None) };
                    if *done {
                        return Ok(Some(v));
                    }
                    if !ops::truth(call::call(*func, &[v], &[])?)? {
                        *done = true;
                        return Ok(Some(v));
                    }
                }
            }
            if *done {
                return Ok(None);
            }
            let Some(v) = iter::next(*it)? else { return Ok(None) };
            if ops::truth(call::call(*func, &[v], &[])?)? {
                return Ok(Some(v));
            }
            *done = true;
            Ok(None)
        }
        IterKind::Accumulate { it, func, total, initial } => {
            if !initial.is_null() {
                let v = *initial;
                *initial = Value::NULL;
                *total = v;
                return Ok(Some(v));
            }
            let Some(v) = iter::next(*it)? else { return Ok(None) };
            let t = if total.is_null() {
                v
            } else if func.is_none() {
                ops::binary_op(BinOp::Add, *total, v)?
            } else {
                call::call(*func, &[*total, v], &[])?
            };
            *total = t;
            Ok(Some(t))
        }
        IterKind::Starmap { func, it } => {
            let Some(v) = iter::next(*it)? else { return Ok(None) };
            let args = iter::collect(v)?;
            call::call(*func, &args, &[]).map(Some)
        }
        IterKind::GroupBy { it, key, current_key, current_value, done, tgt } => {
            loop {
                if current_value.is_null() {
                    if *done {
                        return Ok(None);
                    }
                    match iter::next(*it)? {
                        Some(v) => {
                            *current_value = v;
                            *current_key = if key.is_none() { v } else { call::call(*key, &[v], &[])? };
                        }
                        None => {
                            *done = true;
                            return Ok(None);
                        }
                    }
                }
                if tgt.is_null() || !ops::eq(*current_key, *tgt)? {
                    break;
                }
                // Skip the rest of the previous group.
                *current_value = Value::NULL;
            }
            *tgt = *current_key;
            Ok(None.or(Some(Value::NULL)))
        }
        IterKind::Grouper { parent, key, done } => {
            if *done {
                return Ok(None);
            }
            let Kind::Iter(pk) = &mut parent.get().kind else { return Ok(None) };
            let IterKind::GroupBy { it, key: kf, current_key, current_value, done: pdone, tgt } = &mut **pk else { return Ok(None) };
            if !tgt.is(*key) && !ops::eq(*tgt, *key)? {
                *done = true;
                return Ok(None);
            }
            if current_value.is_null() {
                if *pdone {
                    *done = true;
                    return Ok(None);
                }
                match iter::next(*it)? {
                    Some(v) => {
                        *current_value = v;
                        *current_key = if kf.is_none() { v } else { call::call(*kf, &[v], &[])? };
                    }
                    None => {
                        *pdone = true;
                        *done = true;
                        return Ok(None);
                    }
                }
            }
            if !ops::eq(*current_key, *key)? {
                *done = true;
                return Ok(None);
            }
            let v = *current_value;
            *current_value = Value::NULL;
            Ok(Some(v))
        }
        IterKind::Product { pools, indices, first, done } => {
            if *done {
                return Ok(None);
            }
            if *first {
                *first = false;
                if pools.iter().any(|p| p.is_empty()) {
                    *done = true;
                    return Ok(None);
                }
            } else {
                let mut i = pools.len();
                loop {
                    if i == 0 {
                        *done = true;
                        return Ok(None);
                    }
                    i -= 1;
                    indices[i] += 1;
                    if indices[i] < pools[i].len() {
                        break;
                    }
                    indices[i] = 0;
                }
            }
            Ok(Some(rt::new_tuple(indices.iter().enumerate().map(|(k, &j)| pools[k][j]).collect())))
        }
        IterKind::Permutations { pool, r, indices, cycles, first, done } => {
            let n = pool.len();
            let r = *r;
            if *done {
                return Ok(None);
            }
            if *first {
                *first = false;
                if r > n {
                    *done = true;
                    return Ok(None);
                }
                return Ok(Some(rt::new_tuple(indices[..r].iter().map(|&i| pool[i]).collect())));
            }
            if n == 0 {
                *done = true;
                return Ok(None);
            }
            let mut i = r;
            loop {
                if i == 0 {
                    *done = true;
                    return Ok(None);
                }
                i -= 1;
                cycles[i] -= 1;
                if cycles[i] == 0 {
                    let x = indices.remove(i);
                    indices.push(x);
                    cycles[i] = n - i;
                } else {
                    let j = cycles[i];
                    indices.swap(i, n - j);
                    return Ok(Some(rt::new_tuple(indices[..r].iter().map(|&i| pool[i]).collect())));
                }
            }
        }
        IterKind::Combinations { pool, r, indices, first, done, with_replacement } => {
            let n = pool.len();
            let r = *r;
            if *done {
                return Ok(None);
            }
            if *first {
                *first = false;
                if (!*with_replacement && r > n) || (n == 0 && r > 0) {
                    *done = true;
                    return Ok(None);
                }
                return Ok(Some(rt::new_tuple(indices.iter().map(|&i| pool[i]).collect())));
            }
            let mut i = r;
            if *with_replacement {
                loop {
                    if i == 0 {
                        *done = true;
                        return Ok(None);
                    }
                    i -= 1;
                    if indices[i] != n - 1 {
                        break;
                    }
                }
                let v = indices[i] + 1;
                for x in indices[i..].iter_mut() {
                    *x = v;
                }
            } else {
                loop {
                    if i == 0 {
                        *done = true;
                        return Ok(None);
                    }
                    i -= 1;
                    if indices[i] != i + n - r {
                        break;
                    }
                }
                indices[i] += 1;
                for j in i + 1..r {
                    indices[j] = indices[j - 1] + 1;
                }
            }
            Ok(Some(rt::new_tuple(indices.iter().map(|&i| pool[i]).collect())))
        }
        IterKind::ZipLongest { its, fill, active } => {
            if *active == 0 {
                return Ok(None);
            }
            let mut out = vec![];
            for x in its.iter_mut() {
                if x.is_null() {
                    out.push(*fill);
                    continue;
                }
                match iter::next(*x)? {
                    Some(v) => out.push(v),
                    None => {
                        *x = Value::NULL;
                        *active -= 1;
                        if *active == 0 {
                            return Ok(None);
                        }
                        out.push(*fill);
                    }
                }
            }
            Ok(Some(rt::new_tuple(out)))
        }
        IterKind::Pairwise { it, last } => {
            if last.is_null() {
                match iter::next(*it)? {
                    Some(v) => *last = v,
                    None => return Ok(None),
                }
            }
            match iter::next(*it)? {
                Some(v) => {
                    let pair = rt::new_tuple(vec![*last, v]);
                    *last = v;
                    Ok(Some(pair))
                }
                None => Ok(None),
            }
        }
        _ => Ok(None),
    }
}

fn groupby_next(it_v: Value) -> PyResult<Option<Value>> {
    let Some(Kind::Iter(k)) = rt::kind(it_v) else { return Ok(None) };
    match next_iter(k)? {
        Some(_) => {
            let IterKind::GroupBy { tgt, .. } = &**k else { return Ok(None) };
            let key = *tgt;
            let g = it(IterKind::Grouper { parent: it_v.objref(), key, done: false });
            Ok(Some(rt::new_tuple(vec![key, g])))
        }
        None => Ok(None),
    }
}

pub fn init() -> Value {
    let (m, d) = new_module("itertools");
    add_fn(d, "count", "itertools", |a, k| {
        let start = a.first().copied().or_else(|| kwarg(k, "start")).unwrap_or(Value::int(0));
        let step = a.get(1).copied().or_else(|| kwarg(k, "step")).unwrap_or(Value::int(1));
        Ok(it(IterKind::Count { next: start, step }))
    });
    add_fn(d, "cycle", "itertools", |a, _| Ok(it(IterKind::Cycle { it: iter::get_iter(a[0])?, saved: vec![], index: 0, exhausted: false })));
    add_fn(d, "repeat", "itertools", |a, k| {
        let times = a.get(1).copied().or_else(|| kwarg(k, "times")).map(|v| to_index(v, "")).transpose()?.map(|t| t.max(0)).unwrap_or(-1);
        Ok(it(IterKind::Repeat { value: a[0], left: times }))
    });
    add_fn(d, "chain", "itertools", |a, _| Ok(it(IterKind::Chain { its: a.to_vec(), current: Value::NULL, from_iterable: false, index: 0 })));
    add_fn(d, "_chain_from_iterable", "itertools", |a, _| Ok(it(IterKind::Chain { its: vec![iter::get_iter(a[0])?], current: Value::NULL, from_iterable: true, index: 0 })));
    add_fn(d, "islice", "itertools", |a, _| {
        crate::builtins::nargs("islice", a, 2, 4)?;
        let src = iter::get_iter(a[0])?;
        let idx = |v: Value, what: &str| -> PyResult<Option<usize>> {
            if v.is_none() {
                return Ok(None);
            }
            match v.as_int() {
                Some(i) if i >= 0 => Ok(Some(i as usize)),
                _ => Err(rt::value_error(format!("{what} for islice() must be None or an integer: 0 <= x <= sys.maxsize."))),
            }
        };
        let (start, stop, step) = match a.len() {
            2 => (0, idx(a[1], "Stop argument")?, 1),
            3 => (idx(a[1], "Indices")?.unwrap_or(0), idx(a[2], "Stop argument")?, 1),
            _ => (idx(a[1], "Indices")?.unwrap_or(0), idx(a[2], "Stop argument")?, idx(a[3], "Step")?.unwrap_or(1)),
        };
        if step == 0 {
            return Err(rt::value_error("Step for islice() must be a positive integer or None.".into()));
        }
        // Materialize lazily via a simple buffered generator of indexes.
        let mut items = std::collections::VecDeque::new();
        let mut i = 0usize;
        let mut next_pick = start;
        loop {
            if let Some(s) = stop {
                if i >= s || next_pick >= s {
                    break;
                }
            }
            let Some(v) = iter::next(src)? else { break };
            if i == next_pick {
                items.push_back(v);
                next_pick += step;
            }
            i += 1;
            if stop.is_none() && items.len() > 10_000_000 {
                break;
            }
        }
        Ok(it(IterKind::Buffered { items }))
    });
    add_fn(d, "accumulate", "itertools", |a, k| {
        let func = a.get(1).copied().or_else(|| kwarg(k, "func")).unwrap_or(Value::NONE);
        let initial = kwarg(k, "initial").filter(|v| !v.is_none()).unwrap_or(Value::NULL);
        Ok(it(IterKind::Accumulate { it: iter::get_iter(a[0])?, func, total: Value::NULL, initial }))
    });
    add_fn(d, "takewhile", "itertools", |a, _| Ok(it(IterKind::TakeWhile { func: a[0], it: iter::get_iter(a[1])?, done: false, drop: false })));
    add_fn(d, "dropwhile", "itertools", |a, _| Ok(it(IterKind::TakeWhile { func: a[0], it: iter::get_iter(a[1])?, done: false, drop: true })));
    add_fn(d, "filterfalse", "itertools", |a, _| Ok(it(IterKind::Filter { func: a[0], it: iter::get_iter(a[1])?, negate: true })));
    add_fn(d, "starmap", "itertools", |a, _| Ok(it(IterKind::Starmap { func: a[0], it: iter::get_iter(a[1])? })));
    add_fn(d, "compress", "itertools", |a, _| {
        let data = iter::collect(a[0])?;
        let sel = iter::collect(a[1])?;
        let mut items = std::collections::VecDeque::new();
        for (x, s) in data.into_iter().zip(sel) {
            if ops::truth(s)? {
                items.push_back(x);
            }
        }
        Ok(it(IterKind::Buffered { items }))
    });
    add_fn(d, "groupby", "itertools", |a, k| {
        let key = a.get(1).copied().or_else(|| kwarg(k, "key")).unwrap_or(Value::NONE);
        let g = it(IterKind::GroupBy { it: iter::get_iter(a[0])?, key, current_key: Value::NULL, current_value: Value::NULL, done: false, tgt: Value::NULL });
        // Wrap: iterating the groupby object yields (key, grouper) pairs.
        let gen = rt::new_list(vec![g]);
        let f = crate::builtins::native("groupby_next", "groupby_next", |a, _| match groupby_next(a[0])? {
            Some(v) => Ok(v),
            None => Ok(Value::NULL),
        });
        let bound = rt::alloc(vm().t.partial, Kind::Partial { func: f, args: vec![g], kwargs: vec![] });
        let _ = gen;
        Ok(it(IterKind::Callable { func: bound, sentinel: Value::NULL }))
    });
    add_fn(d, "product", "itertools", |a, k| {
        let repeat = kwarg(k, "repeat").map(|v| to_index(v, "")).transpose()?.unwrap_or(1).max(0) as usize;
        let mut pools = vec![];
        for x in a {
            pools.push(iter::collect(*x)?);
        }
        let mut all = vec![];
        for _ in 0..repeat {
            all.extend(pools.iter().cloned());
        }
        let n = all.len();
        Ok(it(IterKind::Product { pools: all, indices: vec![0; n], first: true, done: false }))
    });
    add_fn(d, "permutations", "itertools", |a, k| {
        let pool = iter::collect(a[0])?;
        let n = pool.len();
        let r = a.get(1).copied().or_else(|| kwarg(k, "r")).filter(|v| !v.is_none()).map(|v| to_index(v, "")).transpose()?.map(|r| r.max(0) as usize).unwrap_or(n);
        let cycles: Vec<usize> = (0..r.min(n)).map(|i| n - i).collect();
        Ok(it(IterKind::Permutations { pool, r, indices: (0..n).collect(), cycles, first: true, done: false }))
    });
    add_fn(d, "combinations", "itertools", |a, _| {
        let pool = iter::collect(a[0])?;
        let r = to_index(a[1], "")?.max(0) as usize;
        Ok(it(IterKind::Combinations { pool, r, indices: (0..r).collect(), first: true, done: false, with_replacement: false }))
    });
    add_fn(d, "combinations_with_replacement", "itertools", |a, _| {
        let pool = iter::collect(a[0])?;
        let r = to_index(a[1], "")?.max(0) as usize;
        Ok(it(IterKind::Combinations { pool, r, indices: vec![0; r], first: true, done: false, with_replacement: true }))
    });
    add_fn(d, "zip_longest", "itertools", |a, k| {
        let fill = kwarg(k, "fillvalue").unwrap_or(Value::NONE);
        let its = a.iter().map(|x| iter::get_iter(*x)).collect::<PyResult<Vec<_>>>()?;
        let active = its.len();
        Ok(it(IterKind::ZipLongest { its, fill, active }))
    });
    add_fn(d, "pairwise", "itertools", |a, _| Ok(it(IterKind::Pairwise { it: iter::get_iter(a[0])?, last: Value::NULL })));
    add_fn(d, "tee", "itertools", |a, _| {
        let items = iter::collect(a[0])?;
        let n = a.get(1).and_then(|v| v.as_int()).unwrap_or(2).max(0) as usize;
        Ok(rt::new_tuple((0..n).map(|_| it(IterKind::Buffered { items: items.clone().into() })).collect()))
    });
    // chain.from_iterable
    if let Some(chain) = rt::as_dict(d.val()).and_then(|dd| dd.get_str(rt::intern("chain"))) {
        if let Some(fi) = rt::as_dict(d.val()).and_then(|dd| dd.get_str(rt::intern("_chain_from_iterable"))) {
            let _ = attr::instance_set(chain.objref(), rt::intern("from_iterable"), fi);
        }
    }
    m
}
