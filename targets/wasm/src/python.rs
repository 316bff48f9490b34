//! `kpy`: runs a Python program like the native binary (`kpy FILE.py
//! [ARGS]`, `kpy -c CODE`, `kpy -m MODULE`, a program on stdin), and
//! [`KpySession`], a live interpreter that keeps its `__main__` between
//! inputs (the browser shell's Run button and REPL line).
//!
//! Files (`open()`, `import` of a `.py` beside the script) and `input()`
//! reach the JS host through `kiln_python::host`: see [`JsIo`].

use crate::cli::{self, JitArgs};
use crate::host::{self, FdWriter, Host};
use kiln_python::host::{HostError, HostIo};
use kiln_python::{RunConfig, Session};
use std::cell::{Cell, RefCell};
use std::io::{BufWriter, Read};
use wasm_bindgen::prelude::*;

const USAGE: &str = "usage: kpy [--jit=on|off] [--jit-threshold N] [--jit-bridge-threshold N] [--jit-stats] [--jit-log FILE] [-c CODE | -m MODULE | FILE | -] [ARGS]";

/// Python's view of the JS host: `readFile`, `writeFile`, stdin
/// (`read(0, max)`, split into lines here), `time` and `sleep`.
struct JsIo {
    pending: RefCell<Vec<u8>>,
    eof: Cell<bool>,
}

impl JsIo {
    fn new() -> JsIo {
        JsIo { pending: RefCell::new(Vec::new()), eof: Cell::new(false) }
    }
}

impl HostIo for JsIo {
    fn read_file(&self, path: &str) -> Result<Vec<u8>, HostError> {
        host::read_file(path).map_err(|e| HostError::parse(&e))
    }

    fn write_file(&self, path: &str, data: &[u8]) -> Result<(), HostError> {
        host::write_file(path, data).map_err(|e| HostError::parse(&e))
    }

    fn wall_time(&self) -> f64 {
        host::wall_time()
    }

    fn sleep(&self, seconds: f64) {
        host::sleep(seconds)
    }

    fn read_line(&self) -> Option<String> {
        let mut pending = self.pending.borrow_mut();
        loop {
            if let Some(i) = pending.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = pending.drain(..=i).collect();
                return Some(String::from_utf8_lossy(&line).into_owned());
            }
            if self.eof.get() {
                if pending.is_empty() {
                    return None;
                }
                let line = std::mem::take(&mut *pending);
                return Some(String::from_utf8_lossy(&line).into_owned());
            }
            let mut chunk = vec![0u8; 1 << 16];
            match host::Stdin.read(&mut chunk) {
                Ok(0) | Err(_) => self.eof.set(true),
                Ok(n) => pending.extend_from_slice(&chunk[..n]),
            }
        }
    }
}

/// Installs the JS host for the interpreter (streams, files, clock).
fn install(host: Host) {
    host::install(host);
    kiln_python::host::set_host(Some(Box::new(JsIo::new())));
}

fn uninstall() {
    kiln_python::host::set_host(None);
    host::uninstall();
}

/// Runs `kpy` with `args` (without the program name); returns the exit
/// code as the native `kpy`: the program's (0, 1 for an uncaught
/// exception, `sys.exit`'s), 2 for usage errors and unreadable scripts.
#[wasm_bindgen]
pub fn kpy(host: Host, args: Vec<String>) -> i32 {
    install(host);
    let code = main(&args);
    uninstall();
    code
}

/// What to run, from the positional arguments.
#[derive(Debug, PartialEq)]
enum Program {
    Code { code: String, argv: Vec<String> },
    Module { name: String, argv: Vec<String> },
    File { path: String, argv: Vec<String> },
    Stdin { argv: Vec<String> },
}

fn program(positional: &[String]) -> Result<Program, String> {
    let rest = |n: usize| positional.get(n..).map(<[String]>::to_vec).unwrap_or_default();
    Ok(match positional.first().map(String::as_str) {
        Some("-c") => {
            let code = positional.get(1).ok_or("argument expected for the -c option")?.clone();
            let mut argv = vec!["-c".to_string()];
            argv.extend(rest(2));
            Program::Code { code, argv }
        }
        Some("-m") => {
            let name = positional.get(1).ok_or("argument expected for the -m option")?.clone();
            let mut argv = vec![name.clone()];
            argv.extend(rest(2));
            Program::Module { name, argv }
        }
        Some("-") | None => {
            let mut argv = vec!["-".to_string()];
            argv.extend(rest(1));
            Program::Stdin { argv }
        }
        Some(opt) if opt.starts_with('-') && opt.len() > 1 => return Err(format!("unknown option {opt:?}")),
        Some(path) => Program::File { path: path.to_string(), argv: positional.to_vec() },
    })
}

fn main(args: &[String]) -> i32 {
    match args.first().map(String::as_str) {
        Some("--version" | "-V") => {
            host::write_fd(1, format!("kpy {} (Kiln, wasm32)\n", env!("CARGO_PKG_VERSION")).as_bytes());
            return 0;
        }
        Some("--help" | "-h") => {
            host::write_fd(1, format!("{USAGE}\n").as_bytes());
            return 0;
        }
        _ => {}
    }
    let parsed = cli::parse(args).and_then(|a| Ok((program(&a.positional)?, a.jit)));
    let (prog, jit) = match parsed {
        Ok(p) => p,
        Err(e) => {
            host::eprintln(&format!("kpy: {e}\n{USAGE}"));
            return 2;
        }
    };
    if jit.params().enabled {
        warm_up_jit();
    }
    if let Err(e) = jit.apply() {
        host::eprintln(&format!("kpy: {e}"));
        return 2;
    }
    let describe = jit.log.is_some();
    let (source, path, argv) = match prog {
        Program::Code { code, argv } => (code, "<string>".to_string(), argv),
        Program::Module { name, argv } => {
            if !kiln_python::modules::is_builtin_module(&name) {
                host::eprintln(&format!("kpy: No module named {name}"));
                return 1;
            }
            (format!("import {name}\n"), "<string>".to_string(), argv)
        }
        Program::File { path, argv } => match host::read_file(&path) {
            Ok(bytes) => (String::from_utf8_lossy(&bytes).into_owned(), path, argv),
            Err(e) => {
                let e = HostError::parse(&e);
                host::eprintln(&format!("kpy: can't open file '{path}': [Errno {}] {}", e.errno, e.message));
                return 2;
            }
        },
        Program::Stdin { argv } => {
            let mut src = Vec::new();
            let _ = host::Stdin.read_to_end(&mut src);
            (String::from_utf8_lossy(&src).into_owned(), "<stdin>".to_string(), argv)
        }
    };
    let out = Box::new(BufWriter::with_capacity(1 << 16, FdWriter(1)));
    let err = Box::new(FdWriter(2));
    let cfg = RunConfig { argv, describe, interactive: false, stdin: None };
    // As kiln_python::run_source, with two changes for start-up time. The
    // host is told when the interpreter is initialized and the program is
    // about to run: kpy.mjs then switches V8 from baseline to optimizing
    // compilation for every function not compiled yet, so that code run
    // once (initialization) stays cheap to compile while the interpreter
    // loop gets optimized code (V8 cannot replace a running Wasm function).
    // Before that, the program is compiled once and the result dropped, so
    // that the parser and bytecode compiler (large, and used once per
    // module) are compiled by the baseline tier too: 0.2 s less start-up.
    next_interpreter(); // ends any KpySession: this instance has one interpreter
    let mut session = Session::new(&path, &cfg, out, err);
    let _ = kiln_python::compile_source(&source, &path, false);
    host::ready();
    let code = session.run(&source, &path);
    // The process ends next: skip tearing the heap down (output is flushed).
    std::mem::forget(session);
    jit.finish();
    code
}

/// A loop that makes the JIT record, optimize, emit, link and run a trace
/// (with a call and float arithmetic). Small on purpose: what matters is
/// that the JIT's main paths are compiled, and the warm-up costs start-up.
const WARM_UP: &str = "def f(x):\n    return x * 0.5\n\nt = 0\nfor i in range(3):\n    t += f(i)\n";

/// Runs [`WARM_UP`] with a JIT at threshold 1 in a throwaway interpreter,
/// before the host's `ready()`: V8 then compiles the JIT's own code (the
/// recorder, the optimizer, the Wasm emitter; large, and run in short
/// calls) with its baseline compiler, to be tiered up as it gets hot,
/// rather than with the optimizing one on first use in the program (about
/// 0.6 s of compilation in pystone's first hot loops). It costs a few
/// milliseconds. The JIT is reset after.
fn warm_up_jit() {
    if JitArgs::default().apply().is_err() {
        return;
    }
    kiln::driver::set_params(kiln::JitParams { threshold: 1, bridge_threshold: 1, function_threshold: 1, ..JitArgs::default().params() });
    let cfg = RunConfig { argv: vec![String::new()], describe: false, interactive: false, stdin: Some(vec![]) };
    next_interpreter();
    let mut s = Session::new("<warm-up>", &cfg, Box::new(std::io::sink()), Box::new(std::io::sink()));
    s.run(WARM_UP, "<warm-up>");
    drop(s);
    kiln::driver::reset();
}

thread_local! {
    /// The number of the newest interpreter (`kpy` run or session): only
    /// it is alive.
    static CURRENT: Cell<u64> = const { Cell::new(0) };
}

/// Numbers a new interpreter; older sessions stop working.
fn next_interpreter() -> u64 {
    CURRENT.with(|c| {
        c.set(c.get() + 1);
        c.get()
    })
}

/// A live Python interpreter with its own `__main__`, for a shell: run a
/// program, then evaluate inputs in its globals. There is one interpreter
/// per Wasm instance, so creating a session ends the previous one (whose
/// methods then report an error).
#[wasm_bindgen]
pub struct KpySession {
    inner: Option<Session>,
    id: u64,
    jit: JitArgs,
}

#[wasm_bindgen]
impl KpySession {
    /// Starts an interpreter with the host's streams and files. `args` are
    /// the JIT flags of `kpy` (e.g. `--jit=off`, `--jit-log jit.log`),
    /// then optionally the script name and its arguments (`sys.argv`).
    #[wasm_bindgen(constructor)]
    pub fn new(host: Host, args: Vec<String>) -> Result<KpySession, JsError> {
        let parsed = cli::parse(&args).map_err(|e| JsError::new(&format!("kpy: {e}")))?;
        install(host);
        parsed.jit.apply().map_err(|e| JsError::new(&format!("kpy: {e}")))?;
        let argv = if parsed.positional.is_empty() { vec![String::new()] } else { parsed.positional.clone() };
        let path = argv[0].clone();
        let cfg = RunConfig { argv, describe: true, interactive: true, stdin: None };
        // Lines go to the host as they are printed: a shell shows output as
        // it comes, also while a program computes without printing more.
        let out = Box::new(std::io::LineWriter::new(FdWriter(1)));
        let id = next_interpreter();
        let session = Session::new(if path.is_empty() { "<stdin>" } else { &path }, &cfg, out, Box::new(FdWriter(2)));
        Ok(KpySession { inner: Some(session), id, jit: parsed.jit })
    }

    fn live(&mut self) -> Result<&mut Session, JsError> {
        match self.inner.as_mut() {
            Some(s) if CURRENT.with(|c| c.get()) == self.id => Ok(s),
            _ => Err(JsError::new("kpy: this session has ended (a newer one replaced it)")),
        }
    }

    /// Runs `source` as a program in `__main__` (tracebacks name `path`);
    /// returns its exit code.
    #[wasm_bindgen(js_name = runProgram)]
    pub fn run_program(&mut self, source: &str, path: &str) -> Result<i32, JsError> {
        Ok(self.live()?.run(source, path))
    }

    /// Runs one interactive input (a statement, or a block): expression
    /// values are printed like the REPL. Returns the exit code if the input
    /// raised `SystemExit`, else `undefined`.
    #[wasm_bindgen(js_name = runInteractive)]
    pub fn run_interactive(&mut self, source: &str) -> Result<Option<i32>, JsError> {
        Ok(self.live()?.run_interactive(source).err())
    }

    /// Prints the JIT statistics on stderr if the flags asked for them.
    #[wasm_bindgen(js_name = printStats)]
    pub fn print_stats(&self) {
        self.jit.finish();
    }
}

impl Drop for KpySession {
    fn drop(&mut self) {
        if let Some(s) = self.inner.take() {
            if CURRENT.with(|c| c.get()) == self.id {
                drop(s);
                uninstall();
            } else {
                // A newer session already shut this interpreter down.
                std::mem::forget(s);
            }
        }
    }
}

/// Whether `source` needs more lines before it can run as one interactive
/// input (an open bracket, a block header, or a block not yet ended by an
/// empty line), as the native REPL decides.
#[wasm_bindgen(js_name = needsMoreInput)]
pub fn needs_more_input(source: &str) -> bool {
    let mut depth = 0i32;
    for c in source.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    if depth > 0 {
        return true;
    }
    let last = source.trim_end_matches('\n').lines().last().unwrap_or("");
    let lines = source.trim_end_matches('\n').lines().count();
    if last.trim_end().ends_with(':') {
        return true;
    }
    // A block continues until an empty line.
    lines > 1 && !source.ends_with("\n\n") && !last.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn picks_the_program_like_native_kpy() {
        assert_eq!(program(&s(&["-c", "print(1)", "a"])).unwrap(), Program::Code { code: "print(1)".into(), argv: s(&["-c", "a"]) });
        assert_eq!(program(&s(&["-m", "math"])).unwrap(), Program::Module { name: "math".into(), argv: s(&["math"]) });
        assert_eq!(program(&s(&["x.py", "1"])).unwrap(), Program::File { path: "x.py".into(), argv: s(&["x.py", "1"]) });
        assert_eq!(program(&[]).unwrap(), Program::Stdin { argv: s(&["-"]) });
        assert!(program(&s(&["-c"])).unwrap_err().contains("-c"));
        assert!(program(&s(&["-q", "x.py"])).unwrap_err().contains("unknown option"));
    }

    #[test]
    fn interactive_inputs_continue_like_the_native_repl() {
        assert!(!needs_more_input("x = 1\n"));
        assert!(needs_more_input("def f():\n"));
        assert!(needs_more_input("def f():\n    return 1\n"));
        assert!(!needs_more_input("def f():\n    return 1\n\n"));
        assert!(needs_more_input("print((1,\n"));
    }
}
