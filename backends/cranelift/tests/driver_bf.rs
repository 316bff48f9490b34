//! End to end: the Brainfuck interpreter's test programs run through the
//! real JIT driver with the Cranelift backend installed, at eager
//! thresholds (loops and bridges compile), and must print exactly what the
//! interpreter prints with the JIT off.

use kiln::driver::{self, JitParams};
use kiln_bf::{parse, run, Input, Output, RunOptions};
use kiln_cranelift::CraneliftBackend;
use std::path::PathBuf;

fn programs() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../interpreters/bf/tests/programs");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "b"))
        .filter(|p| !p.file_stem().unwrap().to_str().unwrap().starts_with("err_"))
        .collect();
    v.sort();
    v
}

fn run_with(path: &PathBuf, params: JitParams, cranelift: bool) -> (Vec<u8>, kiln::JitStats) {
    driver::reset();
    driver::set_params(params);
    if cranelift {
        driver::set_backend(Box::new(CraneliftBackend::new().unwrap()));
    }
    let src = std::fs::read_to_string(path).unwrap();
    let prog = parse(&src).unwrap();
    let input = std::fs::read(path.with_extension("in")).unwrap_or_default();
    let out = run(&prog, Input::Bytes(input, 0), Output::Buffer(Vec::new()), &RunOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let Output::Buffer(bytes) = out else { unreachable!() };
    (bytes, driver::stats())
}

#[test]
fn bf_programs_agree_with_the_jit_off() {
    let mut loops = 0;
    let mut bridges = 0;
    let mut seconds = 0.0;
    for p in programs() {
        let (off, _) = run_with(&p, JitParams { enabled: false, ..JitParams::default() }, false);
        for (threshold, bridge_threshold) in [(200, 40), (1, 1), (3, 2)] {
            let params = JitParams { threshold, bridge_threshold, ..JitParams::default() };
            let (on, stats) = run_with(&p, params, true);
            assert_eq!(off, on, "{}: output differs with Cranelift at threshold {threshold}", p.display());
            assert_eq!(stats.compile_errors, 0, "{}", stats.report());
            loops += stats.loops_compiled;
            bridges += stats.bridges_compiled;
            seconds += stats.seconds_compiling;
        }
    }
    assert!(loops > 0 && bridges > 0, "nothing was compiled ({loops} loops, {bridges} bridges)");
    eprintln!(
        "bf: {loops} loops and {bridges} bridges compiled by Cranelift, {:.0} µs per trace on average",
        seconds * 1e6 / (loops + bridges) as f64
    );
}
