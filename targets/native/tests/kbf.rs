//! The `kbf` binary: every BF test program prints byte-identical output with
//! the JIT off, on, and at threshold 1 (through Cranelift), and bad input
//! gives a clear error and exit code, never a panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn kbf() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kbf"))
}

fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../interpreters/bf/tests/programs")
}

fn run(args: &[&str], program: &Path) -> Output {
    let input = std::fs::read(program.with_extension("in")).unwrap_or_default();
    let mut child = kbf().args(args).arg(program).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn programs_print_the_same_with_and_without_the_jit() {
    let mut programs: Vec<PathBuf> = std::fs::read_dir(programs_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "b") && !p.file_name().unwrap().to_str().unwrap().starts_with("err_"))
        .collect();
    programs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../benches/bf/nested_loops.b"));
    programs.sort();
    for p in &programs {
        let off = run(&["--jit=off"], p);
        assert!(off.status.success(), "{}: {}", p.display(), String::from_utf8_lossy(&off.stderr));
        for args in [&["--jit=on"][..], &["--jit-threshold", "1"][..], &["--jit-threshold", "3", "--jit-bridge-threshold", "1"][..]] {
            let on = run(args, p);
            assert!(on.status.success(), "{} {args:?}: {}", p.display(), String::from_utf8_lossy(&on.stderr));
            assert_eq!(off.stdout, on.stdout, "{} {args:?}: output differs from --jit=off", p.display());
        }
    }
}

#[test]
fn stats_and_log_describe_what_the_jit_did() {
    let log = std::env::temp_dir().join(format!("kbf-test-{}.log", std::process::id()));
    let p = programs_dir().join("nested.b");
    let out = run(&["--jit-threshold", "2", "--jit-stats", "--jit-log", log.to_str().unwrap()], &p);
    assert!(out.status.success());
    let stats = String::from_utf8_lossy(&out.stderr);
    assert!(stats.contains("loops traced") && stats.contains("guard failures"), "{stats}");
    let compiled: u64 = stats.split("compiled ").nth(1).unwrap().split(',').next().unwrap().trim().parse().unwrap();
    assert!(compiled >= 1, "{stats}");
    let text = std::fs::read_to_string(&log).unwrap();
    let _ = std::fs::remove_file(&log);
    assert!(text.contains(": recorded,") && text.contains(": optimized,"), "{text}");
    assert!(text.contains("debug_merge_point") && text.contains("jump("), "{text}");
}

#[test]
fn bad_input_gives_clear_errors() {
    let missing = kbf().arg("/nonexistent/prog.b").output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read /nonexistent/prog.b"));

    let unbalanced = run(&[], &programs_dir().join("err_unbalanced.b"));
    assert_eq!(unbalanced.status.code(), Some(2));
    let msg = String::from_utf8_lossy(&unbalanced.stderr);
    assert!(msg.contains("unmatched '['") && msg.contains("err_unbalanced.b:2:2"), "{msg}");

    for args in [&["--jit=off"][..], &["--jit-threshold", "1"][..]] {
        let under = run(args, &programs_dir().join("err_underflow.b"));
        assert_eq!(under.status.code(), Some(1));
        let msg = String::from_utf8_lossy(&under.stderr);
        assert!(msg.contains("left of the first cell"), "{msg}");
        assert!(!msg.contains("panicked"), "{msg}");
    }

    let bad_flag = kbf().args(["--jit=maybe", "x.b"]).output().unwrap();
    assert_eq!(bad_flag.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_flag.stderr).contains("expected 'on' or 'off'"));
}
