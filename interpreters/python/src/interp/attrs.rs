//! Attribute access on instances in traces. The object's class is promoted,
//! the class's version read as a quasi-immutable field, and the instance's
//! map promoted; the lookup (`cache::plan_load` / `plan_store`, the same
//! plans the interpreter's inline caches use) then runs once, while
//! recording, and the trace keeps only direct loads and stores of the
//! instance's values.

use super::cache::{plan_load, plan_store, LoadPlan, StorePlan};
use super::eval::V;
use super::layout::{layouts, ARR_VALUE_PAYLOAD, ARR_VALUE_TAG};
use crate::object::{Map, TypeData, CLASS_FIELD};
use crate::runtime::types;
use crate::value::*;
use kiln::Mode;

/// An instance of a class whose attribute plans are usable: the object,
/// its (constant) class and (constant) map.
fn instance<M: Mode>(m: &mut M, o: V<M>) -> Option<(M::R, ObjRef, &'static Map)> {
    if m.promote_int(o.0) as u64 != T_OBJ {
        return None;
    }
    let obj = m.int_to_ref(o.1);
    let cls = m.getfield_r(obj, &CLASS_FIELD);
    let cls = ObjRef(m.promote_ref(cls));
    if !super::cache::cacheable_class(cls) {
        return None;
    }
    // The plans depend on the class's dict and its ancestors': their version.
    let td: &TypeData = types::type_data(cls);
    let tdr = m.const_ref(td as *const TypeData as usize);
    let _ = m.quasi_immut_i(tdr, layouts().type_version);
    // Maps are not GC objects: promoted as plain words.
    let map = m.getfield_i(obj, layouts().inst_map);
    // SAFETY: maps are leaked and never freed.
    let map: &'static Map = unsafe { &*(m.promote_int(map) as usize as *const Map) };
    Some((obj, cls, map))
}

fn slot<M: Mode>(m: &mut M, obj: M::R, k: usize) -> V<M> {
    let values = m.getfield_r(obj, layouts().inst_values_arr);
    let i = m.int(k as i64);
    (m.getarrayitem_i(values, i, &ARR_VALUE_TAG), m.getarrayitem_i(values, i, &ARR_VALUE_PAYLOAD))
}

fn konst<M: Mode>(m: &mut M, v: Value) -> V<M> {
    (m.int(v.tag as i64), m.int(v.payload as i64))
}

/// LOAD_ATTR (`method: false`) or LOAD_METHOD (`true`) while recording:
/// (value, self-or-NULL), or `None` when the generic path must run.
pub fn load<M: Mode>(m: &mut M, o: V<M>, name: Value, method: bool) -> Option<(V<M>, V<M>)> {
    let (obj, cls, map) = instance(m, o)?;
    let null = konst(m, Value::NULL);
    Some(match plan_load(cls, map, name, method)? {
        LoadPlan::Slot(k) => (slot(m, obj, k), null),
        LoadPlan::Method(f) => (konst(m, f), o),
        LoadPlan::ClassAttr(v) => (konst(m, v), null),
    })
}

fn append(obj: ObjRef, map: usize, tag: u64, payload: u64) {
    if let crate::object::Kind::Instance(i) = &mut obj.get().kind {
        // SAFETY: maps are leaked and never freed.
        i.map = unsafe { &*(map as *const Map) };
        i.values.push(Value { tag, payload });
    }
}
kiln::residual!(fn r_append_attr = append(obj: ObjRef, map: usize, tag: u64, payload: u64) -> (); WRITES);

/// STORE_ATTR while recording (`false` when the generic path must run).
pub fn store<M: Mode>(m: &mut M, o: V<M>, name: Value, v: V<M>) -> bool {
    let Some((obj, cls, map)) = instance(m, o) else { return false };
    match plan_store(cls, map, name) {
        Some(StorePlan::Slot(k)) => {
            let values = m.getfield_r(obj, layouts().inst_values_arr);
            let i = m.int(k as i64);
            m.setarrayitem_i(values, i, &ARR_VALUE_TAG, v.0);
            m.setarrayitem_i(values, i, &ARR_VALUE_PAYLOAD, v.1);
            true
        }
        Some(StorePlan::Append(new_map)) => {
            let nm = m.int(new_map as *const Map as i64);
            r_append_attr(m, obj, nm, v.0, v.1);
            true
        }
        None => false,
    }
}
