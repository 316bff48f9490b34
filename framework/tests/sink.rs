//! Call sinking: IR text in, IR text out, and a sunk call made again when
//! its guard fails.

mod common;
use common::*;
use kiln::ir::*;
use kiln::opt;

fn check(input: &str, expected: &str) {
    let arena = Arena::new();
    let t = parse(&arena, input);
    let out = opt::sink::run(&t);
    out.verify().unwrap_or_else(|e| panic!("sinking output does not verify: {e}\n{}", text::print(&out)));
    let got = text::print(&out);
    let want = canonical(expected);
    assert_eq!(got, want, "\n--- input\n{input}\n--- got\n{got}\n--- expected\n{want}");
}

fn unchanged(input: &str) {
    check(input, input);
}

#[test]
fn a_call_only_resume_data_needs_moves_into_the_snapshot() {
    check(
        "[r0, i1]
label(r0, i1)
i2 = call(r0, descr=point_x)
i3 = int_lt(i1, 10)
guard_true(i3) [1,2: i1, i2]
i4 = int_add(i1, 1)
jump(r0, i4, descr=self)",
        "[r0, i1]
label(r0, i1)
i3 = int_lt(i1, 10)
guard_true(i3) [1,2: i1, v0] {v0=call(point_x; r0)}
i4 = int_add(i1, 1)
jump(r0, i4, descr=self)",
    );
}

#[test]
fn a_write_after_the_last_guard_that_needs_it_does_not_matter() {
    check(
        "[r0, i1]
label(r0, i1)
i2 = call(r0, descr=point_x)
i3 = int_lt(i1, 10)
guard_true(i3) [1,2: i1, i2]
setfield(r0, i1, descr=Point.x)
i4 = int_add(i1, 1)
guard_true(i3) [1,3: i1]
jump(r0, i4, descr=self)",
        "[r0, i1]
label(r0, i1)
i3 = int_lt(i1, 10)
guard_true(i3) [1,2: i1, v0] {v0=call(point_x; r0)}
setfield(r0, i1, descr=Point.x)
i4 = int_add(i1, 1)
guard_true(i3) [1,3: i1]
jump(r0, i4, descr=self)",
    );
}

#[test]
fn a_write_between_the_call_and_a_guard_that_needs_it_keeps_the_call() {
    unchanged(
        "[r0, i1]
label(r0, i1)
i2 = call(r0, descr=point_x)
setfield(r0, i1, descr=Point.x)
i3 = int_lt(i1, 10)
guard_true(i3) [1,2: i1, i2]
i4 = int_add(i1, 1)
jump(r0, i4, descr=self)",
    );
    // A call that writes counts as a write.
    unchanged(
        "[r0, i1]
label(r0, i1)
i2 = call(r0, descr=point_x)
i5 = call(i1, descr=noisy)
i3 = int_lt(i1, 10)
guard_true(i3) [1,2: i1, i2]
jump(r0, i5, descr=self)",
    );
}

#[test]
fn calls_whose_results_ops_use_stay() {
    unchanged(
        "[r0, i1]
label(r0, i1)
i2 = call(r0, descr=point_x)
i3 = int_lt(i1, i2)
guard_true(i3) [1,2: i1, i2]
jump(r0, i1, descr=self)",
    );
}

#[test]
fn calls_that_can_raise_stay() {
    unchanged(
        "[r0, i1]
label(r0, i1)
i2 = call(i1, descr=raise_if_negative)
guard_no_exception() [1,1: i1]
i3 = int_lt(i1, 10)
guard_true(i3) [1,2: i1, i2]
jump(r0, i1, descr=self)",
    );
}

#[test]
fn elidable_calls_move_past_writes() {
    check(
        "[r0, i1]
label(r0, i1)
i2 = call_pure(i1, 1, 2, descr=add3)
setfield(r0, i1, descr=Point.x)
i3 = int_lt(i1, 10)
guard_true(i3) [1,2: i1, i2, i2]
jump(r0, i1, descr=self)",
        "[r0, i1]
label(r0, i1)
setfield(r0, i1, descr=Point.x)
i3 = int_lt(i1, 10)
guard_true(i3) [1,2: i1, v0, v0] {v0=call(add3; i1, 1, 2)}
jump(r0, i1, descr=self)",
    );
}

#[test]
fn a_sunk_call_is_made_again_when_its_guard_fails() {
    let text = "[r0, i1]
label(r0, i1)
i2 = call(r0, descr=point_x)
i3 = int_lt(i1, 10)
guard_true(i3) [5,6: i1, i2]
i4 = int_add(i1, 1)
jump(r0, i4, descr=self)";
    let arena = Arena::new();
    let t = parse(&arena, text);
    let o = opt::optimize(&t);
    assert!(!o.ops.iter().any(|op| op.opcode == Opcode::Call), "{}", text::print(&o));
    let p = kiln::gc::alloc(&POINT);
    // SAFETY: a fresh Point.
    unsafe { (*(p as *mut Point)).x = 4242 };
    let out = kiln::eval::run_trace(&o, &[p as u64, 0]);
    let kiln::backend::Exit::Guard(g) = out.exit else { panic!("{:?}", out.exit) };
    let guard = o.guards().nth(g as usize).unwrap().1;
    let (_, data) = kiln::resume::build(guard);
    let (frames, _) = kiln::resume::rebuild(&data, &out.values);
    assert_eq!(frames[0].greens, Greens(5, 6));
    assert_eq!(frames[0].words, vec![10, 4242]);
}

#[test]
fn a_loop_label_counts_as_a_write() {
    // The guard after the label runs in later iterations too, after the
    // loop's writes: the call must stay.
    unchanged(
        "[r0, i1]
i2 = call(r0, descr=point_x)
label(r0, i1)
setfield(r0, i1, descr=Point.x)
i3 = int_lt(i1, 10)
guard_true(i3) [1,2: i1, i2]
i4 = int_add(i1, 1)
jump(r0, i4, descr=self)",
    );
}
