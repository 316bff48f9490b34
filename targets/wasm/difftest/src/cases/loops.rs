//! Control flow: loops closed with `label` / `jump(descr=self)`, jumps to
//! other loops, `finish`, and the per-iteration checks (gc_due,
//! invalidation, overflow flag across the back edge).

use crate::harness::*;

pub fn counting_loop_runs_a_million_iterations_then_exits_through_a_guard() {
    let p = compile(
        "[i0, i1, f2]
label(i0, i1, f2)
debug_merge_point(1, 2, \"loop head\")
guard_gc_not_due() [1,2: i0, i1, f2]
i3 = int_add(i0, 1)
i4 = int_add(i1, i0)
f5 = float_add(f2, 0.5)
i6 = int_lt(i3, 1000000)
guard_true(i6) [1,2: i3, i4, f5]
jump(i3, i4, f5, descr=self)",
    );
    let (exit, vals) = p.outcome(&Env::new(&[0, 0, f(0.0)]));
    assert_eq!(exit, Exit::Guard(1));
    assert_eq!(vals, vec![1_000_000, 499_999_500_000, f(500_000.0)]);
    // gc_due stops the loop at its first iteration.
    let (exit, vals) = p.outcome(&Env { ctx: [0, 0, 1], ..Env::new(&[5, 6, f(1.0)]) });
    assert_eq!((exit, vals), (Exit::Guard(0), vec![5, 6, f(1.0)]));
}

pub fn label_after_a_preamble_with_invariant_values() {
    // Ops before the label run once; their values are used in every
    // iteration; the label's values are rebound on each jump.
    let p = compile(
        "[i0, i1, r2]
i3 = int_mul(i1, 3)
f4 = cast_int_to_float(i1)
i5 = getfield(r2, descr=Obj.i64)
label(i0, i5)
i6 = int_add(i5, i3)
setfield(r2, i6, descr=Obj.i64)
i7 = int_sub(i0, 1)
i8 = int_gt(i7, 0)
guard_true(i8) [0,0: i7, i6, f4, i1]
jump(i7, i6, descr=self)",
    );
    let obj = new_obj();
    let (exit, vals) = p.outcome(&Env::new(&[10, 7, obj as u64]).with_objects(&[obj]));
    assert_eq!((exit, vals), (Exit::Guard(0), vec![0, 210, f(7.0), 7]));
}

pub fn jump_is_a_parallel_assignment() {
    // Swapping label values each iteration (Fibonacci-like), with repeated
    // and constant jump arguments.
    let p = compile(
        "[i0, i1, i2]
label(i0, i1, i2)
i3 = int_add(i0, i1)
i4 = int_sub(i2, 1)
i5 = int_is_true(i4)
guard_true(i5) [0,0: i0, i1, i4]
jump(i1, i3, i4, descr=self)",
    );
    let (exit, vals) = p.outcome(&Env::new(&[0, 1, 50]));
    assert_eq!(exit, Exit::Guard(0));
    assert_eq!(vals[0], 7_778_742_049);
    let p = compile(
        "[i0, i1]
label(i0, i1)
i2 = int_add(i0, 1)
i3 = int_lt(i2, 10)
guard_true(i3) [0,0: i2, i1]
jump(i2, i2, descr=self)",
    );
    assert_eq!(p.outcome(&Env::new(&[0, 100])).1, vec![10, 9]);
}

pub fn label_with_repeated_or_constant_arguments_is_rejected() {
    // The IR requires a label to name distinct values (Trace::verify).
    let arena = Arena::new();
    setup();
    let t = kiln::ir::parse::parse(
        &arena,
        TraceKind::Loop,
        "[i0, i1]
label(i0, i0, 5, i1)
i2 = int_add(i0, i1)
jump(i1, i2, 77, i1, descr=self)",
    )
    .unwrap();
    assert!(t.verify().unwrap_err().contains("distinct"));
}

pub fn float_and_ref_values_carried_around_the_loop() {
    let p = compile(
        "[f0, r1, i2]
label(f0, r1, i2)
f3 = float_mul(f0, 1.5)
i4 = int_add(i2, 1)
i5 = float_lt(f3, 1e100)
guard_true(i5) [0,0: f3, r1, i4]
jump(f3, r1, i4, descr=self)",
    );
    let obj = new_obj();
    let (exit, vals) = p.outcome(&Env::new(&[f(1.0), obj as u64, 0]));
    assert_eq!((exit, vals[1]), (Exit::Guard(0), obj as u64));
    // A NaN never passes the comparison.
    assert_eq!(p.outcome(&Env::new(&[f(f64::NAN), 0, 0])).1[2], 1);
}

pub fn comparison_results_as_label_values() {
    // An i8 comparison result crossing the back edge is widened to a word.
    let p = compile(
        "[i0, i1]
label(i0, i1)
i2 = int_lt(i0, 50)
i3 = int_add(i0, 7)
i4 = int_add(i1, i2)
i5 = int_lt(i3, 100)
guard_true(i5) [0,0: i2, i4, i3]
jump(i3, i2, descr=self)",
    );
    p.check(&Env::new(&[0, 0]));
}

pub fn overflow_guard_away_from_its_op_is_rejected() {
    // An overflow guard must directly follow its overflow-checked op.
    let arena = Arena::new();
    setup();
    let t = kiln::ir::parse::parse(
        &arena,
        TraceKind::Loop,
        "[i0, i1]
i2 = int_add_ovf(i0, i1)
label(i0, i1)
guard_no_overflow() [0,0: i0, i1]
jump(i0, i1, descr=self)",
    )
    .unwrap();
    assert!(t.verify().unwrap_err().contains("overflow"));
}

pub fn guard_not_invalidated_in_the_loop() {
    let p = compile(
        "[i0]
label(i0)
guard_not_invalidated() [0,0: i0]
i1 = int_add(i0, 1)
i2 = int_ne(i1, 1000)
guard_true(i2) [0,0: i1]
jump(i1, descr=self)",
    );
    assert_eq!(p.outcome(&Env::new(&[0])), (Exit::Guard(1), vec![1000]));
    assert_eq!(p.outcome(&Env { invalidated: 1, ..Env::new(&[3]) }), (Exit::Guard(0), vec![3]));
}

pub fn jump_to_another_loop() {
    let p = compile(
        "[i0, f1, r2]
i3 = int_add(i0, 1)
f4 = float_neg(f1)
jump(i3, f4, r2, 17, 2.5, descr=loop7)",
    );
    let (exit, vals) = p.outcome(&Env::new(&[41, f(1.5), 0x1234]));
    assert_eq!(exit, Exit::Jump(7));
    assert_eq!(vals, vec![42, f(-1.5), 0x1234, 17, f(2.5)]);
    // A loop body that leaves through a jump to another loop.
    let p = compile(
        "[i0]
label(i0)
i1 = int_add(i0, 1)
i2 = int_lt(i1, 10)
guard_true(i2) [0,0: i1]
jump(i1, descr=loop123456)",
    );
    assert_eq!(p.outcome(&Env::new(&[0])), (Exit::Jump(123456), vec![1]));
}

pub fn finish_with_values_of_every_type() {
    let (exit, vals) = check("[i0, f1, r2]\nfinish(r2, f1, i0, 3, -0.0, null)", &[9, f(0.25), 0x40]);
    assert_eq!(exit, Exit::Finish);
    assert_eq!(vals, vec![0x40, f(0.25), 9, 3, f(-0.0), 0]);
    assert_eq!(check("[]\nfinish()", &[]).0, Exit::Finish);
}

pub fn many_inputs_and_outputs() {
    // More values than registers: spills around calls and exits.
    let n = 40;
    let mut text = String::new();
    let ins: Vec<String> = (0..n).map(|i| if i % 2 == 0 { format!("i{i}") } else { format!("f{i}") }).collect();
    text.push_str(&format!("[{}]\n", ins.join(", ")));
    let mut outs = Vec::new();
    for i in 0..n {
        let (t, op, k) = if i % 2 == 0 { ("i", "int_add", "1") } else { ("f", "float_add", "1.0") };
        text.push_str(&format!("{t}{} = {op}({t}{i}, {k})\n", n + i));
        outs.push(format!("{t}{}", n + i));
    }
    text.push_str(&format!("i{} = call(i0, descr=f1)\n", 2 * n));
    text.push_str(&format!("guard_true(i{}) [0,0: {}]\n", 2 * n, outs.join(", ")));
    text.push_str(&format!("finish({})", outs.iter().rev().cloned().collect::<Vec<_>>().join(", ")));
    let p = compile(&text);
    let inputs: Vec<u64> = (0..n).map(|i| if i % 2 == 0 { i as u64 } else { f(i as f64) }).collect();
    p.check(&Env::new(&inputs));
}

/// The cases of this file, by name.
pub const CASES: &[(&str, fn())] = &[
    ("loops::counting_loop_runs_a_million_iterations_then_exits_through_a_guard", counting_loop_runs_a_million_iterations_then_exits_through_a_guard),
    ("loops::label_after_a_preamble_with_invariant_values", label_after_a_preamble_with_invariant_values),
    ("loops::jump_is_a_parallel_assignment", jump_is_a_parallel_assignment),
    ("loops::label_with_repeated_or_constant_arguments_is_rejected", label_with_repeated_or_constant_arguments_is_rejected),
    ("loops::float_and_ref_values_carried_around_the_loop", float_and_ref_values_carried_around_the_loop),
    ("loops::comparison_results_as_label_values", comparison_results_as_label_values),
    ("loops::overflow_guard_away_from_its_op_is_rejected", overflow_guard_away_from_its_op_is_rejected),
    ("loops::guard_not_invalidated_in_the_loop", guard_not_invalidated_in_the_loop),
    ("loops::jump_to_another_loop", jump_to_another_loop),
    ("loops::finish_with_values_of_every_type", finish_with_values_of_every_type),
    ("loops::many_inputs_and_outputs", many_inputs_and_outputs),
];
