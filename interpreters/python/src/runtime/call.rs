//! Calling: any callable from Rust (functions run in a nested interpreter
//! loop), argument binding with CPython's error messages, class
//! instantiation, and global-name lookup.

use super::*;
use crate::interp::frame::Frame;
use crate::object::{Function, Generator, Layout};

pub fn load_global(globals: ObjRef, name: Value) -> PyResult<Value> {
    if let Some(v) = as_dict(globals.val()).and_then(|d| d.get_str(name)) {
        return Ok(v);
    }
    if let Some(v) = as_dict(vm().builtins.val()).and_then(|d| d.get_str(name)) {
        return Ok(v);
    }
    Err(name_error(str_of(name)))
}

/// Calls with the last `len(kwnames)` of `args` passed by keyword.
pub fn call_with_kwnames(f: Value, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let names = as_tuple(kwnames).unwrap_or(&[]);
    if names.is_empty() {
        return call(f, args, &[]);
    }
    let npos = args.len() - names.len();
    let kw: Vec<(ObjRef, Value)> = names.iter().zip(&args[npos..]).map(|(n, v)| (n.objref(), *v)).collect();
    call(f, &args[..npos], &kw)
}

/// f(*args, **kwargs)
pub fn call_ex(f: Value, args: Value, kwargs: Value) -> PyResult<Value> {
    let (a, kw) = call_ex_args(args, kwargs)?;
    call(f, &a, &kw)
}

/// The positional and keyword arguments of `f(*args, **kwargs)`.
#[allow(clippy::type_complexity)]
pub fn call_ex_args(args: Value, kwargs: Value) -> PyResult<(Vec<Value>, Vec<(ObjRef, Value)>)> {
    let a = match as_tuple(args) {
        Some(t) => t.to_vec(),
        None => iter::collect(args)?,
    };
    let mut kw = vec![];
    if !kwargs.is_null() {
        for (k, v) in crate::interp::build::mapping_items(kwargs)? {
            if as_str(k).is_none() {
                return Err(type_error("keywords must be strings".into()));
            }
            kw.push((intern(str_of(k)).objref(), v));
        }
    }
    Ok((a, kw))
}

fn not_callable(f: Value) -> ObjRef {
    type_error(format!("'{}' object is not callable", type_name(f)))
}

/// Runs `f` on `this` followed by `args`: a bound method's arguments,
/// on the stack when there are few.
#[inline]
fn with_self<R>(this: Value, args: &[Value], f: impl FnOnce(&[Value]) -> R) -> R {
    const SMALL: usize = 8;
    if args.len() < SMALL {
        let mut a = [Value::NULL; SMALL];
        a[0] = this;
        a[1..=args.len()].copy_from_slice(args);
        f(&a[..=args.len()])
    } else {
        let mut a = Vec::with_capacity(args.len() + 1);
        a.push(this);
        a.extend_from_slice(args);
        f(&a)
    }
}

/// Calls any callable.
pub fn call(f: Value, args: &[Value], kwargs: &[(ObjRef, Value)]) -> PyResult<Value> {
    let Some(o) = f.as_obj() else {
        return Err(not_callable(f));
    };
    match &o.get().kind {
        Kind::Function(_) => call_function(o, args, kwargs),
        Kind::Method { func, this } => {
            let (func, this) = (*func, *this);
            with_self(this, args, |a| call(func, a, kwargs))
        }
        Kind::Builtin(b) => {
            let (func, this, qualname) = (b.func, b.this, b.qualname);
            if this.is_null() || matches!(kind(this), Some(Kind::Module(_))) {
                func(args, kwargs).map_err(|e| descriptor_error(e, qualname, args))
            } else {
                with_self(this, args, |a| func(a, kwargs))
            }
        }
        Kind::Type(_) => call_type(o, args, kwargs),
        Kind::Partial { func, args: pa, kwargs: pk } => {
            let func = *func;
            let mut a = pa.clone();
            a.extend_from_slice(args);
            let mut k = pk.clone();
            for (n, v) in kwargs {
                if let Some(e) = k.iter_mut().find(|(m, _)| m == n) {
                    e.1 = *v;
                } else {
                    k.push((*n, *v));
                }
            }
            call(func, &a, &k)
        }
        Kind::Cached { .. } => crate::modules::functools::call_cached(o, args, kwargs),
        Kind::ItemGetter(items) => {
            let items = items.clone();
            let x = *args.first().ok_or_else(|| type_error("itemgetter expected 1 argument, got 0".into()))?;
            if items.len() == 1 {
                return ops::getitem(x, items[0]);
            }
            Ok(new_tuple(items.iter().map(|k| ops::getitem(x, *k)).collect::<PyResult<Vec<_>>>()?))
        }
        Kind::AttrGetter(items) => {
            let items = items.clone();
            let x = *args.first().ok_or_else(|| type_error("attrgetter expected 1 argument, got 0".into()))?;
            let get = |name: Value| -> PyResult<Value> {
                let mut cur = x;
                for part in str_of(name).split('.') {
                    cur = attr::getattr(cur, intern(part))?;
                }
                Ok(cur)
            };
            if items.len() == 1 {
                return get(items[0]);
            }
            Ok(new_tuple(items.iter().map(|k| get(*k)).collect::<PyResult<Vec<_>>>()?))
        }
        Kind::MethodCaller { name, args: margs, kwargs: mk } => {
            let (name, margs, mk) = (*name, margs.clone(), mk.clone());
            let x = *args.first().ok_or_else(|| type_error("methodcaller expected 1 argument, got 0".into()))?;
            let m = attr::getattr(x, intern(str_of(name)))?;
            call(m, &margs, &mk)
        }
        Kind::Instance(_) => match ops::user_dunder(f, "__call__") {
            Some(c) => {
                let mut a = Vec::with_capacity(args.len() + 1);
                a.push(f);
                a.extend_from_slice(args);
                call(c, &a, kwargs)
            }
            None => Err(not_callable(f)),
        },
        Kind::StaticMethod(inner) => call(*inner, args, kwargs),
        _ => Err(not_callable(f)),
    }
}

/// "descriptor 'upper' for 'str' objects doesn't apply to a 'int' object"
fn descriptor_error(e: ObjRef, qualname: &str, args: &[Value]) -> ObjRef {
    let msg = exc_args(e).first().map(|m| str_of(*m)).unwrap_or("");
    if !msg.starts_with("descriptor requires") {
        return e;
    }
    let (owner, name) = qualname.split_once('.').unwrap_or(("?", qualname));
    match args.first() {
        Some(a) => type_error(format!("descriptor '{name}' for '{owner}' objects doesn't apply to a '{}' object", type_name(*a))),
        None => type_error(format!("unbound method {owner}.{name}() needs an argument")),
    }
}

fn call_function(fo: ObjRef, args: &[Value], kwargs: &[(ObjRef, Value)]) -> PyResult<Value> {
    let frame = bind_frame(fo, args, kwargs)?;
    let Kind::Function(func) = &fo.get().kind else { unreachable!() };
    if func.code.flags.generator {
        return Ok(new_generator(frame, func));
    }
    crate::interp::run_nested(frame)
}

pub fn new_generator(frame: Box<Frame>, func: &Function) -> Value {
    let g = Generator { frame: Some(frame), running: false, finished: false, name: func.name, qualname: func.qualname };
    let gv = alloc(vm().t.generator, Kind::Generator(Box::new(g)));
    if let Some(Kind::Generator(g)) = kind(gv) {
        if let Some(f) = g.frame.as_mut() {
            f.gen = Some(gv.objref());
        }
    }
    gv
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn name_list(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        _ => format!("{}, and {}", q[..q.len() - 1].join(", "), q[q.len() - 1]),
    }
}

/// Binds arguments to a new frame for function `fo`.
pub fn bind_frame(fo: ObjRef, args: &[Value], kwargs: &[(ObjRef, Value)]) -> PyResult<Box<Frame>> {
    let Kind::Function(func) = &fo.get().kind else { unreachable!() };
    let code = func.code;
    let mut frame = Frame::acquire(code, fo.val(), Value::NULL, func.globals);
    let nargs = code.argcount as usize;
    let nkwonly = code.kwonlyargcount as usize;
    let fname = str_of(func.qualname).to_string();
    let fname = &fname;
    let local = |i: usize| Frame::local(i);
    // Positional.
    let npos = args.len().min(nargs);
    for (i, a) in args[..npos].iter().enumerate() {
        frame.set(local(i), *a);
    }
    let mut extra_index = nargs + nkwonly;
    if code.flags.varargs {
        let rest = if args.len() > nargs { args[nargs..].to_vec() } else { vec![] };
        frame.set(local(extra_index), new_tuple(rest));
        extra_index += 1;
    } else if args.len() > nargs {
        let ndef = func.defaults.len();
        let given_kw = kwargs.iter().filter(|(k, _)| code.param_names[..nargs + nkwonly].iter().any(|p| p.objref() == *k)).count();
        let takes = if ndef > 0 { format!("from {} to {}", nargs - ndef, nargs) } else { format!("{nargs}") };
        let word = if ndef == 0 && nargs == 1 { "positional argument" } else { "positional arguments" };
        let was = if args.len() == 1 { "was" } else { "were" };
        let kwpart = if given_kw > 0 { format!(" positional argument{} (and {} keyword-only argument{})", if args.len() == 1 { "" } else { "s" }, given_kw, if given_kw == 1 { "" } else { "s" }) } else { String::new() };
        if given_kw > 0 {
            return Err(type_error(format!("{fname}() takes {takes} {word} but {}{kwpart} were given", args.len())));
        }
        return Err(type_error(format!("{fname}() takes {takes} {word} but {} {was} given", args.len())));
    }
    // Keywords.
    let mut kwdict: Option<Value> = None;
    if code.flags.varkw {
        let d = new_dict();
        frame.set(local(extra_index), d);
        kwdict = Some(d);
    }
    let mut posonly_as_kw = vec![];
    for (k, v) in kwargs {
        let pos = code.param_names[..nargs + nkwonly].iter().position(|p| p.objref() == *k || str_of(p.val_ref()) == str_of(k.val()));
        match pos {
            Some(i) if i >= code.posonlyargcount as usize => {
                if !frame.get(local(i)).is_null() {
                    return Err(type_error(format!("{fname}() got multiple values for argument '{}'", str_of(k.val()))));
                }
                frame.set(local(i), *v);
            }
            _ => match kwdict {
                Some(d) => as_dict(d).expect("dict").set(k.val(), *v)?,
                None => {
                    if let Some(i) = pos {
                        let _ = i;
                        posonly_as_kw.push(str_of(k.val()).to_string());
                        continue;
                    }
                    return Err(type_error(format!("{fname}() got an unexpected keyword argument '{}'", str_of(k.val()))));
                }
            },
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(type_error(format!("{fname}() got some positional-only arguments passed as keyword arguments: '{}'", posonly_as_kw.join(", "))));
    }
    // Defaults and missing arguments.
    let ndef = func.defaults.len();
    let mut missing = vec![];
    for i in args.len().min(nargs)..nargs {
        if frame.get(local(i)).is_null() {
            if i >= nargs - ndef {
                frame.set(local(i), func.defaults[i - (nargs - ndef)]);
            } else {
                missing.push(code.varnames[i].clone());
            }
        }
    }
    if !missing.is_empty() {
        return Err(type_error(format!("{fname}() missing {} required positional {}: {}", missing.len(), if missing.len() == 1 { "argument" } else { "arguments" }, name_list(&missing))));
    }
    let mut missing_kw = vec![];
    for i in nargs..nargs + nkwonly {
        if frame.get(local(i)).is_null() {
            let name = code.param_names[i];
            let d = func.kwdefaults.and_then(|d| as_dict(d.val()).and_then(|d| d.get_str(name)));
            match d {
                Some(v) => frame.set(local(i), v),
                None => missing_kw.push(code.varnames[i].clone()),
            }
        }
    }
    if !missing_kw.is_empty() {
        return Err(type_error(format!("{fname}() missing {} required keyword-only {}: {}", missing_kw.len(), if missing_kw.len() == 1 { "argument" } else { "arguments" }, name_list(&missing_kw))));
    }
    let _ = plural;
    Ok(frame)
}

trait ValRef {
    fn val_ref(&self) -> Value;
}
impl ValRef for Value {
    fn val_ref(&self) -> Value {
        *self
    }
}

/// Instantiates a class: `__new__` then `__init__`.
pub fn call_type(cls: ObjRef, args: &[Value], kwargs: &[(ObjRef, Value)]) -> PyResult<Value> {
    let t = &vm().t;
    if cls == t.type_ {
        if args.len() == 1 && kwargs.is_empty() {
            return Ok(type_of(args[0]).val());
        }
        if args.len() == 3 {
            return crate::builtins::build_class_from_parts(cls, args[0], args[1], args[2], kwargs);
        }
        return Err(type_error("type() takes 1 or 3 arguments".into()));
    }
    let td = types::type_data(cls);
    if td.is_builtin {
        return crate::builtins::construct_builtin(cls, args, kwargs);
    }
    // Metaclass __call__ (user metaclasses).
    let meta = cls.get().class;
    if meta != t.type_ {
        if let Some(c) = types::lookup_str(meta, "__call__") {
            if !hash::is_builtin_slot(c) {
                let mut a = vec![cls.val()];
                a.extend_from_slice(args);
                return call(c, &a, kwargs);
            }
        }
    }
    let new = types::lookup_str(cls, "__new__");
    let user_new = new.filter(|n| !hash::is_builtin_slot(*n));
    let init = types::lookup_str(cls, "__init__").filter(|n| !hash::is_builtin_slot(*n));
    let obj = match user_new {
        Some(n) => {
            let f = match kind(n) {
                Some(Kind::StaticMethod(inner)) => *inner,
                _ => n,
            };
            let mut a = vec![cls.val()];
            a.extend_from_slice(args);
            let obj = call(f, &a, kwargs)?;
            if !types::isinstance(obj, cls) {
                return Ok(obj);
            }
            obj
        }
        None => {
            if init.is_none() && (!args.is_empty() || !kwargs.is_empty()) && td.layout == Layout::Object {
                return Err(type_error(format!("{}() takes no arguments", td.name)));
            }
            new_object_of(cls, args, kwargs)?
        }
    };
    match init {
        Some(i) => {
            let mut a = vec![obj];
            a.extend_from_slice(args);
            let r = call(i, &a, kwargs)?;
            if !r.is_none() {
                return Err(type_error(format!("__init__() should return None, not '{}'", type_name(r))));
            }
        }
        None => {
            if user_new.is_none() {
                crate::builtins::init_builtin_base(obj, cls, args, kwargs)?;
            }
        }
    }
    Ok(obj)
}

/// object.__new__(cls) for user classes, with the built-in base's data.
pub fn new_object_of(cls: ObjRef, args: &[Value], kwargs: &[(ObjRef, Value)]) -> PyResult<Value> {
    let td = types::type_data(cls);
    let obj = attr::new_instance(cls);
    let base = match td.layout {
        Layout::Object | Layout::Exception | Layout::Type | Layout::NoneType | Layout::Other => Value::NULL,
        Layout::List => new_list(vec![]),
        Layout::Dict => new_dict(),
        Layout::Set => new_set(false),
        l => {
            // Immutable bases take their value at creation.
            let base_t = match l {
                Layout::Int | Layout::Bool => vm().t.int,
                Layout::Float => vm().t.float,
                Layout::Str => vm().t.str_,
                Layout::Tuple => vm().t.tuple,
                Layout::Bytes => vm().t.bytes,
                Layout::FrozenSet => vm().t.frozenset,
                _ => vm().t.object,
            };
            crate::builtins::construct_builtin(base_t, args, kwargs)?
        }
    };
    if let Some(Kind::Instance(i)) = kind(obj) {
        i.base = base;
        if let Some(e) = i.exc.as_deref_mut() {
            e.args = new_tuple(args.to_vec());
        }
    }
    Ok(obj)
}
