//! Built-in modules (sys, math, time, random, itertools, collections,
//! functools, operator) and the import system (built-in modules and `.py`
//! files beside the script).

mod array;
pub mod collections;
pub mod functools;
pub mod io;
pub mod itertools;
mod math;
mod operator;
pub mod random;
mod sys;
mod time;

use crate::object::{Kind, Module, NativeFn};
use crate::runtime::{self as rt, attr, vm, PyResult};
use crate::value::{ObjRef, Value};

/// Makes a module object registered in sys.modules.
pub fn new_module(name: &str) -> (Value, ObjRef) {
    let d = rt::new_dict();
    let m = rt::alloc(vm().t.module, Kind::Module(Box::new(Module { name: name.to_string(), dict: d.objref() })));
    let dd = rt::as_dict(d).expect("dict");
    let _ = dd.set(rt::intern("__name__"), rt::new_str(name));
    let _ = dd.set(rt::intern("__doc__"), Value::NONE);
    if vm().modules.0 != 0 {
        let _ = rt::as_dict(vm().modules.val()).expect("modules").set(rt::new_str(name), m);
    }
    (m, d.objref())
}

pub fn add_fn(module: ObjRef, name: &'static str, modname: &'static str, f: NativeFn) {
    let q: &'static str = Box::leak(format!("{modname}.{name}").into_boxed_str());
    let _ = q;
    let v = crate::builtins::native(name, name, f);
    let _ = rt::as_dict(module.val()).expect("dict").set(rt::intern(name), v);
}

pub fn add_value(module: ObjRef, name: &str, v: Value) {
    let _ = rt::as_dict(module.val()).expect("dict").set(rt::intern(name), v);
}

pub fn init_modules() {
    let modules = rt::new_dict();
    vm().modules = modules.objref();
    let (bm, _) = new_module("builtins");
    if let Some(Kind::Module(m)) = rt::kind(bm) {
        m.dict = vm().builtins;
    }
    let _ = rt::as_dict(modules).expect("dict").set(rt::new_str("builtins"), bm);
    sys::init();
}

const BUILTIN_MODULES: &[&str] = &["sys", "math", "time", "random", "itertools", "collections", "functools", "operator", "builtins", "_io", "io", "os", "string", "array"];

/// Creates a built-in module on first import.
fn builtin_module(name: &str) -> PyResult<Option<Value>> {
    Ok(Some(match name {
        "math" => math::init(),
        "time" => time::init(),
        "random" => random::init()?,
        "itertools" => itertools::init(),
        "collections" => collections::init()?,
        "functools" => functools::init()?,
        "operator" => operator::init(),
        "io" | "_io" => io::init(name),
        "os" => io::init_os(),
        "array" => array::init()?,
        "string" => {
            let (m, d) = new_module("string");
            add_value(d, "ascii_lowercase", rt::new_str("abcdefghijklmnopqrstuvwxyz"));
            add_value(d, "ascii_uppercase", rt::new_str("ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
            add_value(d, "ascii_letters", rt::new_str("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"));
            add_value(d, "digits", rt::new_str("0123456789"));
            add_value(d, "hexdigits", rt::new_str("0123456789abcdefABCDEF"));
            add_value(d, "punctuation", rt::new_str("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"));
            m
        }
        _ => return Ok(None),
    }))
}

pub fn is_builtin_module(name: &str) -> bool {
    BUILTIN_MODULES.contains(&name)
}

/// The module object for `name`, importing it if needed.
pub fn import_module(name: &str) -> PyResult<Value> {
    let modules = rt::as_dict(vm().modules.val()).expect("modules");
    if let Some(m) = modules.get(rt::new_str(name))? {
        return Ok(m);
    }
    if let Some(m) = builtin_module(name)? {
        return Ok(m);
    }
    if let Some(m) = import_file(name)? {
        return Ok(m);
    }
    Err(rt::new_exception(vm().t.module_not_found_error, &format!("No module named '{name}'")))
}

fn import_file(name: &str) -> PyResult<Option<Value>> {
    let dir = vm().script_dir.clone();
    let path = if dir.is_empty() { format!("{name}.py") } else { format!("{dir}/{name}.py") };
    let Some(src) = io::read_source_file(&path) else { return Ok(None) };
    let display = path.clone();
    let (m, d) = new_module(name);
    add_value(d, "__file__", rt::new_str(&display));
    add_value(d, "__builtins__", vm().builtins.val());
    match crate::run_module_source(&src, &display, d, false) {
        Ok(_) => Ok(Some(m)),
        Err(e) => {
            let _ = rt::as_dict(vm().modules.val()).expect("modules").remove(rt::new_str(name));
            Err(e)
        }
    }
}

pub fn import_name(name: &str, fromlist: Value) -> PyResult<Value> {
    let _ = fromlist;
    let top = name.split('.').next().unwrap_or(name);
    import_module(top)
}

pub fn import_from(module: Value, name: Value) -> PyResult<Value> {
    match attr::getattr_opt(module, name)? {
        Some(v) => Ok(v),
        None => {
            let mname = match rt::kind(module) {
                Some(Kind::Module(m)) => m.name.clone(),
                _ => "?".into(),
            };
            let file = rt::as_dict(match rt::kind(module) {
                Some(Kind::Module(m)) => m.dict.val(),
                _ => Value::NONE,
            })
            .and_then(|d| d.get_str(rt::intern("__file__")));
            let loc = match file {
                Some(f) => format!(" ({})", rt::str_of(f)),
                None => " (unknown location)".into(),
            };
            Err(rt::new_exception(vm().t.import_error, &format!("cannot import name '{}' from '{}'{}", rt::str_of(name), mname, loc)))
        }
    }
}

pub fn import_star(module: Value, globals: ObjRef) -> PyResult<()> {
    let Some(Kind::Module(m)) = rt::kind(module) else { return Ok(()) };
    let items = rt::as_dict(m.dict.val()).expect("dict").items();
    for (k, v) in items {
        if !rt::str_of(k).starts_with('_') {
            rt::as_dict(globals.val()).expect("globals").set(k, v)?;
        }
    }
    Ok(())
}
