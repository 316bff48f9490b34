//! Module globals in traces. A trace reads the globals dict's (and the
//! builtins dict's) version as a quasi-immutable field, so the lookup of a
//! name is done once, while recording: a name bound once (a function, a
//! class, a constant) becomes a constant of the trace; a name the program
//! rebinds is read from (or written to) its dict entry directly. Any change
//! that would make the lookup different — a key added or removed, an entry
//! rebound for the first time — bumps the version and invalidates the
//! traces (see `runtime::dict`).

use super::eval::V;
use super::frame::Frame;
use super::layout::layouts;
use crate::runtime::{as_dict, dict::Dict, vm};
use crate::value::*;
use kiln::Mode;

/// The frame's globals as a trace constant, justified by a guard on the
/// frame's function (or namespace, for module code).
fn traced_globals<M: Mode>(m: &mut M, f: &Frame) -> Option<ObjRef> {
    let ftag = m.slot(&f.slots, 0);
    if m.promote_int(ftag) as u64 == T_OBJ {
        let fp = m.slot(&f.slots, 1);
        let fr = m.int_to_ref(fp);
        return match super::calls::traced_function(m, fr) {
            Some(fd) if fd.globals == f.globals => Some(f.globals),
            _ => None,
        };
    }
    let ntag = m.slot(&f.slots, 2);
    if m.promote_int(ntag) as u64 != T_OBJ {
        return None;
    }
    let np = m.slot(&f.slots, 3);
    let nr = m.int_to_ref(np);
    let ns = ObjRef(m.promote_ref(nr));
    (ns == f.globals).then_some(ns)
}

/// A watched dict as a trace constant, its version read quasi-immutably.
fn watch<M: Mode>(m: &mut M, d: &mut Dict) -> M::R {
    d.watched = true;
    let r = m.const_ref(d as *const Dict as usize);
    let _ = m.quasi_immut_i(r, layouts().dict_version);
    r
}

fn entry<M: Mode>(m: &mut M, d: &Dict, dref: M::R, pos: usize) -> V<M> {
    if !d.is_mutable_at(pos) {
        let v = d.value_at(pos);
        return (m.int(v.tag as i64), m.int(v.payload as i64));
    }
    let l = layouts();
    let entries = m.getfield_r(dref, l.dict_entries_ptr);
    let i = m.int(pos as i64);
    (m.getarrayitem_i(entries, i, l.entry_tag), m.getarrayitem_i(entries, i, l.entry_payload))
}

/// LOAD_GLOBAL while recording; `None` when the residual path must run
/// (the name is unbound, or the frame's globals cannot be made constant).
pub fn load<M: Mode>(m: &mut M, f: &Frame, name: Value) -> Option<V<M>> {
    let globals = traced_globals(m, f)?;
    let gd = as_dict(globals.val())?;
    let gref = watch(m, gd);
    if let Some(pos) = gd.position_str(name) {
        return Some(entry(m, gd, gref, pos));
    }
    let bd = as_dict(vm().builtins.val())?;
    let bref = watch(m, bd);
    let pos = bd.position_str(name)?;
    Some(entry(m, bd, bref, pos))
}

/// STORE_GLOBAL while recording into an entry the program rebinds (`false`
/// otherwise: the residual store then makes it mutable, or adds it).
pub fn store<M: Mode>(m: &mut M, f: &Frame, name: Value, v: V<M>) -> bool {
    let Some(globals) = traced_globals(m, f) else { return false };
    let Some(gd) = as_dict(globals.val()) else { return false };
    let gref = watch(m, gd);
    let Some(pos) = gd.position_str(name) else { return false };
    if !gd.is_mutable_at(pos) {
        return false;
    }
    let l = layouts();
    let entries = m.getfield_r(gref, l.dict_entries_ptr);
    let i = m.int(pos as i64);
    m.setarrayitem_i(entries, i, l.entry_tag, v.0);
    m.setarrayitem_i(entries, i, l.entry_payload, v.1);
    true
}
