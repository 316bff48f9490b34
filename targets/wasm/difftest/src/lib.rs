//! Differential tests of the Wasm backend (`kiln-wasm`) against the IR
//! evaluator, written to run *inside* a wasm32 process, where emitted
//! modules can be linked and run: `targets/wasm/tests/difftest.test.mjs`
//! loads this crate's wasm-bindgen build in Node and runs every case.
//!
//! The cases are the Cranelift backend's IR-text tests, adapted
//! ([`harness`] and `cases/*`): each compiles traces with both the
//! evaluator and the Wasm backend, runs both from the same state and
//! compares exit codes, buffers, memory, `JitCtx` and residual calls. On
//! top, `cases/bf.rs` runs the Brainfuck test programs through the real
//! driver with the Wasm backend (also with tiny caps, so that traces are
//! evicted). Natively (`cargo test`), the same cases emit and validate
//! every module with `wasmparser` and run only the evaluator.

pub mod harness;

pub mod cases {
    pub mod bf;
    pub mod calls;
    pub mod errors;
    pub mod float_ops;
    pub mod guards;
    pub mod int_ops;
    pub mod loops;
    pub mod memory;
    pub mod random;
    pub mod typical;
}

/// Every case, by name (`file::function`).
pub fn all_cases() -> Vec<(&'static str, fn())> {
    use cases::*;
    [int_ops::CASES, float_ops::CASES, guards::CASES, loops::CASES, memory::CASES, calls::CASES, typical::CASES, random::CASES, bf::CASES, errors::CASES]
        .concat()
}

/// Runs the case `name` (a failure panics); returns a one-line summary.
pub fn run_case(name: &str) -> Result<String, String> {
    let (_, f) = all_cases().into_iter().find(|(n, _)| *n == name).ok_or_else(|| format!("no case named {name:?}"))?;
    let before = harness::modules_validated();
    f();
    let after = harness::modules_validated();
    Ok(format!("{name}: {} modules ({} bytes) emitted and validated", after.0 - before.0, after.1 - before.1))
}

#[cfg(target_arch = "wasm32")]
mod web {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = console, js_name = error)]
        fn console_error(s: &str);
    }

    /// The names of every case.
    #[wasm_bindgen]
    pub fn cases() -> Vec<String> {
        super::all_cases().into_iter().map(|(n, _)| n.to_string()).collect()
    }

    /// Runs one case. A failing case panics: the message goes to stderr
    /// and the call traps (the instance must not be used afterwards).
    #[wasm_bindgen]
    pub fn run(name: &str) -> Result<String, String> {
        std::panic::set_hook(Box::new(|info| console_error(&format!("panicked: {info}"))));
        super::run_case(name)
    }
}
