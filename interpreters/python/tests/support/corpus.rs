//! The conformance corpus runner, shared by the test targets that run the
//! corpus with each backend (`kiln-python`'s own tests use the IR evaluator,
//! `kiln-native`'s use Cranelift). Every program runs in-process with the JIT
//! off, on with the default threshold, and on with threshold 1 (every loop
//! traced at once, every failing guard bridged); stdout, exit code and stderr
//! are compared with what CPython 3.11 produced. Failures are collected and
//! reported together with diffs.

use kiln_python::{run_source, RunConfig};
use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

#[derive(Clone, Default)]
struct Buf(Rc<RefCell<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[derive(Copy, Clone, Debug)]
pub enum Mode {
    Off,
    Default,
    Eager,
    /// JIT on with this loop threshold (bridges and function entries at the
    /// same count).
    Threshold(u32),
}

pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
    pub hint_misuse: Vec<String>,
}

fn run_program(dir: &Path, name: &str, mode: Mode, backend: fn()) -> Outcome {
    let src = std::fs::read_to_string(dir.join(format!("{name}.py"))).expect("read program");
    run_in_thread(src, format!("{name}.py"), mode, backend)
}

/// Runs `src` (named `file`) on a fresh interpreter thread in `mode`.
pub fn run_in_thread(src: String, file: String, mode: Mode, backend: fn()) -> Outcome {
    let handle = std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || {
            let mut p = kiln::JitParams::default();
            match mode {
                Mode::Off => p.enabled = false,
                Mode::Default => {}
                Mode::Eager => {
                    p.threshold = 1;
                    p.bridge_threshold = 1;
                    p.function_threshold = 1;
                }
                Mode::Threshold(t) => {
                    p.threshold = t;
                    p.bridge_threshold = t;
                    p.function_threshold = t;
                }
            }
            kiln::driver::set_params(p);
            backend();
            let out = Buf::default();
            let err = Buf::default();
            let cfg = RunConfig { argv: vec![file.clone()], describe: false, interactive: false, stdin: Some(vec![]) };
            let code = run_source(&src, &file, &cfg, Box::new(out.clone()), Box::new(err.clone()));
            let stats = kiln::driver::stats();
            kiln::driver::reset();
            let hint_misuse: Vec<String> = stats.aborts.keys().filter(|r| r.starts_with("hint misuse")).cloned().collect();
            let stdout = String::from_utf8_lossy(&out.0.borrow()).into_owned();
            let stderr = String::from_utf8_lossy(&err.0.borrow()).into_owned();
            (stdout, stderr, code, hint_misuse)
        })
        .expect("spawn");
    match handle.join() {
        Ok((stdout, stderr, code, hint_misuse)) => Outcome { stdout, stderr, code, hint_misuse },
        Err(_) => Outcome { stdout: String::new(), stderr: "<the interpreter panicked>".into(), code: -1, hint_misuse: vec![] },
    }
}

fn last_line(s: &str) -> String {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").to_string()
}

pub fn diff(expected: &str, got: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let g: Vec<&str> = got.lines().collect();
    let mut out = String::new();
    let mut shown = 0;
    for i in 0..e.len().max(g.len()) {
        let (a, b) = (e.get(i).copied(), g.get(i).copied());
        if a != b {
            out.push_str(&format!("    line {}: expected {:?}\n               got {:?}\n", i + 1, a.unwrap_or("<none>"), b.unwrap_or("<none>")));
            shown += 1;
            if shown >= 3 {
                break;
            }
        }
    }
    out
}

fn check(dir: &Path, name: &str, mode: Mode, backend: fn()) -> Option<String> {
    let o = run_program(dir, name, mode, backend);
    let exp_out = std::fs::read_to_string(dir.join(format!("{name}.out"))).unwrap_or_default();
    let exp_code: i32 = std::fs::read_to_string(dir.join(format!("{name}.code"))).unwrap_or_default().trim().parse().unwrap_or(0);
    let exp_err = std::fs::read_to_string(dir.join(format!("{name}.err"))).unwrap_or_default();
    let mut problems = String::new();
    if o.stdout != exp_out {
        problems.push_str(&format!("  stdout differs:\n{}", diff(&exp_out, &o.stdout)));
    }
    if o.code != exp_code {
        problems.push_str(&format!("  exit code {} (expected {})\n", o.code, exp_code));
    }
    if last_line(&o.stderr) != exp_err.trim_end_matches('\n') {
        problems.push_str(&format!("  last stderr line {:?} (expected {:?})\n", last_line(&o.stderr), exp_err.trim_end()));
    }
    if let Ok(full) = std::fs::read_to_string(dir.join(format!("{name}.stderr"))) {
        if full != o.stderr {
            problems.push_str(&format!("  stderr differs:\n{}", diff(&full, &o.stderr)));
        }
    }
    if matches!(mode, Mode::Eager) && !o.hint_misuse.is_empty() {
        problems.push_str(&format!("  JIT aborts with hint misuse: {:?}\n", o.hint_misuse));
    }
    if problems.is_empty() {
        None
    } else {
        Some(format!("{name} [{mode:?}]\n{problems}"))
    }
}

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../interpreters/python/tests/corpus")
}

fn programs(dir: &Path) -> Vec<String> {
    let filter = std::env::var("KILN_CORPUS_FILTER").unwrap_or_default();
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .filter(|n| n.ends_with(".py") && !n.starts_with("helper_") && n != "regen.py")
        .map(|n| n.trim_end_matches(".py").to_string())
        .filter(|n| n.contains(&filter))
        .collect();
    names.sort();
    names
}

/// Programs share files in /tmp and the working directory: one mode at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs the whole corpus (or the programs whose names contain
/// `KILN_CORPUS_FILTER`) in one mode; `backend` installs the code generator
/// on the thread that runs each program.
pub fn run_mode(mode: Mode, backend: fn()) {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = corpus_dir();
    // Programs import helpers beside them and name themselves relative to
    // the corpus directory, as CPython was run to make the expectations.
    std::env::set_current_dir(&dir).expect("cd corpus");
    let names = programs(&dir);
    let mut failures = vec![];
    for n in &names {
        if let Some(f) = check(&dir, n, mode, backend) {
            failures.push(f);
        }
    }
    let passed = names.len() - failures.len();
    eprintln!("corpus [{mode:?}]: {passed} passed, {} failed", failures.len());
    if !failures.is_empty() {
        panic!("{} of {} corpus programs failed [{mode:?}]:\n{}", failures.len(), names.len(), failures.join("\n"));
    }
}

