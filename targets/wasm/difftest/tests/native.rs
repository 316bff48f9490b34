//! Natively, every differential case emits its modules and validates them
//! with wasmparser (and runs the evaluator); the behavioural comparison runs
//! in Node (`targets/wasm/tests/difftest.test.mjs`).

#[test]
fn every_case_emits_valid_modules() {
    let mut total = 0;
    for (name, _) in kiln_wasm_difftest::all_cases() {
        let summary = kiln_wasm_difftest::run_case(name).unwrap();
        eprintln!("{summary}");
        total += 1;
    }
    let (modules, bytes) = kiln_wasm_difftest::harness::modules_validated();
    eprintln!("{total} cases, {modules} modules ({bytes} bytes) validated");
    assert!(modules > 3000, "only {modules} modules were emitted");
}
