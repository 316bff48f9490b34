//! Indexing and unpacking of lists and tuples in traces: items are loaded
//! (or stored) directly, after a bounds or length check; negative indices
//! count from the end as in the interpreter. Anything else is a residual
//! call.

use super::eval::V;
use super::layout::{layouts, VALUE_PAYLOAD, VALUE_TAG};
use crate::object::CLASS_FIELD;
use crate::runtime::vm;
use crate::value::*;
use kiln::Mode;

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
