//! Random-program differential test of the JIT with the Cranelift backend:
//! generated Python programs (loops, branches, int overflow into big ints,
//! floats, exceptions, calls, attributes, globals; see
//! `interpreters/python/tests/support/pygen.rs`) must print exactly the
//! same with the JIT off, at threshold 1 and at threshold 5.
//!
//! `KILN_FUZZ_SEEDS=N` runs N programs (default 150), starting at
//! `KILN_FUZZ_START` (default 0); `KILN_FUZZ_CPYTHON=1` also compares with
//! `python3` (a conformance check of the interpreter, off by default);
//! `KILN_FUZZ_DUMP=DIR` only writes the programs to DIR (to run them with
//! `kpy`). A failing program is written to `target/fuzz-failures/SEED.py`.

#[path = "../../../interpreters/python/tests/support/corpus.rs"]
#[allow(dead_code)]
mod corpus;
#[path = "../../../interpreters/python/tests/support/pygen.rs"]
mod pygen;

use corpus::{diff, run_in_thread, Mode, Outcome};
use std::path::PathBuf;

fn cranelift() {
    let backend = kiln_cranelift::CraneliftBackend::new().expect("Cranelift backend");
    kiln::driver::set_backend(Box::new(backend));
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn compare(what: &str, reference: &Outcome, o: &Outcome) -> Option<String> {
    let mut p = String::new();
    if o.stdout != reference.stdout {
        p.push_str(&format!("  stdout differs ({what}):\n{}", diff(&reference.stdout, &o.stdout)));
    }
    if o.stderr != reference.stderr {
        p.push_str(&format!("  stderr differs ({what}):\n{}", diff(&reference.stderr, &o.stderr)));
    }
    if o.code != reference.code {
        p.push_str(&format!("  exit code {} against {} ({what})\n", o.code, reference.code));
    }
    if !o.hint_misuse.is_empty() {
        p.push_str(&format!("  hint misuse ({what}): {:?}\n", o.hint_misuse));
    }
    (!p.is_empty()).then_some(p)
}

fn cpython(src: &str) -> Option<Outcome> {
    let dir = std::env::temp_dir().join(format!("kiln-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let file = dir.join("prog.py");
    std::fs::write(&file, src).ok()?;
    let out = std::process::Command::new("python3").arg("prog.py").current_dir(&dir).output().ok()?;
    Some(Outcome {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
        hint_misuse: vec![],
    })
}

#[test]
fn random_programs_print_the_same_with_and_without_the_jit() {
    let start = env_u64("KILN_FUZZ_START", 0);
    let count = env_u64("KILN_FUZZ_SEEDS", 150);
    let with_cpython = std::env::var("KILN_FUZZ_CPYTHON").is_ok_and(|v| v == "1");
    if let Ok(dir) = std::env::var("KILN_FUZZ_DUMP") {
        std::fs::create_dir_all(&dir).expect("create the dump directory");
        for seed in start..start + count {
            std::fs::write(PathBuf::from(&dir).join(format!("{seed}.py")), pygen::program(seed)).expect("write a program");
        }
        return;
    }
    let failures_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-failures");
    let mut failures = vec![];
    let mut traced_something = 0;
    for seed in start..start + count {
        let src = pygen::program(seed);
        let off = run_in_thread(src.clone(), "prog.py".into(), Mode::Off, cranelift);
        let mut problems = String::new();
        if off.code != 0 {
            // Generated programs catch what they raise: an uncaught error
            // is a bug in the generator or the interpreter.
            problems.push_str(&format!("  exit code {} with the JIT off:\n{}\n", off.code, off.stderr));
        }
        for mode in [Mode::Eager, Mode::Threshold(5)] {
            let on = run_in_thread(src.clone(), "prog.py".into(), mode, cranelift);
            if let Some(p) = compare(&format!("{mode:?} against JIT off"), &off, &on) {
                problems.push_str(&p);
            }
        }
        if with_cpython {
            if let Some(c) = cpython(&src) {
                if let Some(p) = compare("JIT off against CPython", &c, &off) {
                    problems.push_str(&p);
                }
            }
        }
        if off.stdout.lines().count() > 2 {
            traced_something += 1;
        }
        if !problems.is_empty() {
            let _ = std::fs::create_dir_all(&failures_dir);
            let path = failures_dir.join(format!("{seed}.py"));
            let _ = std::fs::write(&path, &src);
            failures.push(format!("seed {seed} ({}):\n{problems}", path.display()));
        }
    }
    assert!(traced_something * 2 >= count, "most generated programs should run their main loop to the end");
    assert!(failures.is_empty(), "{} of {count} random programs differ:\n{}", failures.len(), failures.join("\n"));
}
