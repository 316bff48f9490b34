//! The plain-Rust operations that handlers call as residual calls (traces
//! call them instead of tracing through them). Values cross as
//! (tag, payload) word pairs; a result's payload is the return value and
//! its tag is fetched with `ret_tag` afterwards (two results: `ret2_*`).

use crate::bytecode::{BinOp, CmpOp, Code, UnOp};
use crate::object::Kind;
use crate::runtime::{self as rt, attr, call, iter, ops, vm, PyResult};
use crate::value::{ObjRef, Value};

#[inline(always)]
fn v(t: u64, p: u64) -> Value {
    Value { tag: t, payload: p }
}

/// Returns a value: the payload now, the tag through `ret_tag`.
#[inline(always)]
fn ret(x: Value) -> u64 {
    vm().ret_tag.set(x.tag);
    x.payload
}

/// Keeps the exception of a non-raising variant of an effectful operation
/// (see `pending_check` in the eval loop) and returns 0 for it.
fn stash(r: Result<u64, ObjRef>) -> u64 {
    match r {
        Ok(v) => v,
        Err(e) => {
            vm().pending = Some(e);
            0
        }
    }
}

/// Raises the exception an effectful operation stashed, if any.
fn check_pending() -> Result<u64, ObjRef> {
    match vm().pending.take() {
        Some(e) => Err(e),
        None => Ok(0),
    }
}
kiln::residual!(raises pub fn r_check_pending = check_pending() -> u64; READS);

fn ret_tag() -> u64 {
    vm().ret_tag.get()
}
kiln::residual!(pub fn r_ret_tag = ret_tag() -> u64; READS);

thread_local! {
    static RET2: std::cell::Cell<Value> = const { std::cell::Cell::new(Value::NULL) };
}
fn ret2_tag() -> u64 {
    RET2.with(|r| r.get().tag)
}
fn ret2_payload() -> u64 {
    RET2.with(|r| r.get().payload)
}
kiln::residual!(pub fn r_ret2_tag = ret2_tag() -> u64; READS);
kiln::residual!(pub fn r_ret2_payload = ret2_payload() -> u64; READS);

fn code_of(c: u64) -> &'static Code {
    // SAFETY: code objects are leaked and live for the whole run.
    unsafe { &*(c as usize as *const Code) }
}

// ---- the argument buffer

fn push_arg(t: u64, p: u64) {
    vm().argbuf.push(v(t, p));
}
// The argument buffer is interpreter state that traces never read
// directly, so pushing to it is not a heap side effect for the recorder.
kiln::residual!(pub fn r_push_arg = push_arg(t: u64, p: u64) -> (); ALLOCATES);

pub fn take_args(n: usize) -> Vec<Value> {
    let b = &mut vm().argbuf;
    let at = b.len().saturating_sub(n);
    b.split_off(at)
}

// ---- operators

fn binop(op: u64, at: u64, ap: u64, bt: u64, bp: u64) -> Result<u64, ObjRef> {
    Ok(ret(ops::binary_op(BinOp::from_u8(op as u8), v(at, ap), v(bt, bp))?))
}
kiln::residual!(raises pub fn r_binop = binop(op: u64, at: u64, ap: u64, bt: u64, bp: u64) -> u64; ALL);
fn binop_nothrow(op: u64, at: u64, ap: u64, bt: u64, bp: u64) -> u64 {
    stash(binop(op, at, ap, bt, bp))
}
kiln::residual!(pub fn r_binop_nr = binop_nothrow(op: u64, at: u64, ap: u64, bt: u64, bp: u64) -> u64; ALL);

fn inplace(op: u64, at: u64, ap: u64, bt: u64, bp: u64) -> Result<u64, ObjRef> {
    Ok(ret(ops::inplace_op(BinOp::from_u8(op as u8), v(at, ap), v(bt, bp))?))
}
kiln::residual!(raises pub fn r_inplace = inplace(op: u64, at: u64, ap: u64, bt: u64, bp: u64) -> u64; ALL);
fn inplace_nothrow(op: u64, at: u64, ap: u64, bt: u64, bp: u64) -> u64 {
    stash(inplace(op, at, ap, bt, bp))
}
kiln::residual!(pub fn r_inplace_nr = inplace_nothrow(op: u64, at: u64, ap: u64, bt: u64, bp: u64) -> u64; ALL);

fn compare(op: u64, at: u64, ap: u64, bt: u64, bp: u64) -> Result<u64, ObjRef> {
    Ok(ret(ops::compare(CmpOp::from_u8(op as u8), v(at, ap), v(bt, bp))?))
}
kiln::residual!(raises pub fn r_compare = compare(op: u64, at: u64, ap: u64, bt: u64, bp: u64) -> u64; ALL);
fn compare_nothrow(op: u64, at: u64, ap: u64, bt: u64, bp: u64) -> u64 {
    stash(compare(op, at, ap, bt, bp))
}
kiln::residual!(pub fn r_compare_nr = compare_nothrow(op: u64, at: u64, ap: u64, bt: u64, bp: u64) -> u64; ALL);

fn contains(at: u64, ap: u64, bt: u64, bp: u64) -> Result<u64, ObjRef> {
    Ok(ops::contains(v(bt, bp), v(at, ap))? as u64)
}
kiln::residual!(raises pub fn r_contains = contains(at: u64, ap: u64, bt: u64, bp: u64) -> u64; ALL);
fn contains_nothrow(at: u64, ap: u64, bt: u64, bp: u64) -> u64 {
    stash(contains(at, ap, bt, bp))
}
kiln::residual!(pub fn r_contains_nr = contains_nothrow(at: u64, ap: u64, bt: u64, bp: u64) -> u64; ALL);

fn unary(op: u64, t: u64, p: u64) -> Result<u64, ObjRef> {
    let op = match op {
        0 => UnOp::Neg,
        1 => UnOp::Pos,
        2 => UnOp::Invert,
        _ => UnOp::Not,
    };
    Ok(ret(ops::unary(op, v(t, p))?))
}
kiln::residual!(raises pub fn r_unary = unary(op: u64, t: u64, p: u64) -> u64; ALL);
fn unary_nothrow(op: u64, t: u64, p: u64) -> u64 {
    stash(unary(op, t, p))
}
kiln::residual!(pub fn r_unary_nr = unary_nothrow(op: u64, t: u64, p: u64) -> u64; ALL);

/// Truth of a value whose truth may run Python code (`__bool__`/`__len__`).
fn truth(t: u64, p: u64) -> Result<u64, ObjRef> {
    Ok(ops::truth(v(t, p))? as u64)
}
kiln::residual!(raises pub fn r_truth = truth(t: u64, p: u64) -> u64; ALL);
fn truth_nothrow(t: u64, p: u64) -> u64 {
    stash(truth(t, p))
}
kiln::residual!(pub fn r_truth_nr = truth_nothrow(t: u64, p: u64) -> u64; ALL);

/// Truth of a built-in object (a pure read).
fn truth_builtin(p: u64) -> u64 {
    ops::truth(v(crate::value::T_OBJ, p)).unwrap_or(true) as u64
}
kiln::residual!(pub fn r_truth_builtin = truth_builtin(p: u64) -> u64; READS);

// ---- attributes and items

fn getattr(t: u64, p: u64, name: u64) -> Result<u64, ObjRef> {
    Ok(ret(attr::getattr(v(t, p), v(crate::value::T_OBJ, name))?))
}
kiln::residual!(raises pub fn r_getattr = getattr(t: u64, p: u64, name: u64) -> u64; ALL);
fn getattr_nothrow(t: u64, p: u64, name: u64) -> u64 {
    stash(getattr(t, p, name))
}
kiln::residual!(pub fn r_getattr_nr = getattr_nothrow(t: u64, p: u64, name: u64) -> u64; ALL);

fn setattr(t: u64, p: u64, name: u64, vt: u64, vp: u64) -> Result<u64, ObjRef> {
    attr::setattr(v(t, p), v(crate::value::T_OBJ, name), v(vt, vp))?;
    Ok(0)
}
kiln::residual!(raises pub fn r_setattr = setattr(t: u64, p: u64, name: u64, vt: u64, vp: u64) -> u64; ALL);
fn setattr_nothrow(t: u64, p: u64, name: u64, vt: u64, vp: u64) -> u64 {
    stash(setattr(t, p, name, vt, vp))
}
kiln::residual!(pub fn r_setattr_nr = setattr_nothrow(t: u64, p: u64, name: u64, vt: u64, vp: u64) -> u64; ALL);

fn delattr(t: u64, p: u64, name: u64) -> Result<u64, ObjRef> {
    attr::delattr(v(t, p), v(crate::value::T_OBJ, name))?;
    Ok(0)
}
kiln::residual!(raises pub fn r_delattr = delattr(t: u64, p: u64, name: u64) -> u64; ALL);
fn delattr_nothrow(t: u64, p: u64, name: u64) -> u64 {
    stash(delattr(t, p, name))
}
kiln::residual!(pub fn r_delattr_nr = delattr_nothrow(t: u64, p: u64, name: u64) -> u64; ALL);

fn load_method(t: u64, p: u64, name: u64) -> Result<u64, ObjRef> {
    let (f, s) = attr::load_method(v(t, p), v(crate::value::T_OBJ, name))?;
    RET2.with(|r| r.set(s));
    Ok(ret(f))
}
kiln::residual!(raises pub fn r_load_method = load_method(t: u64, p: u64, name: u64) -> u64; ALL);
fn load_method_nothrow(t: u64, p: u64, name: u64) -> u64 {
    stash(load_method(t, p, name))
}
kiln::residual!(pub fn r_load_method_nr = load_method_nothrow(t: u64, p: u64, name: u64) -> u64; ALL);

fn getitem(t: u64, p: u64, kt: u64, kp: u64) -> Result<u64, ObjRef> {
    Ok(ret(ops::getitem(v(t, p), v(kt, kp))?))
}
kiln::residual!(raises pub fn r_getitem = getitem(t: u64, p: u64, kt: u64, kp: u64) -> u64; ALL);
fn getitem_nothrow(t: u64, p: u64, kt: u64, kp: u64) -> u64 {
    stash(getitem(t, p, kt, kp))
}
kiln::residual!(pub fn r_getitem_nr = getitem_nothrow(t: u64, p: u64, kt: u64, kp: u64) -> u64; ALL);

fn setitem(t: u64, p: u64, kt: u64, kp: u64, vt: u64, vp: u64) -> Result<u64, ObjRef> {
    ops::setitem(v(t, p), v(kt, kp), v(vt, vp))?;
    Ok(0)
}
kiln::residual!(raises pub fn r_setitem = setitem(t: u64, p: u64, kt: u64, kp: u64, vt: u64, vp: u64) -> u64; ALL);
fn setitem_nothrow(t: u64, p: u64, kt: u64, kp: u64, vt: u64, vp: u64) -> u64 {
    stash(setitem(t, p, kt, kp, vt, vp))
}
kiln::residual!(pub fn r_setitem_nr = setitem_nothrow(t: u64, p: u64, kt: u64, kp: u64, vt: u64, vp: u64) -> u64; ALL);

fn delitem(t: u64, p: u64, kt: u64, kp: u64) -> Result<u64, ObjRef> {
    ops::delitem(v(t, p), v(kt, kp))?;
    Ok(0)
}
kiln::residual!(raises pub fn r_delitem = delitem(t: u64, p: u64, kt: u64, kp: u64) -> u64; ALL);
fn delitem_nothrow(t: u64, p: u64, kt: u64, kp: u64) -> u64 {
    stash(delitem(t, p, kt, kp))
}
kiln::residual!(pub fn r_delitem_nr = delitem_nothrow(t: u64, p: u64, kt: u64, kp: u64) -> u64; ALL);

// ---- names

fn load_global(globals: u64, name: u64) -> Result<u64, ObjRef> {
    Ok(ret(rt::call::load_global(ObjRef(globals as usize), v(crate::value::T_OBJ, name))?))
}
kiln::residual!(raises pub fn r_load_global = load_global(globals: u64, name: u64) -> u64; READS | ALLOCATES);
fn load_global_nothrow(globals: u64, name: u64) -> u64 {
    stash(load_global(globals, name))
}
kiln::residual!(pub fn r_load_global_nr = load_global_nothrow(globals: u64, name: u64) -> u64; READS | ALLOCATES);

fn store_global(globals: u64, name: u64, t: u64, p: u64) -> Result<u64, ObjRef> {
    rt::as_dict(ObjRef(globals as usize).val()).expect("globals").set(v(crate::value::T_OBJ, name), v(t, p))?;
    Ok(0)
}
kiln::residual!(raises pub fn r_store_global = store_global(globals: u64, name: u64, t: u64, p: u64) -> u64; WRITES | ALLOCATES);
fn store_global_nothrow(globals: u64, name: u64, t: u64, p: u64) -> u64 {
    stash(store_global(globals, name, t, p))
}
kiln::residual!(pub fn r_store_global_nr = store_global_nothrow(globals: u64, name: u64, t: u64, p: u64) -> u64; WRITES | ALLOCATES);

fn delete_global(globals: u64, name: u64) -> Result<u64, ObjRef> {
    let n = v(crate::value::T_OBJ, name);
    match rt::as_dict(ObjRef(globals as usize).val()).expect("globals").remove(n)? {
        Some(_) => Ok(0),
        None => Err(rt::name_error(rt::str_of(n))),
    }
}
kiln::residual!(raises pub fn r_delete_global = delete_global(globals: u64, name: u64) -> u64; WRITES | ALLOCATES);
fn delete_global_nothrow(globals: u64, name: u64) -> u64 {
    stash(delete_global(globals, name))
}
kiln::residual!(pub fn r_delete_global_nr = delete_global_nothrow(globals: u64, name: u64) -> u64; WRITES | ALLOCATES);

fn load_name(ns: u64, globals: u64, name: u64) -> Result<u64, ObjRef> {
    let n = v(crate::value::T_OBJ, name);
    if let Some(d) = rt::as_dict(v(crate::value::T_OBJ, ns)) {
        if let Some(x) = d.get(n)? {
            return Ok(ret(x));
        }
    } else if ns != 0 {
        if let Ok(x) = ops::getitem(v(crate::value::T_OBJ, ns), n) {
            return Ok(ret(x));
        }
    }
    Ok(ret(rt::call::load_global(ObjRef(globals as usize), n)?))
}
kiln::residual!(raises pub fn r_load_name = load_name(ns: u64, globals: u64, name: u64) -> u64; ALL);
fn load_name_nothrow(ns: u64, globals: u64, name: u64) -> u64 {
    stash(load_name(ns, globals, name))
}
kiln::residual!(pub fn r_load_name_nr = load_name_nothrow(ns: u64, globals: u64, name: u64) -> u64; ALL);

fn store_name(ns: u64, name: u64, t: u64, p: u64) -> Result<u64, ObjRef> {
    ops::setitem(v(crate::value::T_OBJ, ns), v(crate::value::T_OBJ, name), v(t, p))?;
    Ok(0)
}
kiln::residual!(raises pub fn r_store_name = store_name(ns: u64, name: u64, t: u64, p: u64) -> u64; ALL);
fn store_name_nothrow(ns: u64, name: u64, t: u64, p: u64) -> u64 {
    stash(store_name(ns, name, t, p))
}
kiln::residual!(pub fn r_store_name_nr = store_name_nothrow(ns: u64, name: u64, t: u64, p: u64) -> u64; ALL);

fn delete_name(ns: u64, name: u64) -> Result<u64, ObjRef> {
    let n = v(crate::value::T_OBJ, name);
    ops::delitem(v(crate::value::T_OBJ, ns), n).map_err(|_| rt::name_error(rt::str_of(n)))?;
    Ok(0)
}
kiln::residual!(raises pub fn r_delete_name = delete_name(ns: u64, name: u64) -> u64; ALL);
fn delete_name_nothrow(ns: u64, name: u64) -> u64 {
    stash(delete_name(ns, name))
}
kiln::residual!(pub fn r_delete_name_nr = delete_name_nothrow(ns: u64, name: u64) -> u64; ALL);

fn load_class_deref(ns: u64, name: u64, cp: u64, code: u64, i: u64) -> Result<u64, ObjRef> {
    let n = v(crate::value::T_OBJ, name);
    if let Some(d) = rt::as_dict(v(crate::value::T_OBJ, ns)) {
        if let Some(x) = d.get(n)? {
            return Ok(ret(x));
        }
    }
    cell_get(cp, code, i)
}
kiln::residual!(raises pub fn r_load_class_deref = load_class_deref(ns: u64, name: u64, cp: u64, code: u64, i: u64) -> u64; ALL);
fn load_class_deref_nothrow(ns: u64, name: u64, cp: u64, code: u64, i: u64) -> u64 {
    stash(load_class_deref(ns, name, cp, code, i))
}
kiln::residual!(pub fn r_load_class_deref_nr = load_class_deref_nothrow(ns: u64, name: u64, cp: u64, code: u64, i: u64) -> u64; ALL);

// ---- cells

fn new_cell(t: u64, p: u64) -> u64 {
    rt::alloc(vm().t.cell, Kind::Cell(v(t, p))).payload
}
kiln::residual!(pub fn r_new_cell = new_cell(t: u64, p: u64) -> u64; ALLOCATES);

fn cell_get(cp: u64, code: u64, i: u64) -> Result<u64, ObjRef> {
    match &ObjRef(cp as usize).get().kind {
        Kind::Cell(x) if !x.is_null() => Ok(ret(*x)),
        _ => {
            let c = code_of(code);
            let i = i as usize;
            let n = if i < c.cellvars.len() { c.cellvars[i].clone() } else { c.freevars.get(i - c.cellvars.len()).cloned().unwrap_or_default() };
            if i < c.cellvars.len() {
                Err(rt::new_exception(vm().t.unbound_local_error, &format!("cannot access local variable '{n}' where it is not associated with a value")))
            } else {
                Err(rt::new_exception(vm().t.name_error, &format!("cannot access free variable '{n}' where it is not associated with a value in enclosing scope")))
            }
        }
    }
}
kiln::residual!(raises pub fn r_cell_get = cell_get(cp: u64, code: u64, i: u64) -> u64; READS | ALLOCATES);
fn cell_get_nothrow(cp: u64, code: u64, i: u64) -> u64 {
    stash(cell_get(cp, code, i))
}
kiln::residual!(pub fn r_cell_get_nr = cell_get_nothrow(cp: u64, code: u64, i: u64) -> u64; READS | ALLOCATES);

fn cell_set(cp: u64, t: u64, p: u64) {
    if let Kind::Cell(x) = &mut ObjRef(cp as usize).get().kind {
        *x = v(t, p);
    }
}
kiln::residual!(pub fn r_cell_set = cell_set(cp: u64, t: u64, p: u64) -> (); WRITES);

/// The i-th closure cell of a function object (a cell object; closures
/// never change, so this folds away for a known function).
fn closure_cell(func: u64, i: u64) -> u64 {
    match &ObjRef(func as usize).get().kind {
        Kind::Function(f) => f.closure.get(i as usize).copied().unwrap_or(Value::NONE).payload,
        _ => 0,
    }
}
kiln::residual!(pub fn r_closure_cell = closure_cell(func: u64, i: u64) -> u64; ELIDABLE);

/// Errors raised by handlers themselves: 0 unbound local, 1 recursion limit.
fn error(kind: u64, code: u64, arg: u64) -> Result<u64, ObjRef> {
    let c = code_of(code);
    Err(match kind {
        0 => rt::new_exception(vm().t.unbound_local_error, &format!("cannot access local variable '{}' where it is not associated with a value", c.varnames.get(arg as usize).cloned().unwrap_or_default())),
        _ => rt::new_exception(vm().t.recursion_error, "maximum recursion depth exceeded"),
    })
}
kiln::residual!(raises pub fn r_error = error(kind: u64, code: u64, arg: u64) -> u64; ALLOCATES);
fn error_nothrow(kind: u64, code: u64, arg: u64) -> u64 {
    stash(error(kind, code, arg))
}
kiln::residual!(pub fn r_error_nr = error_nothrow(kind: u64, code: u64, arg: u64) -> u64; ALLOCATES);

/// 0: truth needs no Python code and is a pure read; 1: always true (a
/// user class without __bool__ and __len__); 2: runs Python code.
pub fn truth_kind(class: usize) -> u8 {
    let t = ObjRef(class);
    let td = crate::runtime::types::type_data(t);
    if td.is_builtin {
        return 0;
    }
    let user = |n: &'static str| crate::runtime::types::lookup_str(t, n).map(|f| !crate::runtime::hash::is_builtin_slot(f)).unwrap_or(false);
    if user("__bool__") || user("__len__") || td.layout != crate::object::Layout::Object {
        2
    } else {
        1
    }
}

// ---- building

fn build(kind: u64, n: u64) -> Result<u64, ObjRef> {
    let items = take_args(n as usize);
    Ok(ret(crate::interp::build::build(kind as u8, items)?))
}
kiln::residual!(raises pub fn r_build = build(kind: u64, n: u64) -> u64; ALL);
fn build_nothrow(kind: u64, n: u64) -> u64 {
    stash(build(kind, n))
}
kiln::residual!(pub fn r_build_nr = build_nothrow(kind: u64, n: u64) -> u64; ALL);

fn container_op(kind: u64, ct: u64, cp: u64, t: u64, p: u64) -> Result<u64, ObjRef> {
    crate::interp::build::container_op(kind as u8, v(ct, cp), v(t, p))?;
    Ok(0)
}
kiln::residual!(raises pub fn r_container_op = container_op(kind: u64, ct: u64, cp: u64, t: u64, p: u64) -> u64; ALL);
fn container_op_nothrow(kind: u64, ct: u64, cp: u64, t: u64, p: u64) -> u64 {
    stash(container_op(kind, ct, cp, t, p))
}
kiln::residual!(pub fn r_container_op_nr = container_op_nothrow(kind: u64, ct: u64, cp: u64, t: u64, p: u64) -> u64; ALL);

fn map_add(ct: u64, cp: u64, kt: u64, kp: u64, vt: u64, vp: u64) -> Result<u64, ObjRef> {
    ops::setitem(v(ct, cp), v(kt, kp), v(vt, vp))?;
    Ok(0)
}
kiln::residual!(raises pub fn r_map_add = map_add(ct: u64, cp: u64, kt: u64, kp: u64, vt: u64, vp: u64) -> u64; ALL);
fn map_add_nothrow(ct: u64, cp: u64, kt: u64, kp: u64, vt: u64, vp: u64) -> u64 {
    stash(map_add(ct, cp, kt, kp, vt, vp))
}
kiln::residual!(pub fn r_map_add_nr = map_add_nothrow(ct: u64, cp: u64, kt: u64, kp: u64, vt: u64, vp: u64) -> u64; ALL);

/// Unpacks into the argument buffer (items in order).
fn unpack(t: u64, p: u64, before: u64, after: u64, star: u64) -> Result<u64, ObjRef> {
    let items = crate::interp::build::unpack(v(t, p), before as usize, after as usize, star != 0)?;
    vm().argbuf.extend(items);
    Ok(0)
}
kiln::residual!(raises pub fn r_unpack = unpack(t: u64, p: u64, before: u64, after: u64, star: u64) -> u64; ALL);
fn unpack_nothrow(t: u64, p: u64, before: u64, after: u64, star: u64) -> u64 {
    stash(unpack(t, p, before, after, star))
}
kiln::residual!(pub fn r_unpack_nr = unpack_nothrow(t: u64, p: u64, before: u64, after: u64, star: u64) -> u64; ALL);

/// Takes the i-th value of the last `n` buffered values (`i == n - 1` drops them).
fn buffered(n: u64, i: u64) -> u64 {
    let b = &mut vm().argbuf;
    let base = b.len() - n as usize;
    let x = b[base + i as usize];
    if i + 1 == n {
        b.truncate(base);
    }
    ret(x)
}
kiln::residual!(pub fn r_buffered = buffered(n: u64, i: u64) -> u64; READS);

fn format_value(t: u64, p: u64, conv: u64, st: u64, sp: u64) -> Result<u64, ObjRef> {
    Ok(ret(rt::format::format_value(v(t, p), conv as u8, v(st, sp))?))
}
kiln::residual!(raises pub fn r_format_value = format_value(t: u64, p: u64, conv: u64, st: u64, sp: u64) -> u64; ALL);
fn format_value_nothrow(t: u64, p: u64, conv: u64, st: u64, sp: u64) -> u64 {
    stash(format_value(t, p, conv, st, sp))
}
kiln::residual!(pub fn r_format_value_nr = format_value_nothrow(t: u64, p: u64, conv: u64, st: u64, sp: u64) -> u64; ALL);

// ---- iteration

fn get_iter(t: u64, p: u64) -> Result<u64, ObjRef> {
    Ok(ret(iter::get_iter(v(t, p))?))
}
kiln::residual!(raises pub fn r_get_iter = get_iter(t: u64, p: u64) -> u64; ALL);
fn get_iter_nothrow(t: u64, p: u64) -> u64 {
    stash(get_iter(t, p))
}
kiln::residual!(pub fn r_get_iter_nr = get_iter_nothrow(t: u64, p: u64) -> u64; ALL);

/// The next value, or a NULL tag when exhausted.
fn for_iter(p: u64) -> Result<u64, ObjRef> {
    match iter::next(v(crate::value::T_OBJ, p))? {
        Some(x) => Ok(ret(x)),
        None => Ok(ret(Value::NULL)),
    }
}
kiln::residual!(raises pub fn r_for_iter = for_iter(p: u64) -> u64; ALL);
fn for_iter_nothrow(p: u64) -> u64 {
    stash(for_iter(p))
}
kiln::residual!(pub fn r_for_iter_nr = for_iter_nothrow(p: u64) -> u64; ALL);

// ---- calls

fn call_buffered(n: u64, kwnames: u64) -> Result<u64, ObjRef> {
    // Buffer: callable, self-or-NULL, args...
    let mut items = take_args(n as usize + 2);
    let func = items[0];
    let this = items[1];
    let args_start = if this.is_null() { 2 } else { 1 };
    let args = items.split_off(args_start);
    Ok(ret(call::call_with_kwnames(func, &args, v(if kwnames == 0 { 0 } else { crate::value::T_OBJ }, kwnames))?))
}
kiln::residual!(raises pub fn r_call = call_buffered(n: u64, kwnames: u64) -> u64; ALL);
fn call_buffered_nothrow(n: u64, kwnames: u64) -> u64 {
    stash(call_buffered(n, kwnames))
}
kiln::residual!(pub fn r_call_nr = call_buffered_nothrow(n: u64, kwnames: u64) -> u64; ALL);

fn call_ex(ft: u64, fp: u64, at: u64, ap: u64, kt: u64, kp: u64) -> Result<u64, ObjRef> {
    Ok(ret(call::call_ex(v(ft, fp), v(at, ap), v(kt, kp))?))
}
kiln::residual!(raises pub fn r_call_ex = call_ex(ft: u64, fp: u64, at: u64, ap: u64, kt: u64, kp: u64) -> u64; ALL);
fn call_ex_nothrow(ft: u64, fp: u64, at: u64, ap: u64, kt: u64, kp: u64) -> u64 {
    stash(call_ex(ft, fp, at, ap, kt, kp))
}
kiln::residual!(pub fn r_call_ex_nr = call_ex_nothrow(ft: u64, fp: u64, at: u64, ap: u64, kt: u64, kp: u64) -> u64; ALL);

fn make_function(code: u64, flags: u64, globals: u64) -> Result<u64, ObjRef> {
    Ok(ret(crate::interp::build::make_function(code_of(code), flags as u32, ObjRef(globals as usize))?))
}
kiln::residual!(raises pub fn r_make_function = make_function(code: u64, flags: u64, globals: u64) -> u64; ALL);
fn make_function_nothrow(code: u64, flags: u64, globals: u64) -> u64 {
    stash(make_function(code, flags, globals))
}
kiln::residual!(pub fn r_make_function_nr = make_function_nothrow(code: u64, flags: u64, globals: u64) -> u64; ALL);

// ---- exceptions

fn raise(n: u64, et: u64, ep: u64, ct: u64, cp: u64) -> Result<u64, ObjRef> {
    Err(crate::interp::build::make_raise(n as u8, v(et, ep), v(ct, cp)))
}
kiln::residual!(raises pub fn r_raise = raise(n: u64, et: u64, ep: u64, ct: u64, cp: u64) -> u64; ALL);
fn raise_nothrow(n: u64, et: u64, ep: u64, ct: u64, cp: u64) -> u64 {
    stash(raise(n, et, ep, ct, cp))
}
kiln::residual!(pub fn r_raise_nr = raise_nothrow(n: u64, et: u64, ep: u64, ct: u64, cp: u64) -> u64; ALL);

fn reraise(p: u64) -> Result<u64, ObjRef> {
    Err(ObjRef(p as usize))
}
kiln::residual!(raises pub fn r_reraise = reraise(p: u64) -> u64; READS);

/// Records that `exc` passes frame (code, pc); on a fresh raise also sets
/// its `__context__` to the exception being handled.
fn add_traceback(exc: u64, code: u64, pc: u64, fresh: u64) {
    let e = ObjRef(exc as usize);
    if fresh != 0 {
        let h = vm().handled;
        if let (Some(d), Some(ho)) = (rt::exc_data(e), h.as_obj()) {
            if ho != e {
                // Avoid cycles in the context chain.
                let mut c = h;
                let mut cyclic = false;
                while let Some(co) = c.as_obj() {
                    if co == e {
                        cyclic = true;
                        break;
                    }
                    c = rt::exc_data(co).map(|d| d.context).unwrap_or(Value::NONE);
                }
                if !cyclic {
                    d.context = h;
                }
            }
        }
    }
    rt::add_traceback(e, code_of(code), pc as u32);
}
kiln::residual!(pub fn r_add_traceback = add_traceback(exc: u64, code: u64, pc: u64, fresh: u64) -> (); WRITES);

fn push_exc_info(exc: u64) -> u64 {
    let prev = std::mem::replace(&mut vm().handled, v(crate::value::T_OBJ, exc));
    ret(prev)
}
kiln::residual!(pub fn r_push_exc_info = push_exc_info(exc: u64) -> u64; WRITES);

fn pop_except(t: u64, p: u64) {
    vm().handled = v(t, p);
}
kiln::residual!(pub fn r_pop_except = pop_except(t: u64, p: u64) -> (); WRITES);

fn check_exc_match(exc: u64, tt: u64, tp: u64) -> Result<u64, ObjRef> {
    Ok(crate::interp::build::exc_matches(v(crate::value::T_OBJ, exc), v(tt, tp))? as u64)
}
kiln::residual!(raises pub fn r_check_exc_match = check_exc_match(exc: u64, tt: u64, tp: u64) -> u64; READS | ALLOCATES);
fn check_exc_match_nothrow(exc: u64, tt: u64, tp: u64) -> u64 {
    stash(check_exc_match(exc, tt, tp))
}
kiln::residual!(pub fn r_check_exc_match_nr = check_exc_match_nothrow(exc: u64, tt: u64, tp: u64) -> u64; READS | ALLOCATES);

fn before_with(t: u64, p: u64) -> Result<u64, ObjRef> {
    let (exit, entered) = crate::interp::build::before_with(v(t, p))?;
    RET2.with(|r| r.set(entered));
    Ok(ret(exit))
}
kiln::residual!(raises pub fn r_before_with = before_with(t: u64, p: u64) -> u64; ALL);
fn before_with_nothrow(t: u64, p: u64) -> u64 {
    stash(before_with(t, p))
}
kiln::residual!(pub fn r_before_with_nr = before_with_nothrow(t: u64, p: u64) -> u64; ALL);

fn with_exit(et: u64, ep: u64, exc: u64) -> Result<u64, ObjRef> {
    let e = v(crate::value::T_OBJ, exc);
    let tb = Value::NONE;
    Ok(ret(call::call(v(et, ep), &[rt::type_of(e).val(), e, tb], &[])?))
}
kiln::residual!(raises pub fn r_with_exit = with_exit(et: u64, ep: u64, exc: u64) -> u64; ALL);
fn with_exit_nothrow(et: u64, ep: u64, exc: u64) -> u64 {
    stash(with_exit(et, ep, exc))
}
kiln::residual!(pub fn r_with_exit_nr = with_exit_nothrow(et: u64, ep: u64, exc: u64) -> u64; ALL);

// ---- imports and misc

fn import_name(name: u64, ft: u64, fp: u64) -> Result<u64, ObjRef> {
    Ok(ret(crate::modules::import_name(rt::str_of(v(crate::value::T_OBJ, name)), v(ft, fp))?))
}
kiln::residual!(raises pub fn r_import_name = import_name(name: u64, ft: u64, fp: u64) -> u64; ALL);
fn import_name_nothrow(name: u64, ft: u64, fp: u64) -> u64 {
    stash(import_name(name, ft, fp))
}
kiln::residual!(pub fn r_import_name_nr = import_name_nothrow(name: u64, ft: u64, fp: u64) -> u64; ALL);

fn import_from(mt: u64, mp: u64, name: u64) -> Result<u64, ObjRef> {
    Ok(ret(crate::modules::import_from(v(mt, mp), v(crate::value::T_OBJ, name))?))
}
kiln::residual!(raises pub fn r_import_from = import_from(mt: u64, mp: u64, name: u64) -> u64; ALL);
fn import_from_nothrow(mt: u64, mp: u64, name: u64) -> u64 {
    stash(import_from(mt, mp, name))
}
kiln::residual!(pub fn r_import_from_nr = import_from_nothrow(mt: u64, mp: u64, name: u64) -> u64; ALL);

fn import_star(mt: u64, mp: u64, globals: u64) -> Result<u64, ObjRef> {
    crate::modules::import_star(v(mt, mp), ObjRef(globals as usize))?;
    Ok(0)
}
kiln::residual!(raises pub fn r_import_star = import_star(mt: u64, mp: u64, globals: u64) -> u64; ALL);
fn import_star_nothrow(mt: u64, mp: u64, globals: u64) -> u64 {
    stash(import_star(mt, mp, globals))
}
kiln::residual!(pub fn r_import_star_nr = import_star_nothrow(mt: u64, mp: u64, globals: u64) -> u64; ALL);

fn print_expr(t: u64, p: u64) -> Result<u64, ObjRef> {
    let x = v(t, p);
    if !x.is_none() {
        let s = rt::repr::repr(x)?;
        rt::write_out(&format!("{s}\n"))?;
        if let Some(d) = rt::as_dict(vm().builtins.val()) {
            d.set(rt::intern("_"), x)?;
        }
    }
    Ok(0)
}
kiln::residual!(raises pub fn r_print_expr = print_expr(t: u64, p: u64) -> u64; ALL);
fn print_expr_nothrow(t: u64, p: u64) -> u64 {
    stash(print_expr(t, p))
}
kiln::residual!(pub fn r_print_expr_nr = print_expr_nothrow(t: u64, p: u64) -> u64; ALL);

pub fn type_of_obj(p: u64) -> u64 {
    ObjRef(p as usize).get().class.0 as u64
}

pub fn dummy_result() -> PyResult<()> {
    Ok(())
}
