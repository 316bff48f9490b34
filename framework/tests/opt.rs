//! Optimizer tests: IR text in, IR text out.

mod common;
use common::*;
use kiln::ir::*;
use kiln::opt;

/// Optimizes `input` and compares with `expected` (both canonicalized, so
/// the expected text may use any value names).
fn check(input: &str, expected: &str) {
    let arena = Arena::new();
    let t = parse(&arena, input);
    let out = opt::optimize_without_peeling(&t);
    out.verify().unwrap_or_else(|e| panic!("optimizer output does not verify: {e}\n{}", text::print(&out)));
    let got = text::print(&out);
    let want = canonical(expected);
    assert_eq!(got, want, "\n--- input\n{input}\n--- got\n{got}\n--- expected\n{want}");
}

#[test]
fn folds_constants() {
    check(
        "[i0]
label(i0)
i1 = int_add(3, 4)
i2 = int_mul(i1, 6)
i3 = int_add(i0, i2)
f4 = cast_int_to_float(i2)
f5 = float_mul(f4, 0.5)
i6 = float_lt(f5, 100.0)
guard_true(i6) [0,0: i3]
jump(i3, descr=self)",
        "[i0]
label(i0)
i1 = int_add(i0, 42)
jump(i1, descr=self)",
    );
}

#[test]
fn folds_overflow_checks_and_their_guards() {
    check(
        "[i0]
label(i0)
i1 = int_add_ovf(5, 6)
guard_no_overflow() [0,0: i0]
i2 = int_add_ovf(i0, i1)
guard_no_overflow() [0,0: i0]
jump(i2, descr=self)",
        "[i0]
label(i0)
i1 = int_add_ovf(i0, 11)
guard_no_overflow() [0,0: i0]
jump(i1, descr=self)",
    );
}

#[test]
fn keeps_overflowing_constant_arithmetic() {
    // Folding would hide the overflow the guard must report.
    check(
        "[i0]
label(i0)
i1 = int_mul_ovf(9223372036854775807, 2)
guard_overflow() [0,0: i0]
jump(i0, descr=self)",
        "[i0]
label(i0)
i1 = int_mul_ovf(9223372036854775807, 2)
guard_overflow() [0,0: i0]
jump(i0, descr=self)",
    );
}

#[test]
fn never_shares_or_folds_an_op_on_the_overflow_path() {
    // `guard_overflow` must directly follow its op: an op that overflowed
    // once is not shared with an identical earlier one (found by the random
    // program test, in a peeled loop), nor with one known not to overflow.
    let t = "[i0, i1]
label(i0, i1)
i2 = int_mul_ovf(i0, i1)
guard_overflow() [0,0: i0, i1]
i3 = int_mul_ovf(i0, i1)
guard_overflow() [0,0: i0, i1]
i4 = int_add_ovf(i0, 1)
guard_no_overflow() [0,0: i0]
i5 = int_add_ovf(i0, 1)
guard_overflow() [0,0: i0]
jump(i4, i1, descr=self)";
    check(t, t);
}

#[test]
fn simplifies_algebra() {
    check(
        "[i0, f1]
label(i0, f1)
i2 = int_add(i0, 0)
i3 = int_mul(i2, 1)
i4 = int_sub(i3, i3)
i5 = int_or(i0, i4)
i6 = float_to_bits(f1)
f7 = bits_to_float(i6)
i8 = int_eq(i5, i5)
guard_true(i8) [0,0: i5, f7]
jump(i5, f7, descr=self)",
        "[i0, f1]
label(i0, f1)
jump(i0, f1, descr=self)",
    );
}

#[test]
fn shares_equal_pure_computations() {
    check(
        "[i0, i1]
label(i0, i1)
i2 = int_add(i0, i1)
i3 = int_add(i0, i1)
i4 = int_mul(i2, i3)
jump(i4, i1, descr=self)",
        "[i0, i1]
label(i0, i1)
i2 = int_add(i0, i1)
i3 = int_mul(i2, i2)
jump(i3, i1, descr=self)",
    );
}

#[test]
fn removes_implied_guards() {
    check(
        "[i0, r1]
label(i0, r1)
i2 = int_lt(i0, 10)
guard_true(i2) [0,0: i0, r1]
i3 = int_lt(i0, 10)
guard_true(i3) [0,1: i0, r1]
guard_class(r1, descr=Point) [0,2: i0, r1]
guard_nonnull(r1) [0,3: i0, r1]
guard_class(r1, descr=Point) [0,4: i0, r1]
guard_value(i0, 5) [0,5: i0, r1]
i4 = int_add(i0, 1)
i5 = int_lt(i0, 10)
guard_true(i5) [0,6: i0, r1]
jump(i4, r1, descr=self)",
        "[i0, r1]
label(i0, r1)
i2 = int_lt(i0, 10)
guard_true(i2) [0,0: i0, r1]
guard_class(r1, descr=Point) [0,2: i0, r1]
guard_value(i0, 5) [0,5: i0, r1]
jump(6, r1, descr=self)",
    );
}

#[test]
fn guard_value_turns_snapshot_slots_into_constants() {
    check(
        "[i0, i1]
label(i0, i1)
guard_value(i0, 3) [0,0: i0, i1]
i2 = int_lt(i1, i0)
guard_true(i2) [0,1: i0, i1]
jump(i0, i1, descr=self)",
        "[i0, i1]
label(i0, i1)
guard_value(i0, 3) [0,0: i0, i1]
i2 = int_lt(i1, 3)
guard_true(i2) [0,1: 3, i1]
jump(3, i1, descr=self)",
    );
}

#[test]
fn forwards_loads_through_the_heap_cache() {
    check(
        "[r0, r1, i2]
label(r0, r1, i2)
i3 = getfield(r0, descr=Point.x)
i4 = getfield(r0, descr=Point.x)
setfield(r1, i2, descr=Point.x)
i5 = getfield(r1, descr=Point.x)
i6 = getfield(r0, descr=Point.x)
f7 = getfield(r0, descr=Point.y)
i8 = call(i6, descr=noisy)
f9 = getfield(r0, descr=Point.y)
i10 = int_add(i3, i4)
i11 = int_add(i10, i5)
i12 = int_add(i11, i8)
jump(r0, r1, i12, descr=self)",
        "[r0, r1, i2]
label(r0, r1, i2)
i3 = getfield(r0, descr=Point.x)
setfield(r1, i2, descr=Point.x)
i4 = getfield(r0, descr=Point.x)
i5 = call(i4, descr=noisy)
i6 = int_add(i3, i3)
i7 = int_add(i6, i2)
i8 = int_add(i7, i5)
jump(r0, r1, i8, descr=self)",
    );
}

#[test]
fn narrow_stores_are_not_forwarded() {
    check(
        "[r0, i1]
label(r0, i1)
setfield(r0, i1, descr=Point.tag)
i2 = getfield(r0, descr=Point.tag)
jump(r0, i2, descr=self)",
        "[r0, i1]
label(r0, i1)
setfield(r0, i1, descr=Point.tag)
i2 = getfield(r0, descr=Point.tag)
jump(r0, i2, descr=self)",
    );
}

#[test]
fn fresh_objects_do_not_alias() {
    check(
        "[r0, i1]
label(r0, i1)
r2 = new(descr=Point)
setfield(r2, i1, descr=Point.x)
setfield(r0, 7, descr=Point.x)
i3 = getfield(r2, descr=Point.x)
guard_class(r2, descr=Point) [0,0: r0, i3]
jump(r0, i3, descr=self)",
        // (and, being unused, the object is not allocated at all)
        "[r0, i1]
label(r0, i1)
setfield(r0, 7, descr=Point.x)
jump(r0, i1, descr=self)",
    );
}

#[test]
fn removes_dead_code_but_keeps_effects_and_guards() {
    check(
        "[i0, r1]
label(i0, r1)
i2 = int_mul(i0, 3)
i3 = getfield(r1, descr=Point.x)
r4 = new(descr=Point)
i5 = call(i0, descr=noisy)
i6 = int_add_ovf(i0, 1)
guard_no_overflow() [0,0: i0, r1]
i7 = call_pure(i0, i0, i0, descr=add3)
jump(i0, r1, descr=self)",
        "[i0, r1]
label(i0, r1)
i2 = call(i0, descr=noisy)
i3 = int_add_ovf(i0, 1)
guard_no_overflow() [0,0: i0, r1]
jump(i0, r1, descr=self)",
    );
}

#[test]
fn shares_elidable_calls_and_drops_their_exception_guards() {
    check(
        "[i0]
label(i0)
i1 = call_pure(i0, 1, 2, descr=add3)
i2 = call_pure(i0, 1, 2, descr=add3)
i3 = int_add(i1, i2)
jump(i3, descr=self)",
        "[i0]
label(i0)
i1 = call_pure(i0, 1, 2, descr=add3)
i2 = int_add(i1, i1)
jump(i2, descr=self)",
    );
}

#[test]
fn loads_of_immutable_fields_of_constants_fold() {
    // A real object, so the optimizer can read it at compile time.
    let obj = kiln::gc::alloc(&POINT);
    unsafe { (*(obj as *mut Point)).x = 41 };
    let input = format!(
        "[i0]
label(i0)
i1 = getfield(ptr({obj:#x}), descr=Point.x_imm)
i2 = int_add(i0, i1)
jump(i2, descr=self)"
    );
    check(
        &input,
        "[i0]
label(i0)
i1 = int_add(i0, 41)
jump(i1, descr=self)",
    );
}

#[test]
fn deduplicates_invalidation_and_gc_checks() {
    check(
        "[i0]
label(i0)
guard_gc_not_due() [0,0: i0]
guard_not_invalidated() [0,0: i0]
i1 = int_add(i0, 1)
guard_not_invalidated() [0,1: i1]
guard_gc_not_due() [0,1: i1]
jump(i1, descr=self)",
        "[i0]
label(i0)
guard_gc_not_due() [0,0: i0]
guard_not_invalidated() [0,0: i0]
i1 = int_add(i0, 1)
jump(i1, descr=self)",
    );
}

#[test]
fn optimized_traces_behave_like_the_originals() {
    // The evaluator is the reference: optimization must not change results.
    let text = "[i0, i1]
label(i0, i1)
i2 = int_add(i0, 0)
i3 = int_mul(i2, 3)
i4 = int_mul(i2, 3)
i5 = int_add(i3, i4)
i6 = int_add(i1, i5)
i7 = int_add(i0, 1)
i8 = int_lt(i7, 1000)
guard_true(i8) [0,0: i7, i6]
jump(i7, i6, descr=self)";
    let arena = Arena::new();
    let t = parse(&arena, text);
    let o = opt::optimize(&t);
    let a = kiln::eval::run_trace(&t, &[0, 0]);
    let b = kiln::eval::run_trace(&o, &[0, 0]);
    assert_eq!(a.values, b.values);
    assert_eq!(a.values, vec![1000, 2997000]);
}

#[test]
fn collapses_chains_of_constant_offsets() {
    check(
        "[i0]
label(i0)
i1 = int_add(i0, 1)
i2 = int_add(i1, 5)
i3 = int_sub(i2, 6)
i4 = int_add(i2, -2)
i5 = int_mul(i3, i4)
jump(i5, descr=self)",
        "[i0]
label(i0)
i1 = int_add(i0, 4)
i2 = int_mul(i0, i1)
jump(i2, descr=self)",
    );
}

#[test]
fn narrow_stores_of_values_that_fit_are_forwarded() {
    check(
        "[r0, i1]
label(r0, i1)
i2 = int_and(i1, 255)
setfield(r0, i2, descr=Point.tag)
i3 = getfield(r0, descr=Point.tag)
jump(r0, i3, descr=self)",
        "[r0, i1]
label(r0, i1)
i2 = int_and(i1, 255)
setfield(r0, i2, descr=Point.tag)
jump(r0, i2, descr=self)",
    );
}

#[test]
fn objects_that_do_not_escape_are_not_allocated() {
    check(
        "[i0, f1]
label(i0, f1)
r2 = new(descr=Point)
setfield(r2, i0, descr=Point.x)
setfield(r2, f1, descr=Point.y)
i3 = getfield(r2, descr=Point.x)
f4 = getfield(r2, descr=Point.y)
r5 = getfield(r2, descr=Point.next)
guard_class(r2, descr=Point) [0,0: i0, f1]
guard_isnull(r5) [0,0: i0, f1]
i6 = int_add(i3, 1)
i7 = int_lt(i6, 100)
guard_true(i7) [0,1: r2, i6]
f8 = float_add(f4, 1.5)
jump(i6, f8, descr=self)",
        "[i0, f1]
label(i0, f1)
i2 = int_add(i0, 1)
i3 = int_lt(i2, 100)
guard_true(i3) [0,1: v0, i2] {v0=new(Point; Point.x=i0, Point.y=f1)}
f4 = float_add(f1, 1.5)
jump(i2, f4, descr=self)",
    );
}

#[test]
fn escaping_objects_are_allocated_where_they_escape() {
    check(
        "[i0, r1]
label(i0, r1)
r2 = new(descr=Point)
setfield(r2, i0, descr=Point.x)
i3 = int_lt(i0, 5)
guard_true(i3) [0,0: r2]
setfield(r1, r2, descr=Point.next)
setfield(r2, 7, descr=Point.x)
i4 = getfield(r2, descr=Point.x)
jump(i4, r1, descr=self)",
        "[i0, r1]
label(i0, r1)
i2 = int_lt(i0, 5)
guard_true(i2) [0,0: v0] {v0=new(Point; Point.x=i0)}
r3 = new(descr=Point)
setfield(r3, i0, descr=Point.x)
setfield(r1, r3, descr=Point.next)
setfield(r3, 7, descr=Point.x)
jump(7, r1, descr=self)",
    );
}

#[test]
fn virtual_objects_can_point_to_each_other() {
    check(
        "[i0]
label(i0)
r1 = new(descr=Point)
r2 = new(descr=Point)
setfield(r1, r2, descr=Point.next)
setfield(r2, r1, descr=Point.next)
setfield(r2, i0, descr=Point.x)
i3 = ptr_eq(r1, r2)
guard_false(i3) [0,0: r1]
r4 = getfield(r1, descr=Point.next)
i5 = getfield(r4, descr=Point.x)
i6 = call(i5, descr=noisy)
jump(i6, descr=self)",
        "[i0]
label(i0)
i1 = call(i0, descr=noisy)
jump(i1, descr=self)",
    );
}

#[test]
fn virtual_arrays_with_constant_indexes() {
    check(
        "[i0]
label(i0)
r1 = new_array(2, descr=IntArray)
setarrayitem(r1, 0, i0, descr=IntArray.items)
setarrayitem(r1, 1, 5, descr=IntArray.items)
i2 = getarrayitem(r1, 1, descr=IntArray.items)
i3 = getfield(r1, descr=IntArray.len)
i4 = int_add(i2, i3)
guard_value(i0, 3) [0,0: r1]
jump(i4, descr=self)",
        "[i0]
label(i0)
guard_value(i0, 3) [0,0: v0] {v0=new_array(IntArray, 2; IntArray.items[0]=i0, IntArray.items[1]=5)}
jump(7, descr=self)",
    );
}

#[test]
fn virtuals_in_snapshots_resume_correctly() {
    // Run the optimized trace on the evaluator until the guard fails and
    // rebuild the frame: the virtual object must be allocated with its fields.
    let text = "[i0]
label(i0)
r1 = new(descr=Point)
setfield(r1, i0, descr=Point.x)
setfield(r1, 2.5, descr=Point.y)
i2 = int_lt(i0, 10)
guard_true(i2) [3,4: i0, r1]
i3 = int_add(i0, 1)
jump(i3, descr=self)";
    let arena = Arena::new();
    let t = parse(&arena, text);
    let o = opt::optimize_without_peeling(&t);
    assert!(!o.ops.iter().any(|op| op.opcode == Opcode::New), "{}", text::print(&o));
    let exits = kiln::eval::default_exits(&o);
    let out = kiln::eval::run_trace(&o, &[0]);
    let kiln::backend::Exit::Guard(g) = out.exit else { panic!("{:?}", out.exit) };
    let guard = o.guards().nth(g as usize).unwrap().1;
    let (_, data) = kiln::resume::build(guard);
    assert_eq!(exits[g as usize].fail_args.len(), out.values.len());
    let (frames, objects) = kiln::resume::rebuild(&data, &out.values);
    assert_eq!(frames[0].greens, Greens(3, 4));
    assert_eq!(frames[0].words[0], 10);
    assert_eq!(objects.len(), 1);
    let p = frames[0].words[1] as usize;
    assert_eq!(p, objects[0]);
    unsafe {
        assert_eq!((*(p as *const Point)).x, 10);
        assert_eq!((*(p as *const Point)).y, 2.5);
    }
}

/// Optimizes with every pass, peeling included.
fn check_peeled(input: &str, expected: &str) {
    let arena = Arena::new();
    let t = parse(&arena, input);
    let out = opt::optimize(&t);
    out.verify().unwrap_or_else(|e| panic!("optimizer output does not verify: {e}\n{}", text::print(&out)));
    let got = text::print(&out);
    let want = canonical(expected);
    assert_eq!(got, want, "\n--- input\n{input}\n--- got\n{got}\n--- expected\n{want}");
}

#[test]
fn peeling_moves_invariant_guards_and_loads_out_of_the_loop() {
    check_peeled(
        "[i0, r1, i2]
label(i0, r1, i2)
guard_class(r1, descr=Point) [0,0: i0, r1, i2]
i3 = getfield(r1, descr=Point.x_imm)
i4 = int_mul(i2, 3)
i5 = int_add(i0, i3)
i6 = int_add(i5, i4)
i7 = int_lt(i6, 1000000)
guard_true(i7) [0,1: i6, r1, i2]
jump(i6, r1, i2, descr=self)",
        "[i0, r1, i2]
guard_class(r1, descr=Point) [0,0: i0, r1, i2]
i3 = getfield(r1, descr=Point.x_imm)
i4 = int_mul(i2, 3)
i5 = int_add(i0, i3)
i6 = int_add(i5, i4)
i7 = int_lt(i6, 1000000)
guard_true(i7) [0,1: i6, r1, i2]
label(i6)
i8 = int_add(i6, i3)
i9 = int_add(i8, i4)
i10 = int_lt(i9, 1000000)
guard_true(i10) [0,1: i9, r1, i2]
jump(i9, descr=self)",
    );
}

#[test]
fn peeling_carries_a_field_the_loop_reads_and_writes() {
    // The loop reloads nothing: the field's value travels in a register,
    // while every iteration still stores it.
    check_peeled(
        "[r0, i1]
label(r0, i1)
i2 = getfield(r0, descr=Point.x)
i3 = int_add(i2, i1)
setfield(r0, i3, descr=Point.x)
i4 = int_sub(i1, 1)
i5 = int_is_true(i4)
guard_true(i5) [0,0: r0, i4]
jump(r0, i4, descr=self)",
        "[r0, i1]
i2 = getfield(r0, descr=Point.x)
i3 = int_add(i2, i1)
setfield(r0, i3, descr=Point.x)
i4 = int_sub(i1, 1)
i5 = int_is_true(i4)
guard_true(i5) [0,0: r0, i4]
i6 = same_as(i3)
label(i4, i6)
i7 = int_add(i6, i4)
setfield(r0, i7, descr=Point.x)
i8 = int_sub(i4, 1)
i9 = int_is_true(i8)
guard_true(i9) [0,0: r0, i8]
jump(i8, i7, descr=self)",
    );
}

#[test]
fn peeled_loops_compute_what_the_recorded_loops_compute() {
    let text = "[i0, i1, i2]
label(i0, i1, i2)
i3 = int_mul(i1, i1)
i4 = int_add(i0, i3)
i5 = int_add(i2, 1)
i6 = int_lt(i5, 5000)
guard_true(i6) [0,0: i4, i1, i5]
jump(i4, i1, i5, descr=self)";
    let arena = Arena::new();
    let t = parse(&arena, text);
    let o = opt::optimize(&t);
    assert!(o.ops.iter().any(|op| op.opcode == Opcode::Label));
    let a = kiln::eval::run_trace(&t, &[0, 7, 0]);
    let b = kiln::eval::run_trace(&o, &[0, 7, 0]);
    assert_eq!(a.values, b.values);
    assert_eq!(a.values, vec![49 * 5000, 7, 5000]);
}

#[test]
fn loop_carried_heap_values_stay_in_registers() {
    // Two cells of one array at invariant indices x+1 and x+2: after peeling,
    // the loop body reads neither from memory, but still stores both.
    check_peeled(
        "[r0, i1, i2]
label(r0, i1, i2)
i3 = int_add(i1, 1)
i4 = getarrayitem(r0, i3, descr=IntArray.items)
i5 = int_add(i4, 2)
setarrayitem(r0, i3, i5, descr=IntArray.items)
i6 = int_add(i1, 2)
i7 = getarrayitem(r0, i6, descr=IntArray.items)
i8 = int_sub(i7, 1)
setarrayitem(r0, i6, i8, descr=IntArray.items)
i9 = int_is_true(i8)
guard_true(i9) [0,0: r0, i1, i2]
jump(r0, i1, i2, descr=self)",
        "[r0, i1, i2]
i3 = int_add(i1, 1)
i4 = getarrayitem(r0, i3, descr=IntArray.items)
i5 = int_add(i4, 2)
setarrayitem(r0, i3, i5, descr=IntArray.items)
i6 = int_add(i1, 2)
i7 = getarrayitem(r0, i6, descr=IntArray.items)
i8 = int_sub(i7, 1)
setarrayitem(r0, i6, i8, descr=IntArray.items)
i9 = int_is_true(i8)
guard_true(i9) [0,0: r0, i1, i2]
i10 = same_as(i5)
i11 = same_as(i8)
label(i10, i11)
i12 = int_add(i10, 2)
setarrayitem(r0, i3, i12, descr=IntArray.items)
i13 = int_sub(i11, 1)
setarrayitem(r0, i6, i13, descr=IntArray.items)
i14 = int_is_true(i13)
guard_true(i14) [0,0: r0, i1, i2]
jump(i12, i13, descr=self)",
    );
}

#[test]
fn heap_values_written_by_unknown_calls_are_not_carried() {
    check_peeled(
        "[r0, i1]
label(r0, i1)
i2 = getfield(r0, descr=Point.x)
i3 = int_add(i2, 1)
setfield(r0, i3, descr=Point.x)
i4 = call(i3, descr=noisy)
i5 = int_lt(i4, 100)
guard_true(i5) [0,0: r0, i1]
jump(r0, i1, descr=self)",
        "[r0, i1]
i2 = getfield(r0, descr=Point.x)
i3 = int_add(i2, 1)
setfield(r0, i3, descr=Point.x)
i4 = call(i3, descr=noisy)
i5 = int_lt(i4, 100)
guard_true(i5) [0,0: r0, i1]
label()
i6 = getfield(r0, descr=Point.x)
i7 = int_add(i6, 1)
setfield(r0, i7, descr=Point.x)
i8 = call(i7, descr=noisy)
i9 = int_lt(i8, 100)
guard_true(i9) [0,0: r0, i1]
jump(descr=self)",
    );
}

#[test]
fn bounds_remove_overflow_checks_that_cannot_fire() {
    check(
        "[i0, i1]
label(i0, i1)
i2 = int_lt(i0, 1000)
guard_true(i2) [0,0: i0, i1]
i3 = int_add_ovf(i0, 1)
guard_no_overflow() [0,1: i0, i1]
i4 = int_add_ovf(i1, 1)
guard_no_overflow() [0,2: i0, i1]
jump(i3, i4, descr=self)",
        "[i0, i1]
label(i0, i1)
i2 = int_lt(i0, 1000)
guard_true(i2) [0,0: i0, i1]
i3 = int_add(i0, 1)
i4 = int_add_ovf(i1, 1)
guard_no_overflow() [0,2: i0, i1]
jump(i3, i4, descr=self)",
    );
}

#[test]
fn bounds_fold_comparisons_and_bounds_checks() {
    check(
        "[r0, i1, i2]
label(r0, i1, i2)
i3 = getfield(r0, descr=Point.tag)
i4 = int_lt(i3, 256)
guard_true(i4) [0,0: r0, i1, i2]
i5 = uint_lt(i1, i2)
guard_true(i5) [0,1: r0, i1, i2]
i6 = int_ge(i1, 0)
guard_true(i6) [0,2: r0, i1, i2]
i7 = int_and(i1, 15)
i8 = int_le(i7, 15)
guard_true(i8) [0,3: r0, i1, i2]
i9 = int_mod(i3, 10)
i10 = int_lt(i9, 10)
guard_true(i10) [0,4: r0, i1, i2]
jump(r0, i7, i9, descr=self)",
        // (i2 may be negative, so `i1 <u i2` does not prove i1 >= 0)
        "[r0, i1, i2]
label(r0, i1, i2)
i3 = getfield(r0, descr=Point.tag)
i4 = uint_lt(i1, i2)
guard_true(i4) [0,1: r0, i1, i2]
i5 = int_ge(i1, 0)
guard_true(i5) [0,2: r0, i1, i2]
i6 = int_and(i1, 15)
i7 = int_mod(i3, 10)
jump(r0, i6, i7, descr=self)",
    );
}

#[test]
fn an_index_below_a_length_is_non_negative() {
    // Word loads (lengths, addresses) are never negative on supported targets.
    check(
        "[r0, i1]
label(r0, i1)
i2 = getfield(r0, descr=IntArray.len)
i3 = uint_lt(i1, i2)
guard_true(i3) [0,0: r0, i1]
i4 = int_ge(i1, 0)
guard_true(i4) [0,1: r0, i1]
i5 = int_add_ovf(i1, 1)
guard_no_overflow() [0,2: r0, i1]
jump(r0, i5, descr=self)",
        "[r0, i1]
label(r0, i1)
i2 = getfield(r0, descr=IntArray.len)
i3 = uint_lt(i1, i2)
guard_true(i3) [0,0: r0, i1]
i4 = int_add(i1, 1)
jump(r0, i4, descr=self)",
    );
}

#[test]
fn label_arguments_stay_distinct_when_their_values_fold_together() {
    // a = i each iteration: after peeling, both label arguments would be the
    // same value; they must remain two rebound values.
    let text = "[i0, i1]
label(i0, i1)
i2 = int_add(i1, 1)
i3 = int_lt(i2, 100)
guard_true(i3) [0,0: i0, i1]
jump(i1, i2, descr=self)";
    let arena = Arena::new();
    let t = parse(&arena, text);
    let o = opt::optimize(&t);
    o.verify().unwrap_or_else(|e| panic!("{e}\n{}", text::print(&o)));
    let a = kiln::eval::run_trace(&t, &[5, 0]);
    let b = kiln::eval::run_trace(&o, &[5, 0]);
    assert_eq!(a.values, b.values);
    assert_eq!(a.values, vec![98, 99]);
}

#[test]
fn inputs_the_loop_sets_to_constants_are_constants_in_the_peeled_loop() {
    // i1 is a type tag that the first iteration checks and every iteration
    // sets to 3: in the loop proper it is the constant 3, the check is gone.
    check_peeled(
        "[i0, i1]
label(i0, i1)
guard_value(i1, 3) [0,0: i0, i1]
i2 = int_add(i0, 1)
i3 = int_lt(i2, 100)
guard_true(i3) [0,1: i2, 3]
jump(i2, 3, descr=self)",
        "[i0, i1]
guard_value(i1, 3) [0,0: i0, i1]
i2 = int_add(i0, 1)
i3 = int_lt(i2, 100)
guard_true(i3) [0,1: i2, 3]
label(i2)
i4 = int_add(i2, 1)
i5 = int_lt(i4, 100)
guard_true(i5) [0,1: i4, 3]
jump(i4, descr=self)",
    );
}

#[test]
fn heap_values_the_loop_never_writes_are_not_reloaded() {
    // The class-like field of an invariant object is read and checked in
    // every iteration; the loop never writes it, so after peeling neither the
    // load nor the check remains in the loop.
    check_peeled(
        "[r0, i1]
label(r0, i1)
r2 = getfield(r0, descr=Point.next)
guard_value(r2, ptr(0x1000)) [0,0: r0, i1]
i3 = getfield(r0, descr=Point.x)
i4 = int_add(i3, i1)
setfield(r0, i4, descr=Point.x)
i5 = int_sub(i1, 1)
i6 = int_is_true(i5)
guard_true(i6) [0,1: r0, i5]
jump(r0, i5, descr=self)",
        "[r0, i1]
r2 = getfield(r0, descr=Point.next)
guard_value(r2, ptr(0x1000)) [0,0: r0, i1]
i3 = getfield(r0, descr=Point.x)
i4 = int_add(i3, i1)
setfield(r0, i4, descr=Point.x)
i5 = int_sub(i1, 1)
i6 = int_is_true(i5)
guard_true(i6) [0,1: r0, i5]
i7 = same_as(i4)
label(i5, i7)
i8 = int_add(i7, i5)
setfield(r0, i8, descr=Point.x)
i9 = int_sub(i5, 1)
i10 = int_is_true(i9)
guard_true(i10) [0,1: r0, i9]
jump(i9, i8, descr=self)",
    );
}
