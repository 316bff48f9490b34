//! The iteration protocol: `iter()` for every built-in kind, `next()` for
//! built-in iterators, generators and user iterators.

use super::*;
use crate::object::IterKind;

fn iter_type_name(k: &IterKind) -> &'static str {
    match k {
        IterKind::Seq { seq, .. } => match kind(*seq) {
            Some(Kind::List(_)) => "list_iterator",
            Some(Kind::Tuple(_)) => "tuple_iterator",
            Some(Kind::Bytes(_)) => "bytes_iterator",
            _ => "iterator",
        },
        IterKind::Range { .. } => "range_iterator",
        IterKind::Str { .. } => "str_ascii_iterator",
        IterKind::DictKeys { .. } => "dict_keyiterator",
        IterKind::DictValues { .. } => "dict_valueiterator",
        IterKind::DictItems { .. } => "dict_itemiterator",
        IterKind::Set { .. } => "set_iterator",
        IterKind::Reversed { seq, .. } => match kind(*seq) {
            Some(Kind::List(_)) => "list_reverseiterator",
            _ => "reversed",
        },
        IterKind::Enumerate { .. } => "enumerate",
        IterKind::Zip { .. } => "zip",
        IterKind::Map { .. } => "map",
        IterKind::Filter { negate: false, .. } => "filter",
        IterKind::Filter { .. } => "filterfalse",
        IterKind::Callable { .. } => "callable_iterator",
        IterKind::Count { .. } => "count",
        IterKind::Cycle { .. } => "cycle",
        IterKind::Repeat { .. } => "repeat",
        IterKind::Chain { .. } => "chain",
        IterKind::Islice { .. } => "islice",
        IterKind::Buffered { .. } => "iterator",
        IterKind::TakeWhile { drop: false, .. } => "takewhile",
        IterKind::TakeWhile { .. } => "dropwhile",
        IterKind::Accumulate { .. } => "accumulate",
        IterKind::Starmap { .. } => "starmap",
        IterKind::GroupBy { .. } => "groupby",
        IterKind::Grouper { .. } => "_grouper",
        IterKind::Product { .. } => "product",
        IterKind::Permutations { .. } => "permutations",
        IterKind::Combinations { with_replacement: false, .. } => "combinations",
        IterKind::Combinations { .. } => "combinations_with_replacement",
        IterKind::ZipLongest { .. } => "zip_longest",
        IterKind::Pairwise { .. } => "pairwise",
        IterKind::Deque { reverse: false, .. } => "_collections._deque_iterator",
        IterKind::Deque { .. } => "_collections._deque_reverse_iterator",
    }
}

pub fn new_iter(k: IterKind) -> Value {
    let name = iter_type_name(&k);
    let vm = vm();
    let cls = match vm.iter_types.get(name) {
        Some(t) => *t,
        None => {
            let t = types::make_type(name, &[vm.t.iterator], crate::object::Layout::Other, true);
            vm.iter_types.insert(name, t);
            t
        }
    };
    alloc(cls, Kind::Iter(Box::new(k)))
}

/// A value that is not an object (int, float, None, bool): never iterable.
/// (Lets callers word the error their own way without calling `__iter__`.)
pub fn is_plainly_not_iterable(v: Value) -> bool {
    !v.is_obj()
}

pub fn get_iter(v: Value) -> PyResult<Value> {
    if let Some(f) = ops::user_dunder(v, "__iter__") {
        let it = ops::call_dunder(f, v, &[])?;
        if !is_iterator(it) {
            return Err(type_error(format!("iter() returned non-iterator of type '{}'", type_name(it))));
        }
        return Ok(it);
    }
    let u = ops::unwrap_base(v);
    let k = match kind(u) {
        Some(Kind::List(_)) | Some(Kind::Tuple(_)) | Some(Kind::Bytes(_)) | Some(Kind::ByteArray(_)) => IterKind::Seq { seq: u, index: 0 },
        Some(Kind::Str(_)) => IterKind::Str { s: u.objref(), byte: 0 },
        Some(Kind::Dict(d)) => IterKind::DictKeys { dict: u.objref(), index: 0, len: d.len() },
        Some(Kind::Set(s) | Kind::FrozenSet(s)) => IterKind::Set { set: u.objref(), index: 0, len: s.len() },
        Some(Kind::Range { start, stop, step }) => IterKind::Range { next: *start, stop: *stop, step: *step },
        Some(Kind::Deque { .. }) => IterKind::Deque { deque: u.objref(), index: 0, reverse: false },
        Some(Kind::DictView { dict, which }) => {
            let len = as_dict(dict.val()).expect("dict").len();
            match which {
                0 => IterKind::DictKeys { dict: *dict, index: 0, len },
                1 => IterKind::DictValues { dict: *dict, index: 0, len },
                _ => IterKind::DictItems { dict: *dict, index: 0, len },
            }
        }
        Some(Kind::Iter(_)) | Some(Kind::Generator(_)) => return Ok(v),
        Some(Kind::File(f)) => {
            let text = String::from_utf8_lossy(&f.content[f.pos.min(f.content.len())..]).to_string();
            f.pos = f.content.len();
            let lines: std::collections::VecDeque<Value> = text.split_inclusive('\n').map(new_str).collect();
            IterKind::Buffered { items: lines }
        }
        _ => {
            if ops::user_dunder(v, "__next__").is_some() {
                return Ok(v);
            }
            if ops::user_dunder(v, "__getitem__").is_some() {
                IterKind::Seq { seq: v, index: 0 }
            } else {
                return Err(type_error(format!("'{}' object is not iterable", type_name(v))));
            }
        }
    };
    Ok(new_iter(k))
}

pub fn is_iterator(v: Value) -> bool {
    matches!(kind(v), Some(Kind::Iter(_)) | Some(Kind::Generator(_))) || ops::user_dunder(v, "__next__").is_some()
}

/// The next item, `None` when exhausted.
pub fn next(it: Value) -> PyResult<Option<Value>> {
    let Some(o) = it.as_obj() else {
        return Err(type_error(format!("'{}' object is not an iterator", type_name(it))));
    };
    match &mut o.get().kind {
        Kind::Iter(k) => next_builtin(k),
        Kind::Generator(_) => match crate::interp::gen_resume(o, Value::NONE, None)? {
            crate::interp::GenStep::Yielded(v) => Ok(Some(v)),
            crate::interp::GenStep::Returned(_) => Ok(None),
        },
        _ => match ops::user_dunder(it, "__next__") {
            Some(f) => match ops::call_dunder(f, it, &[]) {
                Ok(v) => Ok(Some(v)),
                Err(e) if types::isinstance(e.val(), vm().t.stop_iteration) => Ok(None),
                Err(e) => Err(e),
            },
            None => Err(type_error(format!("'{}' object is not an iterator", type_name(it)))),
        },
    }
}

fn next_builtin(k: &mut IterKind) -> PyResult<Option<Value>> {
    match k {
        IterKind::Seq { seq, index } => {
            let i = *index;
            match kind(*seq) {
                Some(Kind::List(l)) => {
                    if i < l.len() {
                        *index += 1;
                        return Ok(Some(l[i]));
                    }
                    *index = usize::MAX / 2;
                    Ok(None)
                }
                Some(Kind::Tuple(t)) => {
                    if i < t.len() {
                        *index += 1;
                        return Ok(Some(t[i]));
                    }
                    Ok(None)
                }
                Some(Kind::Bytes(b) | Kind::ByteArray(b)) => {
                    if i < b.len() {
                        *index += 1;
                        return Ok(Some(Value::int(b[i] as i64)));
                    }
                    Ok(None)
                }
                _ => {
                    if i == usize::MAX / 2 {
                        return Ok(None);
                    }
                    match ops::getitem(*seq, Value::int(i as i64)) {
                        Ok(v) => {
                            *index += 1;
                            Ok(Some(v))
                        }
                        Err(e) if types::isinstance(e.val(), vm().t.index_error) || types::isinstance(e.val(), vm().t.stop_iteration) => {
                            *index = usize::MAX / 2;
                            Ok(None)
                        }
                        Err(e) => Err(e),
                    }
                }
            }
        }
        IterKind::Range { next, stop, step } => {
            if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                let v = *next;
                *next = next.saturating_add(*step);
                return Ok(Some(Value::int(v)));
            }
            Ok(None)
        }
        IterKind::Str { s, byte } => {
            let st = match &s.get().kind {
                Kind::Str(x) => &x.s,
                _ => return Ok(None),
            };
            match st[*byte..].chars().next() {
                Some(c) => {
                    let start = *byte;
                    *byte += c.len_utf8();
                    Ok(Some(new_str(&st[start..*byte])))
                }
                None => Ok(None),
            }
        }
        IterKind::DictKeys { dict, index, len } | IterKind::DictValues { dict, index, len } | IterKind::DictItems { dict, index, len } => {
            let d = as_dict(dict.val()).expect("dict");
            if d.len() != *len {
                *len = usize::MAX;
                return Err(runtime_error("dictionary changed size during iteration".into()));
            }
            while *index < d.capacity_index() {
                let i = *index;
                *index += 1;
                if let Some((key, val)) = d.entry_at(i) {
                    return Ok(Some(match k {
                        IterKind::DictKeys { .. } => key,
                        IterKind::DictValues { .. } => val,
                        _ => new_tuple(vec![key, val]),
                    }));
                }
            }
            Ok(None)
        }
        IterKind::Set { set, index, len } => {
            let s = as_set(set.val()).expect("set");
            if s.len() != *len {
                *len = usize::MAX;
                return Err(runtime_error("Set changed size during iteration".into()));
            }
            while *index < s.table_len() {
                let i = *index;
                *index += 1;
                if let Some(v) = s.entry_at(i) {
                    return Ok(Some(v));
                }
            }
            Ok(None)
        }
        IterKind::Deque { deque, index, reverse } => {
            let Kind::Deque { items, .. } = &deque.get().kind else { return Ok(None) };
            if *index < items.len() {
                let i = if *reverse { items.len() - 1 - *index } else { *index };
                *index += 1;
                return Ok(Some(items[i]));
            }
            Ok(None)
        }
        IterKind::Reversed { seq, index } => {
            if *index < 0 {
                return Ok(None);
            }
            let i = *index;
            *index -= 1;
            match kind(*seq) {
                Some(Kind::List(l)) => {
                    if (i as usize) < l.len() {
                        Ok(Some(l[i as usize]))
                    } else {
                        *index = -1;
                        Ok(None)
                    }
                }
                _ => ops::getitem(*seq, Value::int(i as i64)).map(Some),
            }
        }
        IterKind::Buffered { items } => Ok(items.pop_front()),
        _ => crate::modules::itertools::next_iter(k),
    }
}

/// Collects an iterable into a vector.
pub fn collect(v: Value) -> PyResult<Vec<Value>> {
    match kind(v) {
        Some(Kind::List(l)) if types::type_data(type_of(v)).is_builtin => return Ok(l.clone()),
        Some(Kind::Tuple(t)) if types::type_data(type_of(v)).is_builtin => return Ok(t.to_vec()),
        _ => {}
    }
    let it = get_iter(v)?;
    if let Some(Kind::Generator(_)) = kind(it) {
        return drain_generator(it);
    }
    let mut out = vec![];
    with_root(it, || -> PyResult<()> {
        while let Some(x) = next(it)? {
            out.push(x);
        }
        Ok(())
    })?;
    Ok(out)
}

/// All items of generator `g`, gathered in a rooted list so that the
/// generator's garbage can be collected meanwhile (see
/// `enter_nested_for_generator`).
fn drain_generator(g: Value) -> PyResult<Vec<Value>> {
    let acc = new_list(vec![]);
    let vm = vm();
    let roots = vm.temp_roots.len();
    vm.temp_roots.push(g);
    vm.temp_roots.push(acc);
    let saved = vm.draining.replace((vm.nested, kiln::gc::allocation_mark(), g.objref()));
    let r = (|| -> PyResult<()> {
        while let Some(x) = next(g)? {
            if let Some(l) = as_list(acc) {
                l.push(x);
            }
        }
        Ok(())
    })();
    let vm = crate::runtime::vm();
    vm.draining = saved;
    vm.temp_roots.truncate(roots);
    r?;
    Ok(as_list(acc).map(std::mem::take).unwrap_or_default())
}
