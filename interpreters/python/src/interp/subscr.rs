//! Indexing and unpacking of lists and tuples in traces: items are loaded
//! (or stored) directly, after a bounds or length check; negative indices
//! count from the end as in the interpreter. Anything else is a residual
//! call.

use super::eval::V;
use super::layout::{layouts, VALUE_PAYLOAD, VALUE_TAG};
use crate::object::CLASS_FIELD;
use crate::runtime::vm;
use crate::value::*;
use kiln::{Arg, Mode};

/// The items' address, a normalized in-bounds index, and the container's
/// class, for `o[k]` on an exact list (or tuple, when `tuple_ok`).
fn locate<M: Mode>(m: &mut M, o: V<M>, k: V<M>, tuple_ok: bool) -> Option<(M::R, M::I)> {
    if m.promote_int(o.0) as u64 != T_OBJ || m.promote_int(k.0) as u64 != T_INT {
        return None;
    }
    let obj = m.int_to_ref(o.1);
    let cls = m.getfield_r(obj, &CLASS_FIELD);
    let cls = ObjRef(m.promote_ref(cls));
    let t = &vm().t;
    let l = layouts();
    let (len_d, ptr_d) = if cls == t.list {
        (l.list_len, l.list_ptr)
    } else if cls == t.tuple && tuple_ok {
        (l.tuple_len, l.tuple_ptr)
    } else {
        return None;
    };
    let len = m.getfield_i(obj, len_d);
    let mut idx = k.1;
    let zero = m.int(0);
    let negative = m.int_lt(idx, zero);
    if m.cond(negative) {
        idx = m.int_add(idx, len);
    }
    let inside = m.uint_lt(idx, len);
    if !m.cond(inside) {
        // The generic path raises IndexError.
        return None;
    }
    let items = m.getfield_r(obj, ptr_d);
    Some((items, idx))
}

/// `o[k]` while recording, or `None` for the generic path.
pub fn getitem<M: Mode>(m: &mut M, o: V<M>, k: V<M>) -> Option<V<M>> {
    let (items, i) = locate(m, o, k, true)?;
    Some((m.getarrayitem_i(items, i, &VALUE_TAG), m.getarrayitem_i(items, i, &VALUE_PAYLOAD)))
}

/// `o[k] = v` while recording (`false` for the generic path).
pub fn setitem<M: Mode>(m: &mut M, o: V<M>, k: V<M>, v: V<M>) -> bool {
    let Some((items, i)) = locate(m, o, k, false) else { return false };
    m.setarrayitem_i(items, i, &VALUE_TAG, v.0);
    m.setarrayitem_i(items, i, &VALUE_PAYLOAD, v.1);
    true
}

/// UNPACK_SEQUENCE of an exact tuple or list of `n` items while recording:
/// the items in order, or `None` for the generic path.
pub fn unpack<M: Mode>(m: &mut M, o: V<M>, n: usize) -> Option<Vec<V<M>>> {
    if m.promote_int(o.0) as u64 != T_OBJ {
        return None;
    }
    let obj = m.int_to_ref(o.1);
    let cls = m.getfield_r(obj, &CLASS_FIELD);
    let cls = ObjRef(m.promote_ref(cls));
    let t = &vm().t;
    let l = layouts();
    let (len_d, ptr_d) = if cls == t.list {
        (l.list_len, l.list_ptr)
    } else if cls == t.tuple {
        (l.tuple_len, l.tuple_ptr)
    } else {
        return None;
    };
    let len = m.getfield_i(obj, len_d);
    let want = m.int(n as i64);
    let same = m.int_eq(len, want);
    if !m.cond(same) {
        return None;
    }
    let items = m.getfield_r(obj, ptr_d);
    Some(
        (0..n)
            .map(|j| {
                let i = m.int(j as i64);
                (m.getarrayitem_i(items, i, &VALUE_TAG), m.getarrayitem_i(items, i, &VALUE_PAYLOAD))
            })
            .collect(),
    )
}

/// Slice bounds that are ints or None while recording: their payloads and a
/// mask of the ones that are None (bit k for bound k), or `None` when a
/// bound is something else (the generic path handles `__index__`).
fn slice_bounds<M: Mode>(m: &mut M, bounds: &[V<M>]) -> Option<([M::I; 3], u64)> {
    let mut words = [m.int(0), m.int(0), m.int(0)];
    let mut none_mask = 0;
    for (k, b) in bounds.iter().enumerate() {
        match m.promote_int(b.0) as u64 {
            T_INT => words[k] = b.1,
            T_NONE => none_mask |= 1 << k,
            _ => return None,
        }
    }
    for k in bounds.len()..3 {
        none_mask |= 1 << k;
    }
    Some((words, none_mask))
}

/// The exact class of `o` while recording, when it is an object.
fn exact_class<M: Mode>(m: &mut M, o: V<M>) -> Option<(M::R, ObjRef)> {
    if m.promote_int(o.0) as u64 != T_OBJ {
        return None;
    }
    let obj = m.int_to_ref(o.1);
    let cls = m.getfield_r(obj, &CLASS_FIELD);
    Some((obj, ObjRef(m.promote_ref(cls))))
}

fn bound(payload: u64, none_mask: u64, k: u32) -> Value {
    if none_mask & (1 << k) != 0 {
        Value::NONE
    } else {
        Value::int(payload as i64)
    }
}

/// The span of `o[a:b:c]` for a sequence of `len` items (bounds as the
/// fused slice calls pass them), or `None` for a zero step.
fn span(len: usize, a: u64, b: u64, c: u64, none_mask: u64) -> Option<(i64, i64, i64, i64)> {
    let int_bound = |payload: u64, k: u32| (none_mask & (1 << k) == 0).then_some(payload as i64);
    let step = int_bound(c, 2).unwrap_or(1);
    (step != 0).then(|| crate::runtime::ops::slice_span(int_bound(a, 0), int_bound(b, 1), step, len as i64))
}

/// The items of a list or tuple, or `None` for other objects.
fn sequence_items(o: ObjRef) -> Option<&'static [Value]> {
    match &o.get().kind {
        crate::object::Kind::List(l) => Some(l),
        crate::object::Kind::Tuple(t) => Some(t),
        _ => None,
    }
}

/// `o[a:b:c]` of a list or tuple with a non-zero step: the new sequence's
/// payload, or `None` for anything else.
fn sequence_slice(o: ObjRef, a: u64, b: u64, c: u64, none_mask: u64) -> Option<u64> {
    let items = sequence_items(o)?;
    let (s, _, st, n) = span(items.len(), a, b, c, none_mask)?;
    let picked = crate::runtime::ops::pick(items, s, st, n);
    let r = match &o.get().kind {
        crate::object::Kind::List(_) => crate::runtime::new_list(picked),
        _ => crate::runtime::new_tuple(picked),
    };
    Some(r.payload)
}

fn get_slice(o: ObjRef, a: u64, b: u64, c: u64, none_mask: u64) -> Result<u64, ObjRef> {
    if let Some(p) = sequence_slice(o, a, b, c, none_mask) {
        return Ok(p);
    }
    let (start, stop, step) = (bound(a, none_mask, 0), bound(b, none_mask, 1), bound(c, none_mask, 2));
    let r = match crate::runtime::ops::get_slice(o.val(), start, stop, step) {
        Some(r) => r?,
        None => {
            let s = crate::runtime::alloc(vm().t.slice, crate::object::Kind::Slice { start, stop, step });
            crate::runtime::ops::getitem(o.val(), s)?
        }
    };
    debug_assert_eq!(r.tag, T_OBJ, "slices of lists, tuples and strings are objects");
    Ok(r.payload)
}
kiln::residual!(raises fn r_get_slice = get_slice(o: ObjRef, a: u64, b: u64, c: u64, none_mask: u64) -> u64; ALL);

/// `o[a:b:c]` of an exact list or tuple with a non-zero step, which the
/// trace has checked: it cannot raise and changes nothing, so the optimizer
/// may sink it (see `slice`).
fn list_slice(o: ObjRef, a: u64, b: u64, c: u64, none_mask: u64) -> u64 {
    // The generic path is never taken: the trace checked class and step.
    sequence_slice(o, a, b, c, none_mask).unwrap_or_else(|| get_slice(o, a, b, c, none_mask).unwrap_or(Value::NONE.payload))
}
kiln::residual!(fn r_list_slice = list_slice(o: ObjRef, a: u64, b: u64, c: u64, none_mask: u64) -> u64; READS | ALLOCATES);

/// First half of `dst[a:b] = src[a2:b2:c2]` fused: copies the items of
/// `src[...]` (an exact list or tuple, non-zero step) aside, so `dst` may be
/// `src`.
fn stage_slice(src: ObjRef, a: u64, b: u64, c: u64, none_mask: u64) -> u64 {
    let stage = &mut vm().slice_stage;
    stage.clear();
    if let Some(items) = sequence_items(src) {
        if let Some((s, _, st, n)) = span(items.len(), a, b, c, none_mask) {
            stage.extend((0..n).map(|k| items[(s + k * st) as usize]));
        }
    }
    0
}
kiln::residual!(fn r_stage_slice = stage_slice(src: ObjRef, a: u64, b: u64, c: u64, none_mask: u64) -> u64; READS | WRITES);

/// Second half: `dst[a:b] = <the staged items>` for an exact list `dst`
/// (step 1, so any number of items fits: it cannot raise).
fn store_staged(dst: ObjRef, a: u64, b: u64, none_mask: u64) -> u64 {
    let vm = vm();
    if let crate::object::Kind::List(l) = &mut dst.get().kind {
        if let Some((s, e, _, _)) = span(l.len(), a, b, 0, none_mask | 4) {
            let (s, e) = (s as usize, (e.max(s)) as usize);
            if e - s == vm.slice_stage.len() {
                l[s..e].copy_from_slice(&vm.slice_stage);
            } else {
                l.splice(s..e, vm.slice_stage.iter().copied());
            }
        }
    }
    vm.slice_stage.clear();
    0
}
kiln::residual!(fn r_store_staged = store_staged(dst: ObjRef, a: u64, b: u64, none_mask: u64) -> u64; READS | WRITES);

fn set_list_slice(o: ObjRef, a: u64, b: u64, c: u64, none_mask: u64, value: ObjRef) -> Result<u64, ObjRef> {
    let (start, stop, step) = (bound(a, none_mask, 0), bound(b, none_mask, 1), bound(c, none_mask, 2));
    crate::runtime::ops::set_list_slice(o.val(), start, stop, step, value.val())?;
    Ok(0)
}
kiln::residual!(raises fn r_set_list_slice = set_list_slice(o: ObjRef, a: u64, b: u64, c: u64, none_mask: u64, value: ObjRef) -> u64; ALL);

/// What a fused slice operation did while recording.
pub enum SliceOutcome<M: Mode> {
    /// `o[a:b:c]`: the new sequence's payload (its tag is `T_OBJ`).
    Got(M::I),
    Stored,
    /// Not a list, tuple or string with int or None bounds.
    Generic,
}

/// BUILD_SLICE followed by BINARY_SUBSCR (`store` false) or STORE_SUBSCR
/// on an exact list (tuple or str for reading) while recording: one
/// residual call without the slice object. `bounds` are the slice's 2 or 3
/// items; `value` is what a store assigns. `Err` is the exception raised.
pub fn slice<M: Mode>(m: &mut M, o: V<M>, bounds: &[V<M>], value: Option<V<M>>) -> Result<SliceOutcome<M>, M::I> {
    let Some((obj, cls)) = exact_class(m, o) else { return Ok(SliceOutcome::Generic) };
    let t = &vm().t;
    let Some(([a, b, c], none_mask)) = slice_bounds(m, bounds) else { return Ok(SliceOutcome::Generic) };
    let mask = m.int(none_mask as i64);
    match value {
        None if (cls == t.list || cls == t.tuple) && (none_mask & 4 != 0 || m.peek_int(c) != 0) => {
            if none_mask & 4 == 0 {
                let zero = m.int_is_zero(c);
                m.cond(zero);
            }
            Ok(SliceOutcome::Got(r_list_slice(m, obj, a, b, c, mask)))
        }
        None if cls == t.list || cls == t.tuple || cls == t.str_ => Ok(SliceOutcome::Got(r_get_slice(m, obj, a, b, c, mask)?)),
        Some(v) if cls == t.list => {
            if m.promote_int(v.0) as u64 != T_OBJ {
                return Ok(SliceOutcome::Generic);
            }
            if none_mask & 4 != 0 {
                let from_slice = m.producing_call(v.1).filter(|p| p.descr.name == "r_list_slice");
                if let Some(src) = from_slice {
                    if let &[Arg::R(s), Arg::I(a2), Arg::I(b2), Arg::I(c2), Arg::I(mask2)] = &src.args[..] {
                        // `dst[a:b] = src[a2:b2:c2]` with nothing written
                        // since the slice was taken: the items go straight
                        // across and the slice itself is left to the
                        // optimizer to remove.
                        r_stage_slice(m, s, a2, b2, c2, mask2);
                        r_store_staged(m, obj, a, b, mask);
                        return Ok(SliceOutcome::Stored);
                    }
                }
            }
            let vr = m.int_to_ref(v.1);
            r_set_list_slice(m, obj, a, b, c, mask, vr)?;
            Ok(SliceOutcome::Stored)
        }
        _ => Ok(SliceOutcome::Generic),
    }
}
