//! Exceptions: creating built-in exception instances, the error helpers
//! used everywhere (`type_error(...)`), and printing tracebacks the way
//! CPython 3.11 does (including the `~~~^^^` location markers).

use super::*;
use crate::bytecode::Code;
use crate::object::{ExcData, Instance, Map};

/// A new exception instance of type `t` with `args`.
pub fn new_exception_args(t: ObjRef, args: Vec<Value>) -> ObjRef {
    let inst = Instance {
        map: Map::empty(),
        values: crate::object::ValueVec::EMPTY,
        base: Value::NULL,
        exc: Some(Box::new(ExcData { args: new_tuple(args), cause: Value::NONE, context: Value::NONE, ..Default::default() })),
    };
    object::alloc(t, Kind::Instance(inst))
}

pub fn new_exception(t: ObjRef, msg: &str) -> ObjRef {
    if msg.is_empty() {
        return new_exception_args(t, vec![]);
    }
    new_exception_args(t, vec![new_str(msg)])
}

pub fn type_error(msg: String) -> ObjRef {
    new_exception(vm().t.type_error, &msg)
}
pub fn value_error(msg: String) -> ObjRef {
    new_exception(vm().t.value_error, &msg)
}
pub fn index_error(msg: &str) -> ObjRef {
    new_exception(vm().t.index_error, msg)
}
pub fn key_error(key: Value) -> ObjRef {
    new_exception_args(vm().t.key_error, vec![key])
}
/// A KeyError whose argument is a message string.
pub fn key_error_msg(msg: &str) -> ObjRef {
    new_exception(vm().t.key_error, msg)
}
pub fn attribute_error(msg: String) -> ObjRef {
    new_exception(vm().t.attribute_error, &msg)
}
pub fn name_error(name: &str) -> ObjRef {
    new_exception(vm().t.name_error, &format!("name '{name}' is not defined"))
}
pub fn overflow_error(msg: String) -> ObjRef {
    new_exception(vm().t.overflow_error, &msg)
}
pub fn runtime_error(msg: String) -> ObjRef {
    new_exception(vm().t.runtime_error, &msg)
}
pub fn stop_iteration(v: Value) -> ObjRef {
    if v.is_none() {
        return new_exception_args(vm().t.stop_iteration, vec![]);
    }
    new_exception_args(vm().t.stop_iteration, vec![v])
}
pub fn zero_division(msg: &str) -> ObjRef {
    new_exception(vm().t.zero_division_error, msg)
}

pub fn exc_data(e: ObjRef) -> Option<&'static mut ExcData> {
    match &mut e.get().kind {
        Kind::Instance(i) => i.exc.as_deref_mut(),
        _ => None,
    }
}

pub fn is_exception_instance(v: Value) -> bool {
    v.is_obj() && exc_data(v.objref()).is_some()
}

pub fn exc_args(e: ObjRef) -> &'static [Value] {
    exc_data(e).and_then(|d| as_tuple(d.args)).unwrap_or(&[])
}

pub fn add_traceback(e: ObjRef, code: &'static Code, pc: u32) {
    if let Some(d) = exc_data(e) {
        d.traceback.push((code, pc));
    }
}

/// `str(exc)`.
pub fn exc_str(e: ObjRef) -> PyResult<String> {
    let t = e.get().class;
    if let Some(f) = types::lookup_str(t, "__str__") {
        if !hash::is_builtin_slot(f) {
            let r = call::call(f, &[e.val()], &[])?;
            return match as_str(r) {
                Some(s) => Ok(s.s.to_string()),
                None => Err(type_error(format!("__str__ returned non-string (type {})", type_name(r)))),
            };
        }
    }
    exc_str_builtin(e)
}

/// BaseException.__str__ (and the subclass variants of built-in exceptions).
pub fn exc_str_builtin(e: ObjRef) -> PyResult<String> {
    let t = e.get().class;
    let args = exc_args(e);
    if types::is_subtype(t, vm().t.syntax_error) {
        if let Some(m) = attr::instance_get(e, intern("msg")) {
            let msg = repr::str(m)?;
            // CPython's SyntaxError_str: "msg (file, line N)" with the
            // file's base name.
            let file = attr::instance_get(e, intern("filename")).filter(|f| as_str(*f).is_some());
            let line = attr::instance_get(e, intern("lineno")).and_then(|l| l.as_int());
            let base = file.map(|f| str_of(f).rsplit('/').next().unwrap_or("").to_string());
            return Ok(match (base, line) {
                (Some(f), Some(l)) => format!("{msg} ({f}, line {l})"),
                (Some(f), None) => format!("{msg} ({f})"),
                (None, Some(l)) => format!("{msg} (line {l})"),
                (None, None) => msg,
            });
        }
    }
    if types::is_subtype(t, vm().t.os_error) && args.len() >= 2 {
        let base = format!("[Errno {}] {}", repr::str(args[0])?, repr::str(args[1])?);
        if args.len() >= 3 {
            return Ok(format!("{}: {}", base, repr::repr(args[2])?));
        }
        return Ok(base);
    }
    if types::is_subtype(t, vm().t.key_error) && args.len() == 1 {
        return repr::repr(args[0]);
    }
    match args.len() {
        0 => Ok(String::new()),
        1 => repr::str(args[0]),
        _ => repr::repr(exc_data(e).map(|d| d.args).unwrap_or(Value::NONE)),
    }
}

/// The qualified class name shown on the last traceback line.
pub fn exc_type_display(t: ObjRef) -> String {
    let td = types::type_data(t);
    if td.module == "builtins" || td.module == "__main__" {
        td.qualname.clone()
    } else {
        format!("{}.{}", td.module, td.qualname)
    }
}

/// The `Type: message` line.
pub fn exc_line(e: ObjRef) -> String {
    let name = exc_type_display(e.get().class);
    // A traceback shows a syntax error's bare message (the location is in
    // the lines above it).
    if types::is_subtype(e.get().class, vm().t.syntax_error) {
        if let Some(m) = attr::instance_get(e, intern("msg")) {
            if let Ok(m) = repr::str(m) {
                return if m.is_empty() { name } else { format!("{name}: {m}") };
            }
        }
    }
    let msg = match exc_str(e) {
        Ok(m) => m,
        Err(_) => "<exception str() failed>".into(),
    };
    if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }
}

/// Prints an uncaught exception with its chain, as CPython does.
pub fn print_exception(e: ObjRef) {
    let mut out = String::new();
    let mut seen = vec![];
    format_chain(e, &mut out, &mut seen);
    write_err(&out);
}

fn format_chain(e: ObjRef, out: &mut String, seen: &mut Vec<usize>) {
    seen.push(e.0);
    if let Some(d) = exc_data(e) {
        if let Some(c) = d.cause.as_obj() {
            if !seen.contains(&c.0) && exc_data(c).is_some() {
                format_chain(c, out, seen);
                out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
            }
        } else if let Some(c) = d.context.as_obj() {
            if !d.suppress_context && !seen.contains(&c.0) && exc_data(c).is_some() {
                format_chain(c, out, seen);
                out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
            }
        }
        if !d.traceback.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            for (code, pc) in d.traceback.iter().rev() {
                format_frame(code, *pc as usize, out);
            }
        }
        if types::is_subtype(e.get().class, vm().t.syntax_error) {
            if let Some(block) = crate::syntax::format_syntax_error(e) {
                out.push_str(&block);
            }
        }
    }
    out.push_str(&exc_line(e));
    out.push('\n');
}

fn format_frame(code: &Code, pc: usize, out: &mut String) {
    let pos = code.positions.get(pc).copied().unwrap_or_default();
    out.push_str(&format!("  File \"{}\", line {}, in {}\n", code.filename, pos.line, code.name));
    // Like CPython's linecache: no source lines for `<string>`, `<stdin>`...
    if code.filename.starts_with('<') {
        return;
    }
    let Some(src) = vm().sources.get(&code.filename) else { return };
    let Some(line) = src.lines().nth(pos.line.saturating_sub(1) as usize) else { return };
    let stripped = line.trim();
    if stripped.is_empty() {
        return;
    }
    out.push_str("    ");
    out.push_str(stripped);
    out.push('\n');
    if pos.end_line == 0 {
        return;
    }
    let trunc = line.chars().count() - line.trim_start().chars().count();
    let to_char = |byte: u32| -> usize { line.get(..(byte as usize).min(line.len())).map(|s| s.chars().count()).unwrap_or(0) };
    let start = to_char(pos.col);
    let mut end = if pos.end_line == pos.line { to_char(pos.end_col) } else { trunc + stripped.chars().count() };
    if end < start {
        end = start;
    }
    let mut anchors = None;
    if pos.end_line == pos.line && pos.anchor_kind != 0 {
        let (le, rs) = pos.anchor;
        let bytes = line.as_bytes();
        if pos.anchor_kind == 2 {
            anchors = Some((to_char(le), to_char(rs)));
        } else {
            let mut i = le as usize;
            while i < rs as usize && i < bytes.len() {
                if !(bytes[i] as char).is_whitespace() {
                    let mut j = i + 1;
                    if j < rs as usize && j < bytes.len() && !(bytes[j] as char).is_whitespace() {
                        j += 1;
                    }
                    anchors = Some((to_char(i as u32), to_char(j as u32)));
                    break;
                }
                i += 1;
            }
        }
    }
    if end - start >= stripped.chars().count() && anchors.is_none() {
        return;
    }
    let mut caret = String::from("    ");
    caret.push_str(&" ".repeat(start.saturating_sub(trunc)));
    match anchors {
        Some((l, r)) => {
            let l = l.clamp(start, end);
            let r = r.clamp(l, end);
            caret.push_str(&"~".repeat(l - start));
            caret.push_str(&"^".repeat(r - l));
            caret.push_str(&"~".repeat(end - r));
        }
        None => caret.push_str(&"^".repeat(end - start)),
    }
    out.push_str(&caret);
    out.push('\n');
}
