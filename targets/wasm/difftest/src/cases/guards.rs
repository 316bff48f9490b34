//! Every guard kind, passing and failing, with fail arguments of every
//! type (and constants in snapshots, which are not stored).

use crate::harness::*;
use kiln::backend::Exit;

/// A prefix computing values of every type that snapshots then carry.
const PREFIX: &str = "[i0, f1, r2, i3]
i4 = int_add(i0, 1000)
f5 = float_mul(f1, 3.0)
i6 = int_lt(i0, i3)
f7 = cast_int_to_float(i3)";
const SNAP: &str = "[1,2: i0, f1, r2, 7, i4, f5] [3,4: i6, f7, 2.5, null, r2, i3]";

fn run(guard: &str, env: &Env) -> (Exit, Vec<u64>) {
    let text = format!("{PREFIX}\n{guard} {SNAP}\nfinish(i4, f5, r2)");
    compile(&text).outcome(env)
}

fn env(i0: i64, i3: i64, r2: usize) -> Env {
    Env::new(&[i0 as u64, f(1.25), r2 as u64, i3 as u64])
}

/// The fail arguments every failing guard here stores, in order.
fn fail_values(i0: i64, i3: i64, r2: usize) -> Vec<u64> {
    vec![i0 as u64, f(1.25), r2 as u64, (i0 + 1000) as u64, f(3.75), (i0 < i3) as u64, f(i3 as f64), i3 as u64]
}

fn expect(guard: &str, e: &Env, pass: bool) {
    let (exit, vals) = run(guard, e);
    let (i0, i3, r2) = (e.inputs[0] as i64, e.inputs[3] as i64, e.inputs[2] as usize);
    if pass {
        assert_eq!(exit, Exit::Finish, "{guard} should pass");
        assert_eq!(vals, vec![(i0 + 1000) as u64, f(3.75), r2 as u64]);
    } else {
        assert_eq!(exit, Exit::Guard(0), "{guard} should fail");
        assert_eq!(vals, fail_values(i0, i3, r2));
    }
}

pub fn guard_true_and_false() {
    expect("guard_true(i6)", &env(1, 5, 0), true);
    expect("guard_true(i6)", &env(5, 1, 0), false);
    expect("guard_false(i6)", &env(5, 1, 0), true);
    expect("guard_false(i6)", &env(1, 5, 0), false);
    // On a full word, not only a comparison result.
    expect("guard_true(i3)", &env(1, 1 << 40, 0), true);
    expect("guard_true(i3)", &env(1, 0, 0), false);
    expect("guard_false(i3)", &env(1, i64::MIN, 0), false);
}

pub fn guard_value() {
    expect("guard_value(i3, 42)", &env(0, 42, 0), true);
    expect("guard_value(i3, 42)", &env(0, 43, 0), false);
    expect("guard_value(i3, i0)", &env(-9, -9, 0), true);
    expect("guard_value(i3, i0)", &env(-9, 9, 0), false);
    expect("guard_value(f1, 1.25)", &env(0, 0, 0), true);
    expect("guard_value(f1, 1.5)", &env(0, 0, 0), false);
    expect("guard_value(r2, null)", &env(0, 0, 0), true);
    expect("guard_value(r2, null)", &env(0, 0, 64), false);
    // guard_value compares bits: -0.0 is not 0.0 here.
    let p = compile("[f0]\nguard_value(f0, 0.0) [0,0: f0]\nfinish(f0)");
    assert_eq!(p.outcome(&Env::new(&[f(-0.0)])).0, Exit::Guard(0));
    assert_eq!(p.outcome(&Env::new(&[f(0.0)])).0, Exit::Finish);
    let p = compile("[f0]\nguard_value(f0, nan) [0,0: f0]\nfinish(f0)");
    assert_eq!(p.outcome(&Env::new(&[f(f64::NAN)])).0, Exit::Finish);
}

pub fn guard_nonnull_and_isnull() {
    let obj = new_obj();
    expect("guard_nonnull(r2)", &env(0, 0, obj), true);
    expect("guard_nonnull(r2)", &env(0, 0, 0), false);
    expect("guard_isnull(r2)", &env(0, 0, 0), true);
    expect("guard_isnull(r2)", &env(0, 0, obj), false);
}

pub fn guard_class() {
    let obj = new_obj();
    let other = kiln::gc::alloc(&OTHER);
    expect("guard_class(r2, descr=Obj)", &env(0, 0, obj), true);
    expect("guard_class(r2, descr=Obj)", &env(0, 0, other), false);
    expect("guard_class(r2, descr=Other)", &env(0, 0, other), true);
    let bytes = new_bytes(3);
    expect("guard_class(r2, descr=Obj)", &env(0, 0, bytes), false);
}

pub fn guard_overflow_kinds() {
    for (guard, a, pass) in [
        ("guard_no_overflow()", 1, true),
        ("guard_no_overflow()", i64::MAX, false),
        ("guard_overflow()", i64::MAX, true),
        ("guard_overflow()", 1, false),
    ] {
        let text = format!("{PREFIX}\ni8 = int_add_ovf(i3, 1)\n{guard} {SNAP}\nfinish(i4, f5, r2)");
        let (exit, _) = compile(&text).outcome(&env(0, a, 0));
        assert_eq!(exit == Exit::Finish, pass, "{guard} on {a}");
    }
}

pub fn guard_no_exception_and_exception() {
    let pending = |v: u64| Env { ctx: [1, v, 0], ..env(3, 4, 0) };
    // No exception pending.
    expect("guard_no_exception()", &env(3, 4, 0), true);
    expect("guard_exception()", &env(3, 4, 0), false);
    // Pending: guard_no_exception fails and leaves it pending.
    let p = compile(&format!("{PREFIX}\nguard_no_exception() {SNAP}\nfinish(i4)"));
    let r = p.check(&pending(77));
    assert_eq!(r.exit(), Exit::Guard(0));
    assert_eq!(r.ctx, [1, 77, 0]);
    // guard_exception takes it and clears it.
    let p = compile(&format!("{PREFIX}\ni8 = guard_exception() {SNAP}\nfinish(i8, i4)"));
    let r = p.check(&pending(77));
    assert_eq!(r.exit(), Exit::Finish);
    assert_eq!(&r.buf[..2], &[77, 1003]);
    assert_eq!(r.ctx, [0, 0, 0]);
}

pub fn guard_not_invalidated() {
    let p = compile(&format!("{PREFIX}\nguard_not_invalidated() {SNAP}\nfinish(i4, f5, r2)"));
    assert_eq!(p.outcome(&env(1, 2, 0)).0, Exit::Finish);
    let (exit, vals) = p.outcome(&Env { invalidated: 1, ..env(1, 2, 0) });
    assert_eq!(exit, Exit::Guard(0));
    assert_eq!(vals, fail_values(1, 2, 0));
}

pub fn guard_gc_not_due() {
    let p = compile(&format!("{PREFIX}\nguard_gc_not_due() {SNAP}\nfinish(i4, f5, r2)"));
    assert_eq!(p.outcome(&env(1, 2, 0)).0, Exit::Finish);
    let (exit, vals) = p.outcome(&Env { ctx: [0, 0, 1], ..env(1, 2, 0) });
    assert_eq!(exit, Exit::Guard(0));
    assert_eq!(vals, fail_values(1, 2, 0));
}

pub fn many_guards_each_with_its_own_exit() {
    // Ten guards in a row; input k makes guard k fail.
    let mut text = String::from("[i0, f1]\n");
    for k in 0..10 {
        text.push_str(&format!("i{} = int_ne(i0, {k})\n", 2 + 3 * k));
        text.push_str(&format!("f{} = float_add(f1, {k}.5)\n", 3 + 3 * k));
        text.push_str(&format!("guard_true(i{}) [0,{k}: i0, f{}, f1]\n", 2 + 3 * k, 3 + 3 * k));
    }
    text.push_str("finish(i0)");
    let p = compile(&text);
    for k in 0..12 {
        let (exit, vals) = p.outcome(&Env::new(&[k, f(0.25)]));
        if k < 10 {
            assert_eq!(exit, Exit::Guard(k as u32));
            assert_eq!(vals, vec![k, f(k as f64 + 0.75), f(0.25)]);
        } else {
            assert_eq!(exit, Exit::Finish);
        }
    }
}

pub fn guard_ids_come_from_compile_info() {
    // Exit codes are the GuardExit ids, not positions: use a driver-like
    // numbering starting at 1000 and fail arguments in a custom order.
    use kiln::backend::{CompileInfo, GuardExit};
    use kiln::ir::{Operand, TraceKind};
    setup();
    let arena = kiln::ir::Arena::new();
    let t = kiln::ir::parse::parse(
        &arena,
        TraceKind::Loop,
        "[i0, f1]\ni2 = int_gt(i0, 0)\nguard_true(i2) [0,0: i0]\ni4 = int_sub(i0, 1)\nguard_true(i4) [0,0: i0]\nfinish(f1)",
    )
    .unwrap();
    let flag = 0u64;
    let guards = vec![
        GuardExit { id: 1000, fail_args: vec![Operand::Op(1), Operand::Op(0), Operand::Int(-5), Operand::float(0.5)] },
        GuardExit { id: 77, fail_args: vec![Operand::Op(2), Operand::Op(1)] },
    ];
    let info = CompileInfo { trace_id: 3, guards, invalidated_flag: &flag, links: kiln::backend::Links::default() };
    // Natively the module is only emitted and validated.
    let Some(code) = backend_compile(&t, &info).unwrap() else { return };
    let mut buf = [0u64; 6];
    buf[0] = 0;
    buf[1] = f(2.5);
    assert_eq!(unsafe { code.run(kiln::ctx::ctx_ptr(), buf.as_mut_ptr()) }, 1000);
    assert_eq!(&buf[..4], &[f(2.5), 0, -5i64 as u64, f(0.5)]);
    let mut buf = [1, f(2.5), 0, 0, 0, 0];
    assert_eq!(unsafe { code.run(kiln::ctx::ctx_ptr(), buf.as_mut_ptr()) }, 77);
    assert_eq!(&buf[..2], &[1, f(2.5)]);
}

/// The cases of this file, by name.
pub const CASES: &[(&str, fn())] = &[
    ("guards::guard_true_and_false", guard_true_and_false),
    ("guards::guard_value", guard_value),
    ("guards::guard_nonnull_and_isnull", guard_nonnull_and_isnull),
    ("guards::guard_class", guard_class),
    ("guards::guard_overflow_kinds", guard_overflow_kinds),
    ("guards::guard_no_exception_and_exception", guard_no_exception_and_exception),
    ("guards::guard_not_invalidated", guard_not_invalidated),
    ("guards::guard_gc_not_due", guard_gc_not_due),
    ("guards::many_guards_each_with_its_own_exit", many_guards_each_with_its_own_exit),
    ("guards::guard_ids_come_from_compile_info", guard_ids_come_from_compile_info),
];
