//! Checking emitted modules with `wasmparser`: every module the tests emit
//! is validated, and so is every module a debug build (or a build with the
//! `validate` feature) links.

use wasmparser::{Validator, WasmFeatures};

/// The Wasm features emitted modules may use: the MVP plus non-trapping
/// float-to-int conversion (`i64.trunc_sat_f64_s`, shipped everywhere since
/// 2021). Nothing else, so that every engine that runs the interpreter
/// runs its traces.
pub fn features() -> WasmFeatures {
    WasmFeatures::WASM1 | WasmFeatures::SATURATING_FLOAT_TO_INT
}

/// Validates a module; the error names the offset and the problem.
pub fn validate(bytes: &[u8]) -> Result<(), String> {
    Validator::new_with_features(features())
        .validate_all(bytes)
        .map(|_| ())
        .map_err(|e| format!("invalid Wasm module: {e}"))
}
