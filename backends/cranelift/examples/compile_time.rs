//! Benchmark: compile time of a typical 50-op loop trace at each
//! optimization level. Prints numbers; asserts nothing.
//!
//! `cargo run --release -p kiln-cranelift --example compile_time`

use kiln::backend::{Backend, CompileInfo};
use kiln::eval::default_exits;
use kiln::ir::*;
use kiln_cranelift::{Config, CraneliftBackend, OptLevel};
use std::time::Instant;

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    common::setup();
    let arena = Arena::new();
    let trace = parse::parse(&arena, TraceKind::Loop, common::TYPICAL).expect("typical trace parses");
    let ops = trace.num_real_ops();
    let flag = 0u64;
    let info = CompileInfo { trace_id: 0, guards: default_exits(&trace), invalidated_flag: &flag, links: kiln::backend::Links::default() };
    for (name, config) in [
        ("speed", Config::default()),
        ("none", Config { opt_level: OptLevel::None, ..Config::default() }),
        ("speed+verifier", Config { verify: true, ..Config::default() }),
    ] {
        let mut backend = CraneliftBackend::with_config(&config).expect("host ISA");
        backend.compile(&trace, &info).expect("compiles");
        let n = 200;
        let t = Instant::now();
        let mut size = 0;
        for _ in 0..n {
            size = backend.compile(&trace, &info).expect("compiles").code_size();
        }
        let secs = t.elapsed().as_secs_f64() / n as f64;
        println!("{ops}-op trace, opt_level={name}: {:.1} µs per compile, {size} bytes of code", secs * 1e6);
    }
}
