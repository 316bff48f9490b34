//! Files and standard streams: `open()` (whole-file buffers, written back
//! on close), `sys.stdout`/`sys.stderr`, reading source files and stdin.
//! Files and stdin go through `crate::host` (`std::fs` natively, the
//! embedder's hook on wasm32).

use super::*;
use crate::builtins::{kwarg, method};
use crate::object::FileData;

/// A standard stream object: 0 stdin, 1 stdout, 2 stderr.
pub fn std_stream(fd: u8) -> Value {
    let name = ["<stdin>", "<stdout>", "<stderr>"][fd as usize];
    let mode = if fd == 0 { "r" } else { "w" };
    rt::alloc(vm().t.file, Kind::File(Box::new(FileData { path: name.into(), content: vec![], pos: 0, writable: fd != 0, closed: false, mode: mode.into(), binary: false })))
}

fn file_of(v: Value) -> PyResult<&'static mut FileData> {
    match rt::kind(v) {
        Some(Kind::File(f)) => Ok(f),
        _ => Err(rt::type_error("not a file".into())),
    }
}

/// print(..., file=f) and f.write for any writable object.
pub fn write_to(f: Value, s: &str) -> PyResult<()> {
    if let Some(Kind::File(fd)) = rt::kind(f) {
        return write_file(fd, s);
    }
    let w = attr::getattr(f, rt::intern("write"))?;
    rt::call::call(w, &[rt::new_str(s)], &[])?;
    Ok(())
}

fn write_file(fd: &mut FileData, s: &str) -> PyResult<()> {
    if fd.closed {
        return Err(rt::value_error("I/O operation on closed file.".into()));
    }
    match fd.path.as_str() {
        "<stdout>" => rt::write_out(s),
        "<stderr>" => {
            rt::flush();
            rt::write_err(s);
            Ok(())
        }
        _ => {
            if !fd.writable {
                return Err(rt::new_exception(vm().t.os_error, "not writable"));
            }
            fd.content.extend_from_slice(s.as_bytes());
            Ok(())
        }
    }
}

/// A source file's text (for `import`), or `None` when it cannot be read.
pub fn read_source_file(path: &str) -> Option<String> {
    crate::host::read_file(path).ok().map(|b| String::from_utf8_lossy(&b).into_owned())
}

pub fn read_stdin_line() -> Option<String> {
    if let Some(lines) = vm().stdin_lines.as_mut() {
        if lines.is_empty() {
            return None;
        }
        return Some(lines.remove(0));
    }
    crate::host::read_line()
}

fn os_error(code: i32, msg: &str, path: &str) -> ObjRef {
    let t = &vm().t;
    let cls = match code {
        2 => t.file_not_found_error,
        13 => t.permission_error,
        21 => t.is_a_directory_error,
        17 => t.file_exists_error,
        _ => t.os_error,
    };
    rt::new_exception_args(cls, vec![Value::int(code as i64), rt::new_str(msg), rt::new_str(path)])
}

pub fn open(a: &[Value], k: crate::builtins::Kw) -> PyResult<Value> {
    let path = a.first().copied().or_else(|| kwarg(k, "file")).ok_or_else(|| rt::type_error("open() missing required argument 'file' (pos 1)".into()))?;
    let path = rt::as_str(path).map(|s| s.s.to_string()).ok_or_else(|| rt::type_error(format!("expected str, bytes or os.PathLike object, not {}", rt::type_name(path))))?;
    let mode = a.get(1).copied().or_else(|| kwarg(k, "mode")).map(|v| rt::str_of(v).to_string()).unwrap_or_else(|| "r".into());
    let binary = mode.contains('b');
    let writing = mode.contains('w') || mode.contains('a') || mode.contains('x');
    let content = if mode.contains('w') {
        if let Err(e) = crate::host::write_file(&path, b"") {
            return Err(host_error(&e, &path));
        }
        vec![]
    } else {
        match crate::host::read_file(&path) {
            Ok(b) => b,
            Err(e) => {
                if mode.contains('a') && e.errno == 2 {
                    vec![]
                } else {
                    return Err(host_error(&e, &path));
                }
            }
        }
    };
    let pos = if mode.contains('a') { content.len() } else { 0 };
    let fd = FileData { path, content, pos, writable: writing, closed: false, mode, binary };
    Ok(rt::alloc(vm().t.file, Kind::File(Box::new(fd))))
}

fn host_error(e: &crate::host::HostError, path: &str) -> ObjRef {
    os_error(e.errno, &e.message, path)
}

fn close_file(fd: &mut FileData) -> PyResult<()> {
    if fd.closed {
        return Ok(());
    }
    fd.closed = true;
    if fd.writable && !fd.path.starts_with('<') {
        if let Err(e) = crate::host::write_file(&fd.path, &fd.content) {
            return Err(host_error(&e, &fd.path));
        }
    }
    Ok(())
}

fn out_value(fd: &FileData, bytes: &[u8]) -> Value {
    if fd.binary {
        rt::new_bytes(bytes.to_vec())
    } else {
        rt::new_string(String::from_utf8_lossy(bytes).into_owned())
    }
}

fn check_open(fd: &FileData) -> PyResult<()> {
    if fd.closed {
        return Err(rt::value_error("I/O operation on closed file.".into()));
    }
    Ok(())
}

pub fn register_file_methods() {
    let t = vm().t.file;
    method(t, "write", |a, _| {
        let fd = file_of(a[0])?;
        check_open(fd)?;
        if fd.binary {
            let b = crate::builtins::bytes_like(a[1]).unwrap_or_default();
            fd.content.extend_from_slice(&b);
            return Ok(Value::int(b.len() as i64));
        }
        let s = match rt::as_str(a[1]) {
            Some(s) => s,
            None => return Err(rt::type_error(format!("write() argument must be str, not {}", rt::type_name(a[1])))),
        };
        write_file(fd, &s.s)?;
        Ok(Value::int(s.chars as i64))
    });
    method(t, "writelines", |a, _| {
        for line in crate::runtime::iter::collect(a[1])? {
            write_file(file_of(a[0])?, rt::str_of(line))?;
        }
        Ok(Value::NONE)
    });
    method(t, "read", |a, _| {
        let fd = file_of(a[0])?;
        if fd.closed {
            return Err(rt::value_error("read of closed file".into()));
        }
        let n = a.get(1).and_then(|v| v.as_int()).filter(|n| *n >= 0);
        let start = fd.pos.min(fd.content.len());
        let end = match n {
            Some(n) => (start + n as usize).min(fd.content.len()),
            None => fd.content.len(),
        };
        fd.pos = end;
        Ok(out_value(fd, &fd.content[start..end]))
    });
    method(t, "readline", |a, _| {
        let fd = file_of(a[0])?;
        check_open(fd)?;
        let start = fd.pos.min(fd.content.len());
        let end = fd.content[start..].iter().position(|&b| b == b'\n').map(|i| start + i + 1).unwrap_or(fd.content.len());
        fd.pos = end;
        Ok(out_value(fd, &fd.content[start..end]))
    });
    method(t, "readlines", |a, _| {
        let fd = file_of(a[0])?;
        check_open(fd)?;
        let start = fd.pos.min(fd.content.len());
        let text = fd.content[start..].to_vec();
        fd.pos = fd.content.len();
        let mut out = vec![];
        for chunk in text.split_inclusive(|&b| b == b'\n') {
            out.push(out_value(fd, chunk));
        }
        Ok(rt::new_list(out))
    });
    method(t, "close", |a, _| {
        close_file(file_of(a[0])?)?;
        Ok(Value::NONE)
    });
    method(t, "flush", |a, _| {
        let fd = file_of(a[0])?;
        if fd.path.starts_with('<') {
            rt::flush();
        }
        Ok(Value::NONE)
    });
    method(t, "__enter__", |a, _| Ok(a[0]));
    method(t, "__exit__", |a, _| {
        close_file(file_of(a[0])?)?;
        Ok(Value::NONE)
    });
    method(t, "seek", |a, _| {
        let fd = file_of(a[0])?;
        fd.pos = a.get(1).and_then(|v| v.as_int()).unwrap_or(0).max(0) as usize;
        Ok(Value::int(fd.pos as i64))
    });
    method(t, "tell", |a, _| Ok(Value::int(file_of(a[0])?.pos as i64)));
    method(t, "fileno", |a, _| {
        let fd = file_of(a[0])?;
        Ok(Value::int(match fd.path.as_str() {
            "<stdin>" => 0,
            "<stdout>" => 1,
            "<stderr>" => 2,
            _ => 3,
        }))
    });
    method(t, "isatty", |_, _| Ok(Value::FALSE));
    method(t, "getvalue", |a, _| {
        let fd = file_of(a[0])?;
        check_open(fd)?;
        Ok(out_value(fd, &fd.content))
    });
}

pub fn init(name: &str) -> Value {
    let (m, d) = new_module(name);
    add_fn(d, "open", "io", open);
    add_fn(d, "StringIO", "io", string_io);
    m
}

/// io.StringIO([initial]): an in-memory text file (a file object that is
/// never written back; `getvalue` returns everything written).
fn string_io(a: &[Value], k: crate::builtins::Kw) -> PyResult<Value> {
    let initial = match a.first().copied().or_else(|| kwarg(k, "initial_value")) {
        Some(v) if !v.is_none() => match rt::as_str(v) {
            Some(s) => s.s.as_bytes().to_vec(),
            None => return Err(rt::type_error(format!("initial_value must be str or None, not {}", rt::type_name(v)))),
        },
        _ => vec![],
    };
    let data = FileData { path: "<StringIO>".into(), content: initial, pos: 0, writable: true, closed: false, mode: "r+".into(), binary: false };
    Ok(rt::alloc(vm().t.file, Kind::File(Box::new(data))))
}

pub fn init_os() -> Value {
    let (m, d) = new_module("os");
    add_value(d, "sep", rt::new_str("/"));
    add_value(d, "linesep", rt::new_str("\n"));
    add_value(d, "name", rt::new_str("posix"));
    // The process environment at start-up (empty in Wasm hosts, which have none).
    let environ = rt::new_dict();
    #[cfg(not(target_family = "wasm"))]
    if let Some(e) = rt::as_dict(environ) {
        for (k, v) in std::env::vars_os() {
            let _ = e.set(rt::new_string(k.to_string_lossy().into_owned()), rt::new_string(v.to_string_lossy().into_owned()));
        }
    }
    add_value(d, "environ", environ);
    add_fn(d, "getcwd", "os", |_, _| {
        #[cfg(not(target_family = "wasm"))]
        {
            Ok(rt::new_string(std::env::current_dir().map(|p| p.display().to_string()).unwrap_or_default()))
        }
        #[cfg(target_family = "wasm")]
        {
            Ok(rt::new_str("/"))
        }
    });
    m
}
