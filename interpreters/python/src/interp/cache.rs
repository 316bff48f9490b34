//! Inline caches for attribute instructions in concrete mode: a hit skips
//! the class lookups when the object's class, the class's version and the
//! instance's map are those seen last time at this instruction. (Traces
//! do not use them; both paths compute the same thing.)

use crate::bytecode::{AttrCache, Code};
use crate::object::{Kind, Map};
use crate::runtime::{hash, ops, types};
use crate::value::{ObjRef, Value};

pub fn plain_instance(obj: Value) -> Option<(ObjRef, &'static crate::object::Instance)> {
    let r = obj.as_obj()?;
    match &r.get().kind {
        Kind::Instance(i) if i.exc.is_none() => Some((r, i)),
        _ => None,
    }
}

#[inline]
fn valid(e: &AttrCache, r: ObjRef, map: &'static Map) -> bool {
    let cls = r.get().class;
    e.class == cls.0 && e.map == map as *const Map as usize && e.version == types::type_data(cls).version
}

/// A cached LOAD_ATTR result.
#[inline]
pub fn load(code: &Code, pc: usize, obj: Value) -> Option<Value> {
    let (r, i) = plain_instance(obj)?;
    let e = code.caches[pc].get();
    if e.kind == 0 || !valid(&e, r, i.map) {
        return None;
    }
    match e.kind {
        1 => i.values.get(e.index as usize).copied(),
        3 => Some(e.value),
        _ => None,
    }
}

/// A cached LOAD_METHOD result: (function, self).
#[inline]
pub fn load_method(code: &Code, pc: usize, obj: Value) -> Option<(Value, Value)> {
    let (r, i) = plain_instance(obj)?;
    let e = code.caches[pc].get();
    if e.kind == 0 || !valid(&e, r, i.map) {
        return None;
    }
    match e.kind {
        1 => i.values.get(e.index as usize).map(|v| (*v, Value::NULL)),
        2 => Some((e.value, obj)),
        3 => Some((e.value, Value::NULL)),
        _ => None,
    }
}

pub fn cacheable_class(cls: ObjRef) -> bool {
    let td = types::type_data(cls);
    if td.is_builtin || td.layout != crate::object::Layout::Object {
        return false;
    }
    let user = |n: &'static str| types::lookup_str(cls, n).map(|f| !hash::is_builtin_slot(f)).unwrap_or(false);
    !user("__getattribute__") && !user("__getattr__") && !user("__setattr__")
}

fn is_descriptor(d: Value) -> bool {
    match crate::runtime::kind(d) {
        Some(Kind::Function(_) | Kind::Builtin(_) | Kind::StaticMethod(_) | Kind::ClassMethod(_) | Kind::Property(_) | Kind::Cached { .. }) => true,
        Some(Kind::Instance(_)) => ops::user_dunder(d, "__get__").is_some() || ops::user_dunder(d, "__set__").is_some(),
        _ => false,
    }
}

/// How an attribute of an instance of a cacheable class is found, for a
/// given class (and its version) and map: what both the inline caches and
/// traces rely on.
#[derive(Copy, Clone, Debug)]
pub enum LoadPlan {
    /// In the instance's values, at this index.
    Slot(usize),
    /// A Python function on the class, bound to the instance (methods only).
    Method(Value),
    /// A plain class attribute.
    ClassAttr(Value),
}

/// The plan for reading `name` (`None`: the generic lookup must run).
pub fn plan_load(cls: ObjRef, map: &'static Map, name: Value, method: bool) -> Option<LoadPlan> {
    if !cacheable_class(cls) {
        return None;
    }
    let d = types::lookup(cls, name);
    Some(match (map.index(name.objref()), d) {
        (_, Some(d)) if matches!(crate::runtime::kind(d), Some(Kind::Property(_))) => return None,
        (Some(k), Some(d)) if !is_descriptor(d) || matches!(crate::runtime::kind(d), Some(Kind::Function(_))) => LoadPlan::Slot(k),
        (Some(k), None) => LoadPlan::Slot(k),
        (None, Some(d)) if method && matches!(crate::runtime::kind(d), Some(Kind::Function(_))) => LoadPlan::Method(d),
        (None, Some(d)) if !is_descriptor(d) => LoadPlan::ClassAttr(d),
        _ => return None,
    })
}

/// How `obj.name = v` stores into an instance of a cacheable class with map
/// `before`.
#[derive(Copy, Clone)]
pub enum StorePlan {
    /// Overwrites the value at this index.
    Slot(usize),
    /// Appends the value (at the end of the instance's values); the
    /// instance gets the new map.
    Append(&'static Map),
}

/// The plan for storing `name` (`None`: the generic setattr must run).
pub fn plan_store(cls: ObjRef, before: &'static Map, name: Value) -> Option<StorePlan> {
    if !cacheable_class(cls) {
        return None;
    }
    if let Some(d) = types::lookup(cls, name) {
        if is_descriptor(d) && !matches!(crate::runtime::kind(d), Some(Kind::Function(_))) {
            return None;
        }
    }
    Some(match before.index(name.objref()) {
        Some(k) => StorePlan::Slot(k),
        None => StorePlan::Append(before.with(name.objref())),
    })
}

/// Fills the cache after a slow LOAD_ATTR / LOAD_METHOD.
pub fn fill_load(code: &Code, pc: usize, obj: Value, name: Value, method: bool) {
    let Some((r, i)) = plain_instance(obj) else { return };
    let cls = r.get().class;
    let base = AttrCache { class: cls.0, version: types::type_data(cls).version, map: i.map as *const Map as usize, ..Default::default() };
    let entry = match plan_load(cls, i.map, name, method) {
        Some(LoadPlan::Slot(k)) => AttrCache { kind: 1, index: k as u32, ..base },
        Some(LoadPlan::Method(d)) => AttrCache { kind: 2, value: d, ..base },
        Some(LoadPlan::ClassAttr(d)) => AttrCache { kind: 3, value: d, ..base },
        None => return,
    };
    code.caches[pc].set(entry);
}

/// A cached STORE_ATTR: true when done.
#[inline]
pub fn store(code: &Code, pc: usize, obj: Value, v: Value) -> bool {
    let Some(r) = obj.as_obj() else { return false };
    let Kind::Instance(i) = &mut r.get().kind else { return false };
    if i.exc.is_some() {
        return false;
    }
    let e = code.caches[pc].get();
    if e.kind == 0 || !valid(&e, r, i.map) {
        return false;
    }
    match e.kind {
        1 => match i.values.get_mut(e.index as usize) {
            Some(slot) => {
                *slot = v;
                true
            }
            None => false,
        },
        4 => {
            if i.values.len() != e.index as usize {
                return false;
            }
            // SAFETY: maps are leaked and never freed.
            i.map = unsafe { &*(e.value.payload as usize as *const Map) };
            i.values.push(v);
            true
        }
        _ => false,
    }
}

/// A cached LOAD_GLOBAL: the value at a remembered entry of the globals
/// (kind 5) or builtins (kind 6) dict while neither gained or lost keys.
#[inline]
pub fn load_global(code: &Code, pc: usize, globals: ObjRef) -> Option<Value> {
    let e = code.caches[pc].get();
    if e.kind < 5 || e.class != globals.0 {
        return None;
    }
    let g = crate::runtime::as_dict(globals.val())?;
    if g.version != e.version {
        return None;
    }
    if e.kind == 5 {
        let v = g.value_at(e.index as usize);
        return if v.is_null() { None } else { Some(v) };
    }
    let b = crate::runtime::as_dict(crate::runtime::vm().builtins.val())?;
    if b.version as usize != e.map {
        return None;
    }
    let v = b.value_at(e.index as usize);
    if v.is_null() {
        None
    } else {
        Some(v)
    }
}

/// A cached STORE_GLOBAL to an existing name: true when done.
#[inline]
pub fn store_global(code: &Code, pc: usize, globals: ObjRef, v: Value) -> bool {
    let e = code.caches[pc].get();
    if e.kind != 5 || e.class != globals.0 {
        return false;
    }
    match crate::runtime::as_dict(globals.val()) {
        Some(g) if g.version == e.version => g.set_value_at(e.index as usize, v),
        _ => false,
    }
}

pub fn fill_global(code: &Code, pc: usize, globals: ObjRef, name: Value) {
    let Some(g) = crate::runtime::as_dict(globals.val()) else { return };
    let base = AttrCache { class: globals.0, version: g.version, ..Default::default() };
    if let Some(i) = g.position_str(name) {
        code.caches[pc].set(AttrCache { kind: 5, index: i as u32, ..base });
        return;
    }
    let Some(b) = crate::runtime::as_dict(crate::runtime::vm().builtins.val()) else { return };
    if let Some(i) = b.position_str(name) {
        code.caches[pc].set(AttrCache { kind: 6, index: i as u32, map: b.version as usize, ..base });
    }
}

/// The map an instance has now (to fill the store cache after a slow store).
pub fn map_of(obj: Value) -> Option<&'static Map> {
    plain_instance(obj).map(|(_, i)| i.map)
}

/// Fills the cache after a slow STORE_ATTR (`before` is the map before it).
pub fn fill_store(code: &Code, pc: usize, obj: Value, name: Value, before: Option<&'static Map>) {
    let (Some((r, i)), Some(before)) = (plain_instance(obj), before) else { return };
    let cls = r.get().class;
    if !cacheable_class(cls) {
        return;
    }
    if let Some(d) = types::lookup(cls, name) {
        if is_descriptor(d) && !matches!(crate::runtime::kind(d), Some(Kind::Function(_))) {
            return;
        }
    }
    let Some(k) = i.map.index(name.objref()) else { return };
    let version = types::type_data(cls).version;
    let entry = if std::ptr::eq(before, i.map) {
        AttrCache { class: cls.0, version, map: before as *const Map as usize, kind: 1, index: k as u32, value: Value::NULL }
    } else if before.names.len() + 1 == i.map.names.len() && k == before.names.len() {
        AttrCache { class: cls.0, version, map: before as *const Map as usize, kind: 4, index: k as u32, value: Value { tag: 0, payload: i.map as *const Map as u64 } }
    } else {
        return;
    };
    code.caches[pc].set(entry);
}
