//! Attribute access: instance attributes through maps, descriptors
//! (functions become bound methods; properties, static/class methods),
//! type and module attributes, `super()`, and the special attributes of
//! built-in objects.

use super::*;
use crate::object::{Builtin, Instance, Map};

/// Binds a class attribute to `this` (the descriptor protocol).
pub fn bind(f: Value, this: Value, owner: ObjRef) -> PyResult<Value> {
    match kind(f) {
        Some(Kind::Function(_)) => {
            if this.is_null() {
                return Ok(f);
            }
            Ok(alloc(vm().t.method, Kind::Method { func: f, this }))
        }
        Some(Kind::Builtin(b)) => {
            if this.is_null() || !b.this.is_null() {
                return Ok(f);
            }
            Ok(alloc(vm().t.builtin_function, Kind::Builtin(Box::new(Builtin { name: b.name, func: b.func, this, qualname: b.qualname }))))
        }
        Some(Kind::StaticMethod(inner)) => Ok(*inner),
        Some(Kind::ClassMethod(inner)) => {
            // A classmethod found on `owner` binds to it (as CPython binds to
            // the type the attribute was looked up on).
            let cls = owner.val();
            Ok(alloc(vm().t.method, Kind::Method { func: *inner, this: cls }))
        }
        Some(Kind::Property(p)) => {
            if this.is_null() {
                return Ok(f);
            }
            if p.fget.is_none() || p.fget.is_null() {
                return Err(attribute_error("unreadable attribute".into()));
            }
            call::call(p.fget, &[this], &[])
        }
        Some(Kind::Cached { .. }) => {
            if this.is_null() {
                return Ok(f);
            }
            Ok(alloc(vm().t.method, Kind::Method { func: f, this }))
        }
        Some(Kind::Partial { .. }) => Ok(f),
        Some(Kind::Instance(_)) => {
            if let Some(get) = ops::user_dunder(f, "__get__") {
                let inst = if this.is_null() { Value::NONE } else { this };
                return ops::call_dunder(get, f, &[inst, owner.val()]);
            }
            Ok(f)
        }
        _ => Ok(f),
    }
}

fn is_data_descriptor(f: Value) -> bool {
    match kind(f) {
        Some(Kind::Property(_)) => true,
        Some(Kind::Instance(_)) => ops::user_dunder(f, "__set__").is_some() || ops::user_dunder(f, "__delete__").is_some(),
        _ => false,
    }
}

pub fn instance_get(obj: ObjRef, name: Value) -> Option<Value> {
    match &obj.get().kind {
        Kind::Instance(i) => i.map.index(name.objref()).map(|k| i.values[k]),
        Kind::Function(f) => f.dict.and_then(|d| as_dict(d.val()).and_then(|d| d.get_str(name))),
        _ => None,
    }
}

pub fn getattr(obj: Value, name: Value) -> PyResult<Value> {
    match getattr_opt(obj, name)? {
        Some(v) => Ok(v),
        None => Err(no_attribute(obj, name)),
    }
}

pub fn no_attribute(obj: Value, name: Value) -> ObjRef {
    let n = str_of(name);
    match kind(obj) {
        Some(Kind::Type(td)) => attribute_error(format!("type object '{}' has no attribute '{}'", td.name, n)),
        Some(Kind::Module(m)) => attribute_error(format!("module '{}' has no attribute '{}'", m.name, n)),
        _ => attribute_error(format!("'{}' object has no attribute '{}'", type_name(obj), n)),
    }
}

/// Attribute lookup; `None` when missing (AttributeError from a getter propagates).
pub fn getattr_opt(obj: Value, name: Value) -> PyResult<Option<Value>> {
    if let Some(ga) = ops::user_dunder(obj, "__getattribute__") {
        return match ops::call_dunder(ga, obj, &[name]) {
            Ok(v) => Ok(Some(v)),
            Err(e) if types::isinstance(e.val(), vm().t.attribute_error) => match ops::user_dunder(obj, "__getattr__") {
                Some(g) => ops::call_dunder(g, obj, &[name]).map(Some),
                None => Err(e),
            },
            Err(e) => Err(e),
        };
    }
    generic_getattr(obj, name)
}

/// object.__getattribute__ (with the __getattr__ fallback).
pub fn generic_getattr(obj: Value, name: Value) -> PyResult<Option<Value>> {
    let t = type_of(obj);
    if let Some(Kind::Type(_)) = kind(obj) {
        return type_getattr(obj.objref(), name);
    }
    if let Some(Kind::Module(m)) = kind(obj) {
        if let Some(v) = as_dict(m.dict.val()).and_then(|d| d.get_str(name)) {
            return Ok(Some(v));
        }
        let n = str_of(name);
        if n == "__dict__" {
            return Ok(Some(m.dict.val()));
        }
        if n == "__name__" {
            return Ok(Some(new_str(&m.name)));
        }
        return Ok(None);
    }
    if let Some(Kind::Super { start, this }) = kind(obj) {
        return super_getattr(*start, *this, name);
    }
    let descr = types::lookup(t, name);
    if let Some(d) = descr {
        if is_data_descriptor(d) {
            if let Some(Kind::Instance(_)) = kind(d) {
                let get = ops::user_dunder(d, "__get__");
                return match get {
                    Some(g) => Ok(Some(ops::call_dunder(g, d, &[obj, t.val()])?)),
                    None => Ok(Some(d)),
                };
            }
            return bind(d, obj, t).map(Some);
        }
    }
    if obj.is_obj() {
        if let Some(v) = instance_get(obj.objref(), name) {
            return Ok(Some(v));
        }
    }
    if let Some(d) = descr {
        return bind(d, obj, t).map(Some);
    }
    if let Some(v) = special_attr(obj, str_of(name))? {
        return Ok(Some(v));
    }
    if let Some(ga) = ops::user_dunder(obj, "__getattr__") {
        return match ops::call_dunder(ga, obj, &[name]) {
            Ok(v) => Ok(Some(v)),
            Err(e) if types::isinstance(e.val(), vm().t.attribute_error) => Err(e),
            Err(e) => Err(e),
        };
    }
    Ok(None)
}


/// object.__getattribute__ itself (no __getattr__ fallback).
pub fn generic_getattr_only(obj: Value, name: Value) -> PyResult<Option<Value>> {
    let t = type_of(obj);
    if let Some(Kind::Type(_)) = kind(obj) {
        return type_getattr(obj.objref(), name);
    }
    if let Some(Kind::Module(m)) = kind(obj) {
        if let Some(v) = as_dict(m.dict.val()).and_then(|d| d.get_str(name)) {
            return Ok(Some(v));
        }
        let n = str_of(name);
        if n == "__dict__" {
            return Ok(Some(m.dict.val()));
        }
        if n == "__name__" {
            return Ok(Some(new_str(&m.name)));
        }
        return Ok(None);
    }
    if let Some(Kind::Super { start, this }) = kind(obj) {
        return super_getattr(*start, *this, name);
    }
    let descr = types::lookup(t, name);
    if let Some(d) = descr {
        if is_data_descriptor(d) {
            if let Some(Kind::Instance(_)) = kind(d) {
                let get = ops::user_dunder(d, "__get__");
                return match get {
                    Some(g) => Ok(Some(ops::call_dunder(g, d, &[obj, t.val()])?)),
                    None => Ok(Some(d)),
                };
            }
            return bind(d, obj, t).map(Some);
        }
    }
    if obj.is_obj() {
        if let Some(v) = instance_get(obj.objref(), name) {
            return Ok(Some(v));
        }
    }
    if let Some(d) = descr {
        return bind(d, obj, t).map(Some);
    }
    if let Some(v) = special_attr(obj, str_of(name))? {
        return Ok(Some(v));
    }
    Ok(None)
}

fn type_getattr(t: ObjRef, name: Value) -> PyResult<Option<Value>> {
    if let Some(v) = types::lookup(t, name) {
        return bind(v, Value::NULL, t).map(Some);
    }
    let td = types::type_data(t);
    let n = str_of(name);
    Ok(Some(match n {
        "__name__" => new_str(&td.name),
        "__qualname__" => new_str(&td.qualname),
        "__module__" => new_str(&td.module),
        "__mro__" => new_tuple(td.mro.iter().map(|c| c.val()).collect()),
        "__bases__" => new_tuple(td.bases.iter().map(|c| c.val()).collect()),
        "__base__" => td.bases.first().map(|b| b.val()).unwrap_or(Value::NONE),
        "__dict__" => td.dict.val(),
        "__doc__" => Value::NONE,
        "__class__" => vm().t.type_.val(),
        "mro" => {
            let list = new_list(td.mro.iter().map(|c| c.val()).collect());
            return Ok(Some(crate::builtins::constant_fn(list)));
        }
        "__subclasses__" => {
            let list = new_list(td.subclasses.iter().map(|c| c.val()).collect());
            return Ok(Some(crate::builtins::constant_fn(list)));
        }
        _ => {
            // Metaclass attributes (type's methods).
            if let Some(v) = types::lookup(t.get().class, name) {
                return bind(v, t.val(), t.get().class).map(Some);
            }
            return Ok(None);
        }
    }))
}

fn super_getattr(start: ObjRef, this: Value, name: Value) -> PyResult<Option<Value>> {
    let (mro_owner, is_cls) = if types::is_type(this) && types::is_subtype(this.objref(), start) { (this.objref(), true) } else { (type_of(this), false) };
    let mro = types::type_data(mro_owner).mro.clone();
    let pos = mro.iter().position(|c| *c == start).map(|p| p + 1).unwrap_or(mro.len());
    for c in &mro[pos..] {
        let d = as_dict(types::type_data(*c).dict.val()).expect("type dict");
        if let Some(v) = d.get_str(name) {
            if is_cls {
                return match kind(v) {
                    Some(Kind::ClassMethod(inner)) => Ok(Some(alloc(vm().t.method, Kind::Method { func: *inner, this }))),
                    _ => bind(v, Value::NULL, mro_owner).map(Some),
                };
            }
            return bind(v, this, mro_owner).map(Some);
        }
    }
    if str_of(name) == "__class__" {
        return Ok(Some(vm().t.super_.val()));
    }
    Ok(None)
}

/// Attributes of built-in objects that are not in their type's dict.
fn special_attr(obj: Value, n: &str) -> PyResult<Option<Value>> {
    if n == "__class__" {
        return Ok(Some(type_of(obj).val()));
    }
    let o = match obj.as_obj() {
        Some(o) => o,
        None => {
            return Ok(match n {
                "real" | "numerator" if obj.as_int().is_some() => Some(Value::int(obj.i())),
                "imag" if obj.as_int().is_some() => Some(Value::int(0)),
                "denominator" if obj.as_int().is_some() => Some(Value::int(1)),
                "real" if obj.as_float().is_some() => Some(obj),
                "imag" if obj.as_float().is_some() => Some(Value::float(0.0)),
                _ => None,
            })
        }
    };
    Ok(match &mut o.get().kind {
        Kind::Instance(i) => {
            if n == "__dict__" {
                let d = new_dict();
                for (k, name) in i.map.names.iter().enumerate() {
                    as_dict(d).expect("dict").set(name.val(), i.values[k])?;
                }
                return Ok(Some(d));
            }
            if let Some(e) = &i.exc {
                match n {
                    "args" => Some(e.args),
                    "__cause__" => Some(e.cause),
                    "__context__" => Some(e.context),
                    "__suppress_context__" => Some(Value::bool(e.suppress_context)),
                    "__traceback__" => Some(if e.traceback.is_empty() { Value::NONE } else { Value::int(e.traceback.len() as i64) }),
                    "value" if types::isinstance(obj, vm().t.stop_iteration) => Some(exc_args(o).first().copied().unwrap_or(Value::NONE)),
                    "code" if types::isinstance(obj, vm().t.system_exit) => Some(match exc_args(o).len() {
                        0 => Value::NONE,
                        1 => exc_args(o)[0],
                        _ => e.args,
                    }),
                    "errno" if types::isinstance(obj, vm().t.os_error) => Some(exc_args(o).first().copied().filter(|_| exc_args(o).len() >= 2).unwrap_or(Value::NONE)),
                    "strerror" if types::isinstance(obj, vm().t.os_error) => Some(exc_args(o).get(1).copied().unwrap_or(Value::NONE)),
                    "filename" if types::isinstance(obj, vm().t.os_error) => Some(exc_args(o).get(2).copied().unwrap_or(Value::NONE)),
                    "name" if types::isinstance(obj, vm().t.import_error) => Some(exc_args(o).first().and_then(|m| {
                        let s = str_of(*m);
                        s.strip_prefix("No module named '").and_then(|r| r.strip_suffix('\'')).map(new_str)
                    }).unwrap_or(Value::NONE)),
                    "msg" if types::isinstance(obj, vm().t.import_error) => Some(exc_args(o).first().copied().unwrap_or(Value::NONE)),
                    _ => None,
                }
            } else {
                None
            }
        }
        Kind::Function(f) => match n {
            "__name__" => Some(f.name),
            "__qualname__" => Some(f.qualname),
            "__doc__" => Some(f.doc),
            "__module__" => Some(f.module),
            "__defaults__" => Some(if f.defaults.is_empty() { Value::NONE } else { new_tuple(f.defaults.clone()) }),
            "__kwdefaults__" => Some(f.kwdefaults.map(|d| d.val()).unwrap_or(Value::NONE)),
            "__code__" => Some(code_value(f.code)),
            "__globals__" => Some(f.globals.val()),
            "__closure__" => Some(if f.closure.is_empty() { Value::NONE } else { new_tuple(f.closure.clone()) }),
            "__dict__" => {
                let d = match f.dict {
                    Some(d) => d,
                    None => {
                        let d = new_dict().objref();
                        f.dict = Some(d);
                        d
                    }
                };
                Some(d.val())
            }
            "__annotations__" => Some(new_dict()),
            _ => None,
        },
        Kind::Method { func, this } => match n {
            "__self__" => Some(*this),
            "__func__" => Some(*func),
            _ => getattr_opt(*func, intern(n))?,
        },
        Kind::Builtin(b) => match n {
            "from_iterable" if b.name == "chain" => crate::modules::import_module("itertools").ok().and_then(|m| as_dict(match kind(m) {
                Some(Kind::Module(md)) => md.dict.val(),
                _ => Value::NONE,
            }).and_then(|d| d.get_str(intern("_chain_from_iterable")))),
            "__name__" => Some(new_str(b.name)),
            "__qualname__" => Some(new_str(b.qualname)),
            "__self__" => Some(if b.this.is_null() { Value::NONE } else { b.this }),
            "__doc__" => Some(Value::NONE),
            "__module__" => Some(Value::NONE),
            _ => None,
        },
        Kind::Code(c) => match n {
            "co_name" => Some(new_str(&c.name)),
            "co_filename" => Some(new_str(&c.filename)),
            "co_argcount" => Some(Value::int(c.argcount as i64)),
            "co_varnames" => Some(new_tuple(c.varnames.iter().map(|s| new_str(s)).collect())),
            "co_firstlineno" => Some(Value::int(c.first_line as i64)),
            _ => None,
        },
        Kind::Range { start, stop, step } => match n {
            "start" => Some(Value::int(*start)),
            "stop" => Some(Value::int(*stop)),
            "step" => Some(Value::int(*step)),
            _ => None,
        },
        Kind::Slice { start, stop, step } => match n {
            "start" => Some(*start),
            "stop" => Some(*stop),
            "step" => Some(*step),
            _ => None,
        },
        Kind::Property(p) => match n {
            "fget" => Some(p.fget),
            "fset" => Some(p.fset),
            "fdel" => Some(p.fdel),
            "__doc__" => Some(p.doc),
            _ => None,
        },
        Kind::StaticMethod(f) | Kind::ClassMethod(f) => match n {
            "__func__" => Some(*f),
            _ => getattr_opt(*f, intern(n))?,
        },
        Kind::Generator(g) => match n {
            "__name__" => Some(g.name),
            "__qualname__" => Some(g.qualname),
            "gi_running" => Some(Value::bool(g.running)),
            _ => None,
        },
        Kind::Cell(v) => match n {
            "cell_contents" => Some(*v),
            _ => None,
        },
        Kind::Dict(d) if n == "default_factory" && types::is_subtype(o.get().class, vm().t.defaultdict) => Some(if d.default_factory.is_null() { Value::NONE } else { d.default_factory }),
        Kind::Deque { maxlen, .. } => match n {
            "maxlen" => Some(maxlen.map(|m| Value::int(m as i64)).unwrap_or(Value::NONE)),
            _ => None,
        },
        Kind::Partial { func, args, kwargs } => match n {
            "func" => Some(*func),
            "args" => Some(new_tuple(args.clone())),
            "keywords" => {
                let d = new_dict();
                for (k, v) in kwargs {
                    as_dict(d).expect("dict").set(k.val(), *v)?;
                }
                Some(d)
            }
            _ => None,
        },
        Kind::Cached { func, .. } => match n {
            "__wrapped__" => Some(*func),
            _ => getattr_opt(*func, intern(n))?,
        },
        Kind::File(f) => match n {
            "name" => Some(new_str(&f.path)),
            "mode" => Some(new_str(&f.mode)),
            "closed" => Some(Value::bool(f.closed)),
            _ => None,
        },
        Kind::Complex(r, i) => match n {
            "real" => Some(Value::float(*r)),
            "imag" => Some(Value::float(*i)),
            _ => None,
        },
        Kind::BigInt(_) => match n {
            "real" | "numerator" => Some(obj),
            "imag" => Some(Value::int(0)),
            "denominator" => Some(Value::int(1)),
            _ => None,
        },
        _ => None,
    })
}

/// Stores an attribute in an instance's map-backed storage.
pub fn instance_set(obj: ObjRef, name: Value, value: Value) -> bool {
    match &mut obj.get().kind {
        Kind::Instance(i) => {
            let key = name.objref();
            match i.map.index(key) {
                Some(k) => i.values[k] = value,
                None => {
                    i.map = i.map.with(key);
                    i.values.push(value);
                    let td = types::type_data(obj.get().class);
                    if i.values.len() > td.expected_attrs && i.values.len() <= 32 {
                        td.expected_attrs = i.values.len();
                    }
                }
            }
            true
        }
        Kind::Function(f) => {
            let d = *f.dict.get_or_insert_with(|| new_dict().objref());
            let _ = as_dict(d.val()).map(|d| d.set(name, value));
            true
        }
        _ => false,
    }
}

pub fn setattr(obj: Value, name: Value, value: Value) -> PyResult<()> {
    if let Some(f) = ops::user_dunder(obj, "__setattr__") {
        ops::call_dunder(f, obj, &[name, value])?;
        return Ok(());
    }
    generic_setattr(obj, name, value)
}

/// object.__setattr__.
pub fn generic_setattr(obj: Value, name: Value, value: Value) -> PyResult<()> {
    match kind(obj) {
        Some(Kind::Type(_)) => {
            let t = obj.objref();
            let td = types::type_data(t);
            if td.is_builtin {
                return Err(type_error(format!("cannot set '{}' attribute of immutable type '{}'", str_of(name), td.name)));
            }
            match str_of(name) {
                "__name__" => td.name = str_of(value).to_string(),
                "__qualname__" => td.qualname = str_of(value).to_string(),
                _ => {}
            }
            as_dict(td.dict.val()).expect("type dict").set(name, value)?;
            types::type_changed(t);
            return Ok(());
        }
        Some(Kind::Module(m)) => {
            as_dict(m.dict.val()).expect("module dict").set(name, value)?;
            return Ok(());
        }
        _ => {}
    }
    let t = type_of(obj);
    if str_of(name) == "__class__" {
        if let (Some(o), true) = (obj.as_obj(), types::is_type(value)) {
            if matches!(o.get().kind, Kind::Instance(_)) && !types::type_data(value.objref()).is_builtin {
                o.get().class = value.objref();
                return Ok(());
            }
        }
        return Err(type_error("__class__ assignment only supported for mutable types or ModuleType subclasses".into()));
    }
    if let Some(d) = types::lookup(t, name) {
        match kind(d) {
            Some(Kind::Property(p)) => {
                if matches!(kind(p.fget), Some(Kind::ItemGetter(_))) && (p.fset.is_none() || p.fset.is_null()) {
                    return Err(attribute_error("can't set attribute".into()));
                }
                if p.fset.is_none() || p.fset.is_null() {
                    return Err(attribute_error(format!("property '{}' of '{}' object has no setter", str_of(p.name), type_name(obj))));
                }
                call::call(p.fset, &[obj, value], &[])?;
                return Ok(());
            }
            Some(Kind::Instance(_)) => {
                if let Some(s) = ops::user_dunder(d, "__set__") {
                    ops::call_dunder(s, d, &[obj, value])?;
                    return Ok(());
                }
            }
            _ => {}
        }
    }
    if let Some(o) = obj.as_obj() {
        if let Kind::Function(f) = &mut o.get().kind {
            match str_of(name) {
                "__name__" => {
                    f.name = value;
                    return Ok(());
                }
                "__qualname__" => {
                    f.qualname = value;
                    return Ok(());
                }
                "__doc__" => {
                    f.doc = value;
                    return Ok(());
                }
                "__module__" => {
                    f.module = value;
                    return Ok(());
                }
                "__defaults__" => {
                    f.defaults = if value.is_none() { vec![] } else { iter::collect(value)? };
                    return Ok(());
                }
                "__kwdefaults__" => {
                    f.kwdefaults = value.as_obj();
                    return Ok(());
                }
                _ => {}
            }
        }
        if let Kind::Instance(i) = &mut o.get().kind {
            if let Some(e) = i.exc.as_deref_mut() {
                match str_of(name) {
                    "__cause__" => {
                        e.cause = value;
                        e.suppress_context = true;
                        return Ok(());
                    }
                    "__context__" => {
                        e.context = value;
                        return Ok(());
                    }
                    "__suppress_context__" => {
                        e.suppress_context = ops::truth(value)?;
                        return Ok(());
                    }
                    "args" => {
                        e.args = new_tuple(iter::collect(value)?);
                        return Ok(());
                    }
                    "__traceback__" => return Ok(()),
                    _ => {}
                }
            }
        }
        if instance_set(o, name, value) {
            return Ok(());
        }
    }
    Err(attribute_error(format!("'{}' object has no attribute '{}'", type_name(obj), str_of(name))))
}

pub fn delattr(obj: Value, name: Value) -> PyResult<()> {
    if let Some(f) = ops::user_dunder(obj, "__delattr__") {
        ops::call_dunder(f, obj, &[name])?;
        return Ok(());
    }
    match kind(obj) {
        Some(Kind::Type(_)) => {
            let t = obj.objref();
            let d = as_dict(types::type_data(t).dict.val()).expect("type dict");
            if d.remove(name)?.is_none() {
                return Err(no_attribute(obj, name));
            }
            types::type_changed(t);
            return Ok(());
        }
        Some(Kind::Module(m)) => {
            if as_dict(m.dict.val()).expect("dict").remove(name)?.is_none() {
                return Err(no_attribute(obj, name));
            }
            return Ok(());
        }
        Some(Kind::Instance(i)) => {
            if let Some(d) = types::lookup(type_of(obj), name) {
                if let Some(Kind::Property(p)) = kind(d) {
                    if p.fdel.is_none() || p.fdel.is_null() {
                        return Err(attribute_error(format!("property '{}' of '{}' object has no deleter", str_of(p.name), type_name(obj))));
                    }
                    call::call(p.fdel, &[obj], &[])?;
                    return Ok(());
                }
            }
            let key = name.objref();
            if let Some(k) = i.map.index(key) {
                let mut names = i.map.names.clone();
                names.remove(k);
                i.values.remove(k);
                i.map = Map::from_names(&names);
                return Ok(());
            }
        }
        Some(Kind::Function(f)) => {
            if let Some(d) = f.dict {
                if as_dict(d.val()).expect("dict").remove(name)?.is_some() {
                    return Ok(());
                }
            }
        }
        _ => {}
    }
    Err(no_attribute(obj, name))
}

/// For method calls: `(function, self)` when the attribute is a plain
/// function found on the type (no bound method is made), else
/// `(attribute, NULL)`.
pub fn load_method(obj: Value, name: Value) -> PyResult<(Value, Value)> {
    if ops::user_dunder(obj, "__getattribute__").is_some() {
        return Ok((getattr(obj, name)?, Value::NULL));
    }
    if obj.is_obj() {
        let o = obj.objref();
        if !matches!(o.get().kind, Kind::Type(_) | Kind::Module(_) | Kind::Super { .. }) {
            let t = o.get().class;
            if let Some(d) = types::lookup(t, name) {
                if matches!(kind(d), Some(Kind::Function(_)) | Some(Kind::Builtin(_))) {
                    let shadowed = match &o.get().kind {
                        Kind::Instance(i) => i.map.index(name.objref()).is_some(),
                        _ => false,
                    };
                    if !shadowed {
                        if let Some(Kind::Builtin(b)) = kind(d) {
                            if !b.this.is_null() {
                                return Ok((d, Value::NULL));
                            }
                        }
                        return Ok((d, obj));
                    }
                }
            }
        }
    } else if let Some(d) = types::lookup(type_of(obj), name) {
        if let Some(Kind::Builtin(b)) = kind(d) {
            if b.this.is_null() {
                return Ok((d, obj));
            }
        }
    }
    Ok((getattr(obj, name)?, Value::NULL))
}

/// A fresh instance of a user class (no attributes yet).
pub fn new_instance(cls: ObjRef) -> Value {
    let exc = if types::is_subtype(cls, vm().t.base_exception) {
        Some(Box::new(crate::object::ExcData { args: new_tuple(vec![]), cause: Value::NONE, context: Value::NONE, ..Default::default() }))
    } else {
        None
    };
    let cap = types::type_data(cls).expected_attrs;
    alloc(cls, Kind::Instance(Instance { map: Map::empty(), values: crate::object::ValueVec::with_capacity(cap), base: Value::NULL, exc }))
}
