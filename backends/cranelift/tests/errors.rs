//! Malformed traces and compile infos are reported as errors, never panics,
//! and the backend keeps working afterwards.

mod common;
use common::*;
use kiln::backend::{Backend, CompileInfo, Exit, GuardExit};
use kiln::eval::default_exits;
use kiln::ir::*;
use kiln_cranelift::CraneliftBackend;

fn compile_with(text: &str, edit: impl FnOnce(&mut CompileInfo)) -> Result<(), String> {
    setup();
    let arena = Arena::new();
    let trace = kiln::ir::parse::parse(&arena, TraceKind::Loop, text).expect("test traces parse");
    let flag = 0u64;
    let mut info = CompileInfo { trace_id: 0, guards: default_exits(&trace), invalidated_flag: &flag, links: kiln::backend::Links::default() };
    edit(&mut info);
    CraneliftBackend::new()?.compile(&trace, &info).map(|_| ())
}

fn expect_err(text: &str, edit: impl FnOnce(&mut CompileInfo), needle: &str) {
    match compile_with(text, edit) {
        Ok(()) => panic!("expected an error containing {needle:?} for\n{text}"),
        Err(e) => assert!(e.contains(needle), "error {e:?} does not mention {needle:?}"),
    }
}

#[test]
fn malformed_traces_are_errors() {
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

#[test]
fn malformed_compile_infos_are_errors() {
    let text = "[i0, i1]\ni2 = int_lt(i0, i1)\nguard_true(i2) [0,0: i0]\nguard_not_invalidated() [0,0: i1]\nfinish(i0)";
    assert!(compile_with(text, |_| {}).is_ok());
    expect_err(text, |i| i.guards.pop().map(|_| ()).unwrap(), "guards");
    expect_err(text, |i| i.guards[0].fail_args.push(Operand::Op(3)), "not defined before");
    expect_err(text, |i| i.guards[0].fail_args.push(Operand::Virtual(0)), "virtual");
    expect_err(text, |i| i.guards[1].fail_args = vec![Operand::Op(3)], "no value");
    expect_err(text, |i| i.invalidated_flag = std::ptr::null(), "invalidated_flag");
}

#[test]
fn the_backend_recovers_after_errors() {
    setup();
    let mut backend = CraneliftBackend::new().unwrap();
    let flag = 0u64;
    for round in 0..3 {
        let arena = Arena::new();
        let bad = kiln::ir::parse::parse(&arena, TraceKind::Loop, "[i0]\ni1 = call(i0, descr=f3)\nfinish(i1)").unwrap();
        let info = CompileInfo { trace_id: round, guards: vec![], invalidated_flag: &flag, links: kiln::backend::Links::default() };
        assert!(backend.compile(&bad, &info).is_err());
        let good = kiln::ir::parse::parse(&arena, TraceKind::Loop, "[i0]\ni1 = int_mul(i0, 3)\nfinish(i1)").unwrap();
        let code = backend.compile(&good, &info).unwrap();
        let mut buf = [7u64, 0];
        let exit = unsafe { code.run(kiln::ctx::ctx_ptr(), buf.as_mut_ptr()) };
        assert_eq!((Exit::decode(exit), buf[0]), (Exit::Finish, 21));
    }
    assert_eq!(backend.traces_compiled(), 3);
}

#[test]
fn code_outlives_the_backend() {
    // Compiled code keeps its executable memory alive after the backend is
    // dropped (the driver may replace the backend while traces exist).
    setup();
    let arena = Arena::new();
    let t = kiln::ir::parse::parse(&arena, TraceKind::Loop, "[i0]\ni1 = int_add(i0, 1)\nfinish(i1)").unwrap();
    let flag = 0u64;
    let info = CompileInfo { trace_id: 0, guards: vec![], invalidated_flag: &flag, links: kiln::backend::Links::default() };
    let code = {
        let mut b = CraneliftBackend::new().unwrap();
        b.compile(&t, &info).unwrap()
    };
    let mut buf = [41u64];
    assert_eq!(Exit::decode(unsafe { code.run(kiln::ctx::ctx_ptr(), buf.as_mut_ptr()) }), Exit::Finish);
    assert_eq!(buf[0], 42);
    assert!(code.code_size() > 0);
}

#[test]
fn clif_is_available_for_debugging() {
    setup();
    let arena = Arena::new();
    let t = kiln::ir::parse::parse(
        &arena,
        TraceKind::Loop,
        "[i0]\nlabel(i0)\ni1 = int_add(i0, 1)\ni2 = int_lt(i1, 9)\nguard_true(i2) [0,0: i1]\njump(i1, descr=self)",
    )
    .unwrap();
    let flag = 0u64;
    let info = CompileInfo {
        trace_id: 0,
        guards: vec![GuardExit { id: 5, fail_args: vec![Operand::Op(2)] }],
        invalidated_flag: &flag,
        links: kiln::backend::Links::default(),
    };
    let text = CraneliftBackend::new().unwrap().clif(&t, &info).unwrap();
    assert!(text.contains("brif") && text.contains("cold"), "{text}");
}
