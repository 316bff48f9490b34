//! Every test program gives byte-identical output with the JIT off, with
//! the JIT on, and with a threshold of 1 (so that traces really compile and
//! bridges are made). These run on the IR evaluator backend; the native
//! binary's tests run the same programs through Cranelift.

use kiln::driver::{self, JitParams};
use kiln_bf::{parse, run, Input, Output, RunOptions};
use std::path::PathBuf;

fn programs() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "b"))
        .filter(|p| !p.file_stem().unwrap().to_str().unwrap().starts_with("err_"))
        .collect();
    v.sort();
    assert!(v.len() >= 6, "expected the BF test programs in {}", dir.display());
    v
}

fn run_with(path: &PathBuf, params: JitParams) -> (Vec<u8>, kiln::JitStats) {
    driver::reset();
    driver::set_params(params);
    let src = std::fs::read_to_string(path).unwrap();
    let prog = parse(&src).unwrap();
    let input = std::fs::read(path.with_extension("in")).unwrap_or_default();
    let out = run(&prog, Input::Bytes(input, 0), Output::Buffer(Vec::new()), &RunOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let Output::Buffer(bytes) = out else { unreachable!() };
    (bytes, driver::stats())
}

fn params(enabled: bool, threshold: u32, bridge_threshold: u32) -> JitParams {
    JitParams { enabled, threshold, bridge_threshold, ..JitParams::default() }
}

#[test]
fn jit_on_and_off_agree() {
    let mut compiled_somewhere = false;
    for p in programs() {
        let (off, _) = run_with(&p, params(false, 200, 40));
        let (on, _) = run_with(&p, params(true, 200, 40));
        let (eager, stats) = run_with(&p, params(true, 1, 1));
        assert_eq!(off, on, "{}: JIT on differs from JIT off", p.display());
        assert_eq!(off, eager, "{}: threshold 1 differs from JIT off", p.display());
        compiled_somewhere |= stats.loops_compiled > 0;
        if let Some(expected) = std::fs::read(p.with_extension("out")).ok() {
            assert_eq!(off, expected, "{}: wrong output", p.display());
        }
    }
    assert!(compiled_somewhere, "no loop was compiled at threshold 1");
}

#[test]
fn eager_thresholds_compile_loops_and_bridges() {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/programs/branchy.b");
    let (_, stats) = run_with(&p, params(true, 1, 1));
    assert!(stats.loops_compiled >= 1, "{}", stats.report());
    assert!(stats.bridges_compiled >= 1, "{}", stats.report());
    assert!(stats.guard_failures >= 1, "{}", stats.report());
}
