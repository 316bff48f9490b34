//! FOR_ITER in traces for the built-in iterators loops use most: range and
//! list iterators, and `enumerate` over them. Their state is read and
//! written directly; `for i, x in enumerate(...)` pushes the pair straight
//! onto the stack, skipping the tuple and its UNPACK_SEQUENCE, as the
//! interpreter does.

use super::eval::V;
use super::frame::Frame;
use super::layout::{layouts, VALUE_PAYLOAD, VALUE_TAG};
use crate::bytecode::{Code, Instr};
use crate::object::CLASS_FIELD;
use crate::value::*;
use kiln::Mode;

#[derive(Copy, Clone, PartialEq)]
enum Simple {
    Range,
    List,
}

/// Which simple iterator `cls` is.
fn simple_kind(cls: ObjRef) -> Option<Simple> {
    let types = &crate::runtime::vm().iter_types;
    if types.get("range_iterator") == Some(&cls) {
        Some(Simple::Range)
    } else if types.get("list_iterator") == Some(&cls) {
        Some(Simple::List)
    } else {
        None
    }
}

/// The class of an object value, promoted.
fn class_of<M: Mode>(m: &mut M, obj: M::R) -> ObjRef {
    let cls = m.getfield_r(obj, &CLASS_FIELD);
    ObjRef(m.promote_ref(cls))
}

/// Advances a simple iterator: its next value, or `None` at the end.
fn step<M: Mode>(m: &mut M, obj: M::R, kind: Simple) -> Option<V<M>> {
    let l = layouts();
    let st = m.getfield_r(obj, l.iter_box);
    match kind {
        Simple::Range => {
            let n = m.getfield_i(st, l.range_next);
            let stop = m.getfield_i(st, l.range_stop);
            let step = m.getfield_i(st, l.range_step);
            let step_c = m.promote_int(step);
            let more = if step_c > 0 { m.int_lt(n, stop) } else { m.int_gt(n, stop) };
            if !m.cond(more) {
                return None;
            }
            // As in the interpreter, the next value saturates.
            let nn = match m.int_add_ovf(n, step) {
                Some(v) => v,
                None => m.int(if step_c > 0 { i64::MAX } else { i64::MIN }),
            };
            m.setfield_i(st, l.range_next, nn);
            Some((m.int(T_INT as i64), n))
        }
        Simple::List => {
            let seq = m.getfield_i(st, l.seq_payload);
            let list = m.int_to_ref(seq);
            let idx = m.getfield_i(st, l.seq_index);
            let len = m.getfield_i(list, l.list_len);
            let more = m.uint_lt(idx, len);
            if !m.cond(more) {
                let done = m.int((usize::MAX / 2) as i64);
                m.setfield_i(st, l.seq_index, done);
                return None;
            }
            let items = m.getfield_r(list, l.list_ptr);
            let t = m.getarrayitem_i(items, idx, &VALUE_TAG);
            let p = m.getarrayitem_i(items, idx, &VALUE_PAYLOAD);
            let one = m.int(1);
            let idx1 = m.int_add(idx, one);
            m.setfield_i(st, l.seq_index, idx1);
            Some((t, p))
        }
    }
}

fn push<M: Mode>(m: &mut M, f: &mut Frame, at: usize, v: V<M>) {
    m.set_slot(&mut f.slots, 2 * at, v.0);
    m.set_slot(&mut f.slots, 2 * at + 1, v.1);
}

/// FOR_ITER while recording, for range and list iterators and `enumerate`
/// over them followed by a two-item unpack (`false`: not such an iterator).
pub fn for_iter<M: Mode>(m: &mut M, f: &mut Frame, code: &Code, it: V<M>, top: usize, target: usize, next: usize) -> bool {
    if m.promote_int(it.0) as u64 != T_OBJ {
        return false;
    }
    let obj = m.int_to_ref(it.1);
    let cls = class_of(m, obj);
    if let Some(kind) = simple_kind(cls) {
        match step(m, obj, kind) {
            Some(v) => {
                push(m, f, top, v);
                f.pc = next + 1;
            }
            None => f.pc = target,
        }
        return true;
    }
    let is_enumerate = crate::runtime::vm().iter_types.get("enumerate") == Some(&cls);
    let unpacks = matches!(code.instrs.get(next + 1), Some(Instr::UnpackSequence(2)));
    if !(is_enumerate && unpacks) {
        return false;
    }
    let l = layouts();
    let st = m.getfield_r(obj, l.iter_box);
    let (it_tag, it_payload) = (m.getfield_i(st, l.enum_it_tag), m.getfield_i(st, l.enum_it_payload));
    if m.promote_int(it_tag) as u64 != T_OBJ {
        return false;
    }
    let inner = m.int_to_ref(it_payload);
    let Some(kind) = simple_kind(class_of(m, inner)) else { return false };
    let count_tag = m.getfield_i(st, l.enum_count_tag);
    if m.promote_int(count_tag) as u64 != T_INT {
        return false;
    }
    let count = m.getfield_i(st, l.enum_count_payload);
    let one = m.int(1);
    let Some(count1) = m.int_add_ovf(count, one) else { return false };
    match step(m, inner, kind) {
        Some(x) => {
            m.setfield_i(st, l.enum_count_payload, count1);
            // The pair unpacked, as UNPACK_SEQUENCE leaves it: first on top.
            push(m, f, top, x);
            let t = m.int(T_INT as i64);
            push(m, f, top + 1, (t, count));
            f.pc = next + 2;
        }
        None => f.pc = target,
    }
    true
}
