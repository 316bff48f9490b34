//! The `builtins` module: registration of built-in functions and of the
//! methods of built-in types, argument helpers, class creation
//! (`__build_class__`) and the constructors of built-in types.

mod funcs;
mod objmeth;
mod seqmeth;
mod strmeth;

pub use funcs::{counter_most_common, is_callable, set_op};
pub use seqmeth::{counter_op, dict_missing};

use crate::object::{Builtin, Kind, Layout, NativeFn};
use crate::runtime::{self as rt, attr, call, iter, ops, types, vm, PyResult};
use crate::value::{ObjRef, Value};

pub type Kw<'a> = &'a [(ObjRef, Value)];

/// A built-in function object.
pub fn native(name: &'static str, qualname: &'static str, func: NativeFn) -> Value {
    rt::alloc(vm().t.builtin_function, Kind::Builtin(Box::new(Builtin { name, func, this: Value::NULL, qualname })))
}

/// Adds a method to a built-in type's dict.
pub fn method(t: ObjRef, name: &'static str, func: NativeFn) {
    let q: &'static str = Box::leak(format!("{}.{}", types::type_data(t).name, name).into_boxed_str());
    let f = native(name, q, func);
    let d = rt::as_dict(types::type_data(t).dict.val()).expect("type dict");
    let _ = d.set(rt::intern(name), f);
}

pub fn set_builtin(name: &str, v: Value) {
    let d = rt::as_dict(vm().builtins.val()).expect("builtins dict");
    let _ = d.set(rt::intern(name), v);
}

fn func(name: &'static str, f: NativeFn) {
    set_builtin(name, native(name, name, f));
}

// ---- argument helpers

pub fn nargs(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    if args.len() < min || args.len() > max {
        if min == max {
            if min == 1 {
                return Err(rt::type_error(format!("{name}() takes exactly one argument ({} given)", args.len())));
            }
            if min == 0 {
                return Err(rt::type_error(format!("{name}() takes no arguments ({} given)", args.len())));
            }
            return Err(rt::type_error(format!("{name} expected {min} arguments, got {}", args.len())));
        }
        if args.len() < min {
            return Err(rt::type_error(format!("{name} expected at least {min} argument{}, got {}", if min == 1 { "" } else { "s" }, args.len())));
        }
        return Err(rt::type_error(format!("{name} expected at most {max} argument{}, got {}", if max == 1 { "" } else { "s" }, args.len())));
    }
    Ok(())
}

pub fn kwarg(kwargs: Kw, name: &str) -> Option<Value> {
    kwargs.iter().find(|(k, _)| rt::str_of(k.val()) == name).map(|(_, v)| *v)
}

pub fn no_kwargs(name: &str, kwargs: Kw) -> PyResult<()> {
    if let Some((k, _)) = kwargs.first() {
        return Err(rt::type_error(format!("{name}() takes no keyword arguments").replace("{}", rt::str_of(k.val()))));
    }
    Ok(())
}

pub fn check_kwargs(name: &str, kwargs: Kw, allowed: &[&str]) -> PyResult<()> {
    for (k, _) in kwargs {
        let n = rt::str_of(k.val());
        if !allowed.contains(&n) {
            return Err(rt::type_error(format!("{name}() got an unexpected keyword argument '{n}'")));
        }
    }
    Ok(())
}

pub fn to_index(v: Value, what: &str) -> PyResult<i64> {
    // A size argument too big for a machine word (subscripts raise
    // IndexError instead, in `ops::index_of`).
    if let Some(crate::object::Kind::BigInt(_)) = rt::kind(v) {
        return Err(rt::overflow_error("Python int too large to convert to C ssize_t".into()));
    }
    match ops::index_of(v) {
        Some(r) => r,
        None => Err(rt::type_error(format!("'{}' object cannot be interpreted as an integer{}", rt::type_name(v), what))),
    }
}

pub fn to_str_arg<'a>(v: Value, fname: &str, what: &str) -> PyResult<&'a str> {
    match rt::as_str(v) {
        Some(s) => Ok(&s.s),
        None => Err(rt::type_error(format!("{fname}{what} must be str, not {}", rt::type_name(v)))),
    }
}

/// The bytes of a bytes-like object.
pub fn bytes_like(v: Value) -> Option<Vec<u8>> {
    match rt::kind(ops::unwrap_base(v))? {
        Kind::Bytes(b) | Kind::ByteArray(b) => Some(b.clone()),
        _ => None,
    }
}

/// A builtin function returning a constant (for `type.mro` and similar).
pub fn constant_fn(v: Value) -> Value {
    fn ret(args: &[Value], _: Kw) -> PyResult<Value> {
        Ok(args[0])
    }
    rt::alloc(vm().t.builtin_function, Kind::Builtin(Box::new(Builtin { name: "mro", func: ret, this: v, qualname: "mro" })))
}

pub fn collections_dd_factory(d: Value) -> Value {
    seqmeth::dd_factory(d)
}

// ---- classes

pub fn build_class_fn() -> Value {
    rt::as_dict(vm().builtins.val()).and_then(|d| d.get_str(rt::intern("__build_class__"))).unwrap_or(Value::NONE)
}

fn build_class(args: &[Value], kwargs: Kw) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(rt::type_error("__build_class__: not enough arguments".into()));
    }
    let body = args[0];
    let name = args[1];
    let bases: Vec<Value> = args[2..].to_vec();
    let Some(Kind::Function(fd)) = rt::kind(body) else {
        return Err(rt::type_error("__build_class__: func must be a function".into()));
    };
    let ns = rt::new_dict();
    let frame = crate::interp::frame::Frame::new(fd.code, body, ns, fd.globals);
    let cell = crate::interp::run_nested(frame)?;
    let meta = kwarg(kwargs, "metaclass");
    let cls = match meta {
        Some(m) if m.objref() != vm().t.type_ => {
            
            call::call(m, &[name, rt::new_tuple(bases.clone()), ns], &[])?
        }
        _ => create_class(rt::str_of(name), &bases, ns, kwargs)?,
    };
    if let Some(Kind::Cell(c)) = rt::kind(cell) {
        *c = cls;
    }
    Ok(cls)
}

/// type(name, bases, dict)
pub fn build_class_from_parts(_meta: ObjRef, name: Value, bases: Value, ns: Value, kwargs: Kw) -> PyResult<Value> {
    let bases = iter::collect(bases)?;
    let d = rt::new_dict();
    for (k, v) in rt::as_dict(ns).map(|d| d.items()).unwrap_or_default() {
        rt::as_dict(d).expect("dict").set(k, v)?;
    }
    if rt::as_dict(d).expect("dict").get_str(rt::intern("__module__")).is_none() {
        let module = vm().frames.last().and_then(|f| rt::as_dict(f.globals.val()).and_then(|g| g.get_str(rt::intern("__name__")))).unwrap_or(rt::new_str("__main__"));
        rt::as_dict(d).expect("dict").set(rt::intern("__module__"), module)?;
    }
    create_class(rt::str_of(name), &bases, d, kwargs)
}

pub fn create_class(name: &str, bases: &[Value], ns: Value, kwargs: Kw) -> PyResult<Value> {
    let t = &vm().t;
    let mut base_refs = vec![];
    for b in bases {
        if !types::is_type(*b) {
            return Err(rt::type_error(format!("bases must be types, not {}", rt::type_name(*b))));
        }
        let br = b.objref();
        if br == t.bool_ || br == t.range || br == t.slice || br == t.function || br == t.none_type || br == t.generator {
            return Err(rt::type_error(format!("type '{}' is not an acceptable base type", types::type_data(br).name)));
        }
        base_refs.push(br);
    }
    if base_refs.is_empty() {
        base_refs.push(t.object);
    }
    // Check the MRO before making the type.
    let probe = types::make_type(name, &[], Layout::Object, false);
    if let Err(msg) = types::compute_mro(probe, &base_refs) {
        return Err(rt::type_error(msg));
    }
    let layouts: Vec<Layout> = base_refs.iter().map(|b| types::type_data(*b).layout).filter(|l| *l != Layout::Object).collect();
    if layouts.windows(2).any(|w| w[0] != w[1] && !(matches!(w[0], Layout::Exception) && matches!(w[1], Layout::Exception))) {
        return Err(rt::type_error("multiple bases have instance lay-out conflict".into()));
    }
    let layout = types::solid_layout(&base_refs);
    let cls = types::make_type(name, &base_refs, layout, false);
    let td = types::type_data(cls);
    let nsd = rt::as_dict(ns).expect("namespace");
    let dict = rt::as_dict(td.dict.val()).expect("type dict");
    for (k, v) in nsd.items() {
        let key = rt::intern(rt::str_of(k));
        let v = match rt::str_of(k) {
            "__new__" if matches!(rt::kind(v), Some(Kind::Function(_))) => rt::alloc(vm().t.staticmethod, Kind::StaticMethod(v)),
            "__init_subclass__" | "__class_getitem__" if matches!(rt::kind(v), Some(Kind::Function(_))) => rt::alloc(vm().t.classmethod, Kind::ClassMethod(v)),
            _ => v,
        };
        if let Some(Kind::Property(p)) = rt::kind(v) {
            if p.name.is_none() || p.name.is_null() {
                p.name = key;
            }
        }
        dict.set(key, v)?;
    }
    if let Some(m) = dict.get_str(rt::intern("__module__")) {
        td.module = rt::str_of(m).to_string();
    }
    if let Some(q) = dict.get_str(rt::intern("__qualname__")) {
        td.qualname = rt::str_of(q).to_string();
        let _ = dict.remove(rt::intern("__qualname__"));
    }
    if dict.get_str(rt::intern("__eq__")).is_some() && dict.get_str(rt::intern("__hash__")).is_none() {
        dict.set(rt::intern("__hash__"), Value::NONE)?;
    }
    if dict.get_str(rt::intern("__doc__")).is_none() {
        dict.set(rt::intern("__doc__"), Value::NONE)?;
    }
    // __set_name__ on descriptors.
    for (k, v) in dict.items() {
        if let Some(f) = ops::user_dunder(v, "__set_name__") {
            ops::call_dunder(f, v, &[cls.val(), k])?;
        }
    }
    // __init_subclass__ of the parent.
    let parent = types::type_data(cls).mro.get(1).copied();
    if let Some(p) = parent {
        if let Some(f) = types::lookup_str(p, "__init_subclass__") {
            if let Some(Kind::ClassMethod(inner)) = rt::kind(f) {
                let mut a = vec![cls.val()];
                let _ = &mut a;
                call::call(*inner, &a, kwargs)?;
            }
        }
    }
    Ok(cls.val())
}

/// Calls a built-in type: int(x), list(it), dict(...), ValueError(...), ...
pub fn construct_builtin(cls: ObjRef, args: &[Value], kwargs: Kw) -> PyResult<Value> {
    objmeth::construct(cls, args, kwargs)
}

/// For instances of user subclasses of built-in types without their own
/// `__init__`: the built-in initialization (list(iterable), dict(...), ...).
pub fn init_builtin_base(obj: Value, cls: ObjRef, args: &[Value], kwargs: Kw) -> PyResult<()> {
    let layout = types::type_data(cls).layout;
    let base = match rt::kind(obj) {
        Some(Kind::Instance(i)) => i.base,
        _ => return Ok(()),
    };
    match layout {
        Layout::List => {
            if let Some(a) = args.first() {
                let items = iter::collect(*a)?;
                rt::as_list(base).expect("list").extend(items);
            }
        }
        Layout::Dict => seqmeth::dict_update_from(base, args, kwargs)?,
        Layout::Set => {
            if let Some(a) = args.first() {
                for x in iter::collect(*a)? {
                    rt::as_set(base).expect("set").add(x)?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

pub fn init_builtins() {
    let vm = vm();
    let bdict = rt::new_dict();
    let module = rt::alloc(vm.t.module, Kind::Module(Box::new(crate::object::Module { name: "builtins".into(), dict: bdict.objref() })));
    vm.builtins = bdict.objref();
    let _ = module;
    func("__build_class__", build_class);
    funcs::register();
    objmeth::register();
    seqmeth::register();
    strmeth::register();
    let t = &vm.t;
    for (name, ty) in [
        ("object", t.object), ("type", t.type_), ("int", t.int), ("bool", t.bool_), ("float", t.float), ("str", t.str_), ("bytes", t.bytes),
        ("bytearray", t.bytearray), ("list", t.list), ("tuple", t.tuple), ("dict", t.dict), ("set", t.set), ("frozenset", t.frozenset),
        ("range", t.range), ("slice", t.slice), ("property", t.property), ("staticmethod", t.staticmethod), ("classmethod", t.classmethod),
        ("super", t.super_),
        ("complex", t.complex),
    ] {
        set_builtin(name, ty.val());
    }
    for e in types::exception_types() {
        let name = types::type_data(e).name.clone();
        set_builtin(&name, e.val());
    }
    set_builtin("EnvironmentError", t.os_error.val());
    set_builtin("IOError", t.os_error.val());
    set_builtin("None", Value::NONE);
    set_builtin("True", Value::TRUE);
    set_builtin("False", Value::FALSE);
    set_builtin("Ellipsis", t.ellipsis_obj);
    set_builtin("NotImplemented", t.not_implemented_obj);
    set_builtin("__name__", rt::new_str("builtins"));
    let _ = attr::new_instance;
}
