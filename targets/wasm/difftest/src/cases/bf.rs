//! End to end: the Brainfuck interpreter's test programs run through the
//! real JIT driver with the Wasm backend installed, at eager thresholds
//! (loops and bridges compile), and must print exactly what the interpreter
//! prints with the JIT off; then again with caps so small that the backend
//! evicts traces all the time (the driver must resume correctly when code
//! jumps to an evicted loop). Natively the "on" runs use the evaluator
//! (with the same eviction policy for the capped runs).

use kiln::driver::{self, JitParams};
use kiln_bf::{parse, run, Input, Output, RunOptions};

include!(concat!(env!("OUT_DIR"), "/programs.rs"));

/// Installs the backend under test: the Wasm backend with `limits` on
/// wasm32; natively the evaluator, wrapped so that it evicts like the Wasm
/// backend when `limits` are given (oldest first, never the newest).
fn install(limits: Option<kiln_wasm::Limits>) {
    #[cfg(target_arch = "wasm32")]
    {
        let backend = kiln_wasm::WasmBackend::with_limits(limits.unwrap_or_default()).expect("the Wasm backend starts");
        driver::set_backend(Box::new(backend));
    }
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(limits) = limits {
        driver::set_backend(Box::new(native::EvictingEval { limits, live: Vec::new(), evicted: Vec::new() }));
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use kiln::backend::{Backend, CompileInfo, CompiledCode};
    use kiln::ir::Trace;
    use std::rc::Rc;

    /// The evaluator with the Wasm backend's caps (each trace counts as one
    /// module of one byte).
    pub struct EvictingEval {
        pub limits: kiln_wasm::Limits,
        pub live: Vec<u32>,
        pub evicted: Vec<u32>,
    }

    impl Backend for EvictingEval {
        fn name(&self) -> &'static str {
            "evicting-eval"
        }
        fn compile(&mut self, trace: &Trace<'_>, info: &CompileInfo) -> Result<Rc<dyn CompiledCode>, String> {
            self.live.push(info.trace_id);
            let cap = self.limits.max_modules.min(self.limits.max_bytes).max(1);
            while self.live.len() > cap {
                self.evicted.push(self.live.remove(0));
            }
            kiln::eval::EvalBackend.compile(trace, info)
        }
        fn take_evicted(&mut self) -> Vec<u32> {
            std::mem::take(&mut self.evicted)
        }
    }
}

fn run_with(name: &str, src: &str, input: &[u8], params: JitParams, limits: Option<kiln_wasm::Limits>) -> (Vec<u8>, kiln::JitStats) {
    driver::reset();
    let on = params.enabled;
    driver::set_params(params);
    if on {
        install(limits);
    }
    let prog = parse(src).unwrap_or_else(|e| panic!("{name}: {e}"));
    let out = run(&prog, Input::Bytes(input.to_vec(), 0), Output::Buffer(Vec::new()), &RunOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let Output::Buffer(bytes) = out else { unreachable!("a buffer was passed") };
    (bytes, driver::stats())
}

pub fn bf_programs_agree_with_the_jit_off() {
    let (mut loops, mut bridges) = (0, 0);
    for &(name, src, input) in PROGRAMS {
        let (off, _) = run_with(name, src, input, JitParams { enabled: false, ..JitParams::default() }, None);
        for (threshold, bridge_threshold) in [(200, 40), (1, 1), (3, 2)] {
            let params = JitParams { threshold, bridge_threshold, ..JitParams::default() };
            let (on, stats) = run_with(name, src, input, params, None);
            assert_eq!(off, on, "{name}: output differs with the JIT at threshold {threshold}");
            assert_eq!(stats.compile_errors, 0, "{name}: {}", stats.report());
            loops += stats.loops_compiled;
            bridges += stats.bridges_compiled;
        }
    }
    assert!(loops > 0 && bridges > 0, "nothing was compiled ({loops} loops, {bridges} bridges)");
    driver::reset();
}

pub fn evicting_backends_keep_outputs() {
    let caps = [
        kiln_wasm::Limits { max_modules: 1, max_bytes: usize::MAX },
        kiln_wasm::Limits { max_modules: 3, max_bytes: usize::MAX },
        kiln_wasm::Limits { max_modules: usize::MAX, max_bytes: 1 },
    ];
    let mut evictions = 0;
    for &(name, src, input) in PROGRAMS {
        let (off, _) = run_with(name, src, input, JitParams { enabled: false, ..JitParams::default() }, None);
        for limits in caps {
            for (threshold, bridge_threshold) in [(1, 1), (3, 2)] {
                let params = JitParams { threshold, bridge_threshold, ..JitParams::default() };
                let (on, stats) = run_with(name, src, input, params, Some(limits));
                assert_eq!(off, on, "{name}: output differs with the JIT at threshold {threshold} and {limits:?}");
                assert_eq!(stats.compile_errors, 0, "{name}: {}", stats.report());
                evictions += stats.evictions;
            }
        }
    }
    assert!(evictions > 0, "nothing was evicted");
    driver::reset();
}

/// The cases of this file, by name.
pub const CASES: &[(&str, fn())] = &[
    ("bf::bf_programs_agree_with_the_jit_off", bf_programs_agree_with_the_jit_off),
    ("bf::evicting_backends_keep_outputs", evicting_backends_keep_outputs),
];
