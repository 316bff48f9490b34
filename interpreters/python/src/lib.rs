//! Python 3 on Kiln.
//!
//! Source is parsed by `ruff_python_parser`, compiled by [`compiler`] to
//! Kiln's own bytecode ([`bytecode`]) and run by the interpreter in
//! [`interp`], whose handlers are written once over `kiln::Mode` so that
//! the same code is the interpreter and the JIT's tracer. [`runtime`] is
//! the object model and the protocols, [`builtins`] and [`modules`] the
//! built-in functions and modules. See docs/python-design.md.
//!
//! Entry points: [`run_source`] runs a program with given output streams
//! and returns its exit code (what `kpy` and the tests use); [`Session`]
//! keeps one live interpreter (the REPL). Embedders without `std::fs`
//! (wasm32) supply files and stdin through [`host`].

pub mod builtins;
pub mod bytecode;
pub mod compiler;
pub mod host;
pub mod interp;
pub mod modules;
mod numlit;
pub mod object;
pub mod runtime;
pub mod syntax;
pub mod value;

use runtime::{self as rt, vm, PyResult};
use std::io::Write;
use value::{ObjRef, Value};

/// How to run a program.
#[derive(Clone, Debug, Default)]
pub struct RunConfig {
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// Describe green keys in JIT logs.
    pub describe: bool,
    /// Print expression statement results (interactive mode).
    pub interactive: bool,
    /// Lines that `input()` reads instead of the process's stdin (`Some(vec![])`
    /// behaves like `< /dev/null`).
    pub stdin: Option<Vec<String>>,
}

/// Runs a program: `source` read from `path` (as shown in tracebacks).
/// Returns the process exit code, as CPython would.
pub fn run_source(source: &str, path: &str, cfg: &RunConfig, out: Box<dyn Write>, err: Box<dyn Write>) -> i32 {
    let mut session = Session::new(path, cfg, out, err);
    let code = session.run(source, path);
    drop(session);
    code
}

/// A live interpreter (one per thread): used by `run_source` and the REPL.
pub struct Session {
    main: ObjRef,
}

impl Session {
    pub fn new(path: &str, cfg: &RunConfig, out: Box<dyn Write>, err: Box<dyn Write>) -> Session {
        if rt::vm_exists() {
            rt::shutdown();
        }
        rt::init(out, err);
        let vm = vm();
        vm.argv = if cfg.argv.is_empty() { vec![path.to_string()] } else { cfg.argv.clone() };
        vm.stdin_lines = cfg.stdin.clone();
        vm.script_dir = match path.rfind('/') {
            Some(i) => path[..i].to_string(),
            None => String::new(),
        };
        if let Some(Value { .. }) = rt::as_dict(vm.modules.val()).and_then(|m| m.get(rt::new_str("sys")).ok().flatten()) {
            let sys = rt::as_dict(vm.modules.val()).and_then(|m| m.get(rt::new_str("sys")).ok().flatten()).unwrap_or(Value::NONE);
            let argv: Vec<Value> = vm.argv.iter().map(|a| rt::new_str(a)).collect();
            let _ = rt::attr::setattr(sys, rt::intern("argv"), rt::new_list(argv));
            let _ = rt::attr::setattr(sys, rt::intern("path"), rt::new_list(vec![rt::new_str(&vm.script_dir)]));
        }
        if cfg.describe {
            kiln::driver::set_describer(interp::driver::describe);
        }
        let (m, d) = modules::new_module("__main__");
        modules::add_value(d, "__builtins__", vm.builtins.val());
        modules::add_value(d, "__file__", rt::new_str(path));
        vm.main_module = Some(m.objref());
        Session { main: d }
    }

    /// Runs `source` in `__main__`; returns the exit code.
    pub fn run(&mut self, source: &str, path: &str) -> i32 {
        let code = match run_module_source(source, path, self.main, false) {
            Ok(_) => 0,
            Err(e) => handle_uncaught(e),
        };
        rt::flush();
        code
    }

    /// Runs one interactive input; returns false on SystemExit (with its code).
    pub fn run_interactive(&mut self, source: &str) -> Result<(), i32> {
        let r = run_module_source(source, "<stdin>", self.main, true);
        let out = match r {
            Ok(_) => Ok(()),
            Err(e) => {
                if rt::types::isinstance(e.val(), vm().t.system_exit) {
                    Err(handle_uncaught(e))
                } else {
                    handle_uncaught(e);
                    Ok(())
                }
            }
        };
        rt::flush();
        out
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        rt::flush();
        rt::shutdown();
    }
}

/// Prints an uncaught exception (or handles SystemExit); returns the exit code.
fn handle_uncaught(e: ObjRef) -> i32 {
    let vm = vm();
    rt::flush();
    if rt::types::isinstance(e.val(), vm.t.system_exit) {
        let args = rt::exc_args(e);
        let code = args.first().copied().unwrap_or(Value::NONE);
        if code.is_none() {
            return 0;
        }
        if let Some(i) = code.as_int() {
            return (i & 0xff) as i32;
        }
        let s = rt::repr::str(code).unwrap_or_default();
        rt::write_err(&format!("{s}\n"));
        return 1;
    }
    rt::print_exception(e);
    1
}

/// Parses, compiles and runs source as a module whose globals are `globals`.
pub fn run_module_source(source: &str, filename: &str, globals: ObjRef, interactive: bool) -> PyResult<Value> {
    let vm = vm();
    vm.sources.insert(filename.to_string(), source.to_string());
    let code = compile_source(source, filename, interactive)?;
    let func = interp::build::make_function(code, 0, globals)?;
    let frame = interp::frame::Frame::new(code, func, globals.val(), globals);
    if vm.frames.is_empty() {
        interp::run_toplevel(frame)
    } else {
        interp::run_nested(frame)
    }
}

/// Runs `code` with `globals` (and a separate namespace `locals`, or the globals).
pub fn run_code(code: &'static bytecode::Code, globals: ObjRef, locals: Value) -> PyResult<Value> {
    let func = interp::build::make_function(code, 0, globals)?;
    let ns = if locals.is_none() || locals.is_null() { globals.val() } else { locals };
    let frame = interp::frame::Frame::new(code, func, ns, globals);
    interp::run_nested(frame)
}

/// Compiles an expression for `eval()`.
pub fn compile_eval(source: &str, filename: &str) -> PyResult<&'static bytecode::Code> {
    let trimmed = source.trim_start_matches([' ', '\t']);
    match ruff_python_parser::parse_expression(trimmed) {
        Ok(p) => compiler::compile_expression(p.expr(), trimmed, filename).map_err(|e| syntax::compile_error(trimmed, filename, &e)),
        Err(e) => Err(syntax::syntax_error_object(trimmed, filename, &syntax::SyntaxIssue { msg: "invalid syntax".into(), line: 1, offset: e.location.start().to_usize() + 1, end_offset: e.location.start().to_usize() + 2, indentation: false, show_caret: true })),
    }
}

/// Compiles source to a code object, or a SyntaxError exception.
pub fn compile_source(source: &str, filename: &str, interactive: bool) -> PyResult<&'static bytecode::Code> {
    match syntax::parse(source) {
        Ok(module) => compiler::compile_module(&module, source, filename, interactive).map_err(|e| syntax::compile_error(source, filename, &e)),
        Err(e) => Err(syntax::syntax_error_object(source, filename, &e)),
    }
}

/// Runs a program on a fresh thread with a large stack (deep recursion in
/// nested interpreter loops stays safe). Returns the exit code.
#[cfg(not(target_family = "wasm"))]
pub fn run_on_big_stack<F: FnOnce() -> i32 + Send + 'static>(f: F) -> i32 {
    std::thread::Builder::new().stack_size(1 << 30).spawn(f).map(|h| h.join().unwrap_or(70)).unwrap_or(70)
}
