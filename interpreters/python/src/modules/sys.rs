//! The `sys` module.

use super::*;

pub fn init() {
    let (m, d) = new_module("sys");
    let _ = m;
    let argv: Vec<Value> = vm().argv.iter().map(|a| rt::new_str(a)).collect();
    add_value(d, "argv", rt::new_list(argv));
    add_value(d, "modules", vm().modules.val());
    add_value(d, "maxsize", Value::int(i64::MAX));
    add_value(d, "byteorder", rt::new_str("little"));
    add_value(d, "platform", rt::new_str(if cfg!(target_arch = "wasm32") { "emscripten" } else { "linux" }));
    add_value(d, "version", rt::new_str("3.11.7 (kiln)"));
    add_value(d, "implementation", Value::NONE);
    add_value(d, "path", rt::new_list(vec![rt::new_str(&vm().script_dir)]));
    add_value(d, "executable", rt::new_str("kpy"));
    add_value(d, "stdout", io::std_stream(1));
    add_value(d, "stderr", io::std_stream(2));
    add_value(d, "stdin", io::std_stream(0));
    add_value(d, "maxunicode", Value::int(0x10ffff));
    add_fn(d, "exit", "sys", |a, _| Err(rt::new_exception_args(vm().t.system_exit, a.iter().take(1).copied().collect())));
    add_fn(d, "getrecursionlimit", "sys", |_, _| Ok(Value::int(vm().recursion_limit as i64)));
    add_fn(d, "setrecursionlimit", "sys", |a, _| {
        let n = crate::builtins::to_index(*a.first().unwrap_or(&Value::NONE), "")?;
        if n < 1 {
            return Err(rt::value_error("recursion limit must be greater or equal than 1".into()));
        }
        vm().recursion_limit = n as usize;
        Ok(Value::NONE)
    });
    add_fn(d, "getdefaultencoding", "sys", |_, _| Ok(rt::new_str("utf-8")));
    add_fn(d, "set_int_max_str_digits", "sys", |a, k| {
        let n = a.first().copied().or_else(|| crate::builtins::kwarg(k, "maxdigits")).unwrap_or(Value::int(0));
        let n = crate::builtins::to_index(n, "")?;
        if n != 0 && n < 640 {
            return Err(rt::value_error("maxdigits must be 0 or larger than 640".into()));
        }
        vm().int_max_str_digits = n as usize;
        Ok(Value::NONE)
    });
    add_fn(d, "get_int_max_str_digits", "sys", |_, _| Ok(Value::int(vm().int_max_str_digits as i64)));
    add_fn(d, "getsizeof", "sys", |_, _| Ok(Value::int(64)));
    add_fn(d, "intern", "sys", |a, _| Ok(rt::intern(rt::str_of(a[0]))));
    add_fn(d, "exc_info", "sys", |_, _| {
        let h = vm().handled;
        if h.is_none() {
            return Ok(rt::new_tuple(vec![Value::NONE, Value::NONE, Value::NONE]));
        }
        Ok(rt::new_tuple(vec![rt::type_of(h).val(), h, Value::NONE]))
    });
    add_fn(d, "exception", "sys", |_, _| Ok(vm().handled));
    // version_info: a tuple subclass with named fields.
    let vi = crate::modules::collections::make_version_info();
    add_value(d, "version_info", vi);
    add_value(d, "float_info", Value::NONE);
}
