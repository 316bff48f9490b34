//! The shape of emitted modules: what they import and export, and that
//! every opcode that needs no descriptor emits a valid module. (The
//! behavioural tests, Wasm against the evaluator, run inside a wasm32
//! process: `targets/wasm/difftest`.)

use kiln::backend::CompileInfo;
use kiln::eval::default_exits;
use kiln::ir::*;
use wasmparser::{ExternalKind, Parser, Payload, TypeRef, ValType};

fn emit(text: &str) -> Result<Vec<u8>, String> {
    let arena = Arena::new();
    let trace = kiln::ir::parse::parse(&arena, TraceKind::Loop, text).map_err(|e| format!("parse: {e}"))?;
    let flag = 0u64;
    let info = CompileInfo { trace_id: 0, guards: default_exits(&trace), invalidated_flag: &flag, links: kiln::backend::Links::default() };
    let bytes = kiln_wasm::emit(&trace, &info)?;
    kiln_wasm::validate(&bytes)?;
    Ok(bytes)
}

#[test]
fn imports_memory_and_table_and_exports_the_trace_abi() {
    let bytes = emit("[i0]\nlabel(i0)\ni1 = int_add(i0, 1)\ni2 = int_lt(i1, 10)\nguard_true(i2) [0,0: i1]\njump(i1, descr=self)").unwrap();
    let mut imports = Vec::new();
    let mut exports = Vec::new();
    let mut funcs = Vec::new();
    let mut types = Vec::new();
    for payload in Parser::new(0).parse_all(&bytes) {
        match payload.unwrap() {
            Payload::ImportSection(s) => {
                for i in s.into_imports() {
                    let i = i.unwrap();
                    imports.push((i.module.to_string(), i.name.to_string(), i.ty));
                }
            }
            Payload::ExportSection(s) => {
                for e in s {
                    let e = e.unwrap();
                    exports.push((e.name.to_string(), e.kind, e.index));
                }
            }
            Payload::FunctionSection(s) => funcs.extend(s.into_iter().map(|f| f.unwrap())),
            Payload::TypeSection(s) => {
                for t in s.into_iter_err_on_gc_types() {
                    let t = t.unwrap();
                    types.push((t.params().to_vec(), t.results().to_vec()));
                }
            }
            _ => {}
        }
    }
    assert_eq!(imports.len(), 2, "{imports:?}");
    assert!(matches!(&imports[0], (m, n, TypeRef::Memory(_)) if m == "env" && n == "memory"), "{imports:?}");
    assert!(matches!(&imports[1], (m, n, TypeRef::Table(_)) if m == "env" && n == "table"), "{imports:?}");
    assert_eq!(exports, vec![(kiln_wasm::EXPORT_NAME.to_string(), ExternalKind::Func, 0)]);
    assert_eq!(funcs.len(), 1);
    // extern "C" fn(*mut JitCtx, *mut u64) -> u64 on wasm32.
    assert_eq!(types[funcs[0] as usize], (vec![ValType::I32, ValType::I32], vec![ValType::I64]));
    // Residual calls: (i64 × n) -> i64 for n = 0..=6.
    for n in 0..=6 {
        assert!(types.contains(&(vec![ValType::I64; n], vec![ValType::I64])), "no call type of arity {n}");
    }
}

#[test]
fn every_descriptorless_opcode_emits_a_valid_module() {
    let mut emitted = 0;
    for &op in Opcode::ALL {
        let text = match (op.arity(), op.class()) {
            _ if op.name() == "guard_class" => continue,
            _ if matches!(op.name(), "guard_no_overflow" | "guard_overflow") => {
                format!("[i0, i1]\ni2 = int_mul_ovf(i0, i1)\n{}() [0,0: i0, i2]\nfinish(i2)", op.name())
            }
            (Some(0), OpClass::Guard) if op.name() == "guard_exception" => "[i0]\ni1 = guard_exception() [0,0: i0]\nfinish(i1)".into(),
            (Some(0), OpClass::Guard) => format!("[i0]\n{}() [0,0: i0]\nfinish(i0)", op.name()),
            (Some(1), OpClass::Guard) => format!("[i0]\n{}(i0) [0,0: i0]\nfinish(i0)", op.name()),
            (Some(2), OpClass::Guard) => format!("[i0, i1]\n{}(i0, i1) [0,0: i0]\nfinish(i0)", op.name()),
            (Some(1), OpClass::Pure) if op.name().starts_with("float") || op.name() == "cast_float_to_int" || op.name() == "float_to_bits" => {
                let r = if matches!(op.name(), "cast_float_to_int" | "float_to_bits") { 'i' } else { 'f' };
                format!("[f0]\n{r}1 = {}(f0)\nfinish({r}1)", op.name())
            }
            (Some(1), OpClass::Pure) => {
                let r = if matches!(op.name(), "cast_int_to_float" | "bits_to_float") { 'f' } else { 'i' };
                format!("[i0]\n{r}1 = {}(i0)\nfinish({r}1)", op.name())
            }
            (Some(2), OpClass::Pure) if op.name().starts_with("float") => {
                let r = if op.returns_bool() { 'i' } else { 'f' };
                format!("[f0, f1]\n{r}2 = {}(f0, f1)\nfinish({r}2)", op.name())
            }
            (Some(2), OpClass::Pure) => format!("[i0, i1]\ni2 = {}(i0, i1)\nfinish(i2)", op.name()),
            _ => continue,
        };
        emit(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", op.name()));
        emitted += 1;
    }
    assert!(emitted > 50, "only {emitted} opcodes covered");
}

#[test]
fn malformed_input_is_an_error() {
    assert!(emit("[i0]\nlabel(i0)\njump(i0, 1, descr=self)").unwrap_err().contains("label takes 1"));
    let arena = Arena::new();
    let trace = kiln::ir::parse::parse(&arena, TraceKind::Loop, "[i0]\nguard_true(i0) [0,0: i0]\nfinish(i0)").unwrap();
    let info = CompileInfo { trace_id: 0, guards: vec![], invalidated_flag: &0u64, links: kiln::backend::Links::default() };
    assert!(kiln_wasm::emit(&trace, &info).unwrap_err().contains("guards"));
    assert!(kiln_wasm::validate(b"\0asm\x01\0\0\0\x05").is_err());
}

#[test]
fn the_backend_needs_a_wasm32_process() {
    assert!(kiln_wasm::WasmBackend::new().is_err());
}
