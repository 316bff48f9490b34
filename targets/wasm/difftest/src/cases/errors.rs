//! Malformed traces and compile infos are reported as errors, never panics;
//! on wasm32 the backend keeps working after errors, code outlives the
//! backend, table slots are reused, and the caps evict the least recently
//! entered trace.

use crate::harness::*;
use kiln::backend::CompileInfo;
use kiln::eval::default_exits;

fn compile_with(text: &str, edit: impl FnOnce(&mut CompileInfo)) -> Result<(), String> {
    setup();
    let arena = Arena::new();
    let trace = kiln::ir::parse::parse(&arena, TraceKind::Loop, text).expect("test traces parse");
    let flag = 0u64;
    let mut info = CompileInfo { trace_id: 0, guards: default_exits(&trace), invalidated_flag: &flag, links: kiln::backend::Links::default() };
    edit(&mut info);
    kiln_wasm::emit(&trace, &info).map(|_| ())
}

fn expect_err(text: &str, edit: impl FnOnce(&mut CompileInfo), needle: &str) {
    match compile_with(text, edit) {
        Ok(()) => panic!("expected an error containing {needle:?} for\n{text}"),
        Err(e) => assert!(e.contains(needle), "error {e:?} does not mention {needle:?}"),
    }
}

pub fn malformed_traces_are_errors() {
    expect_err("[i0]\ni1 = call(i0, descr=f2)\nfinish(i1)", |_| {}, "takes 2 arguments");
    expect_err("[i0]\njump(i0, descr=self)", |_| {}, "without a label");
    expect_err("[i0]\nlabel(i0)\njump(i0, 1, descr=self)", |_| {}, "label takes 1");
    expect_err("[i0]\nr1 = new(descr=Words)\nfinish(r1)", |_| {}, "variable-sized");
    expect_err("[i0]\nr1 = new_array(i0, descr=Obj)\nfinish(r1)", |_| {}, "not variable-sized");
    expect_err("[r0]\ni1 = getfield(r0, descr=f2)\nfinish(i1)", |_| {}, "descriptor");
    expect_err("[r0]\ni1 = getarrayitem(r0, 0, descr=Obj.i8)\nfinish(i1)", |_| {}, "descriptor");
    expect_err("[i0]\nfinish(i0)\ni1 = int_add(i0, 1)\nfinish(i1)", |_| {}, "last op");
    expect_err("[i0]\ni1 = int_add(i0, 1)", |_| {}, "must end with");
}

pub fn malformed_compile_infos_are_errors() {
    let text = "[i0, i1]\ni2 = int_lt(i0, i1)\nguard_true(i2) [0,0: i0]\nguard_not_invalidated() [0,0: i1]\nfinish(i0)";
    assert!(compile_with(text, |_| {}).is_ok());
    expect_err(text, |i| i.guards.pop().map(|_| ()).unwrap(), "guards");
    expect_err(text, |i| i.guards[0].fail_args.push(Operand::Op(3)), "not defined before");
    expect_err(text, |i| i.guards[0].fail_args.push(Operand::Virtual(0)), "virtual");
    expect_err(text, |i| i.guards[1].fail_args = vec![Operand::Op(3)], "no value");
    expect_err(text, |i| i.invalidated_flag = std::ptr::null(), "invalidated_flag");
}

pub fn huge_traces_are_errors_not_invalid_modules() {
    let mut text = String::from("[i0]\n");
    for k in 1..=50_001 {
        text.push_str(&format!("i{k} = int_add(i{}, 1)\n", k - 1));
    }
    text.push_str("finish(i50001)");
    expect_err(&text, |_| {}, "at most");
}

#[cfg(target_arch = "wasm32")]
mod linked {
    use super::*;
    use kiln::backend::{Backend, CompiledCode};
    use kiln_wasm::{Limits, WasmBackend};

    fn parse_and_compile(b: &mut WasmBackend, id: u32, text: &str) -> Result<std::rc::Rc<kiln_wasm::WasmCode>, String> {
        setup();
        let arena = Arena::new();
        let t = kiln::ir::parse::parse(&arena, TraceKind::Loop, text).unwrap();
        let info = CompileInfo { trace_id: id, guards: default_exits(&t), invalidated_flag: &0u64, links: kiln::backend::Links::default() };
        b.compile_trace(&t, &info)
    }

    fn run1(code: &dyn CompiledCode, x: u64) -> u64 {
        let mut buf = [x, 0];
        let exit = unsafe { code.run(kiln::ctx::ctx_ptr(), buf.as_mut_ptr()) };
        assert_eq!(Exit::decode(exit), Exit::Finish);
        buf[0]
    }

    pub fn the_backend_recovers_after_errors() {
        let mut backend = WasmBackend::new().unwrap();
        for round in 0..3 {
            assert!(parse_and_compile(&mut backend, round, "[i0]\ni1 = call(i0, descr=f3)\nfinish(i1)").is_err());
            let code = parse_and_compile(&mut backend, round, "[i0]\ni1 = int_mul(i0, 3)\nfinish(i1)").unwrap();
            assert_eq!(run1(&*code, 7), 21);
        }
        assert_eq!(backend.traces_compiled(), 3);
    }

    pub fn code_outlives_the_backend_and_slots_are_reused() {
        let code = {
            let mut b = WasmBackend::new().unwrap();
            parse_and_compile(&mut b, 0, "[i0]\ni1 = int_add(i0, 1)\nfinish(i1)").unwrap()
        };
        assert_eq!(run1(&*code, 41), 42);
        assert!(code.code_size() > 0);
        let mut b = WasmBackend::new().unwrap();
        let first = parse_and_compile(&mut b, 0, "[i0]\ni1 = int_add(i0, 2)\nfinish(i1)").unwrap();
        let slot = first.slot();
        drop(first);
        let second = parse_and_compile(&mut b, 1, "[i0]\ni1 = int_add(i0, 3)\nfinish(i1)").unwrap();
        assert_eq!(second.slot(), slot, "the freed slot is reused");
        assert_eq!(run1(&*second, 1), 4);
    }

    pub fn caps_evict_the_least_recently_entered_trace() {
        let mut b = WasmBackend::with_limits(Limits { max_modules: 2, max_bytes: usize::MAX }).unwrap();
        let t0 = parse_and_compile(&mut b, 10, "[i0]\ni1 = int_add(i0, 1)\nfinish(i1)").unwrap();
        let t1 = parse_and_compile(&mut b, 11, "[i0]\ni1 = int_add(i0, 2)\nfinish(i1)").unwrap();
        assert!(b.take_evicted().is_empty());
        run1(&*t1, 0);
        run1(&*t0, 0);
        // t1 was entered before t0: it goes.
        let t2 = parse_and_compile(&mut b, 12, "[i0]\ni1 = int_add(i0, 3)\nfinish(i1)").unwrap();
        assert_eq!(b.take_evicted(), vec![11]);
        // Until the driver drops it, it still runs.
        assert_eq!(run1(&*t1, 0), 2);
        drop(t1);
        assert_eq!(b.live().0, 2);
        // A byte cap: the new module alone is over it, so all others go.
        let mut small = WasmBackend::with_limits(Limits { max_modules: 100, max_bytes: 1 }).unwrap();
        let _a = parse_and_compile(&mut small, 1, "[i0]\ni1 = int_add(i0, 1)\nfinish(i1)").unwrap();
        let _b = parse_and_compile(&mut small, 2, "[i0]\ni1 = int_add(i0, 1)\nfinish(i1)").unwrap();
        let _c = parse_and_compile(&mut small, 3, "[i0]\ni1 = int_add(i0, 1)\nfinish(i1)").unwrap();
        assert_eq!(small.take_evicted(), vec![1, 2]);
        assert_eq!((run1(&*t0, 5), run1(&*t2, 5)), (6, 8));
    }
}

/// The cases of this file, by name.
pub const CASES: &[(&str, fn())] = &[
    ("errors::malformed_traces_are_errors", malformed_traces_are_errors),
    ("errors::malformed_compile_infos_are_errors", malformed_compile_infos_are_errors),
    ("errors::huge_traces_are_errors_not_invalid_modules", huge_traces_are_errors_not_invalid_modules),
    #[cfg(target_arch = "wasm32")]
    ("errors::the_backend_recovers_after_errors", linked::the_backend_recovers_after_errors),
    #[cfg(target_arch = "wasm32")]
    ("errors::code_outlives_the_backend_and_slots_are_reused", linked::code_outlives_the_backend_and_slots_are_reused),
    #[cfg(target_arch = "wasm32")]
    ("errors::caps_evict_the_least_recently_entered_trace", linked::caps_evict_the_least_recently_entered_trace),
];
