//! Residual calls with 0–6 arguments, float arguments and results, calls
//! that raise, and the exception guards after them.

use crate::harness::*;
use kiln::backend::Exit;

pub fn calls_with_zero_to_six_int_args() {
    let p = compile(
        "[i0, i1, i2, i3, i4, i5]
i6 = call(descr=f0)
i7 = call(i0, descr=f1)
i8 = call(i0, i1, descr=f2)
i9 = call(i0, i1, i2, descr=f3)
i10 = call(i0, i1, i2, i3, descr=f4)
i11 = call(i0, i1, i2, i3, i4, descr=f5)
i12 = call(i0, i1, i2, i3, i4, i5, descr=f6)
i13 = call_pure(i12, -3, descr=f2)
finish(i6, i7, i8, i9, i10, i11, i12, i13)",
    );
    for &a in INTS {
        let r = p.check(&Env::new(&[a as u64, 1, u64::MAX, 3, 0x8000_0000_0000_0000, 5]));
        assert_eq!(r.calls.len(), 8);
        assert_eq!(r.buf[0], 42);
    }
}

pub fn constant_args_of_every_type() {
    let p = compile("[i0]\ni1 = call(-1, 2.5, null, ptr(0x1000), i0, nan, descr=f6)\nfinish(i1)");
    let r = p.check(&Env::new(&[7]));
    assert_eq!(r.calls[0].1, vec![u64::MAX, f(2.5), 0, 0x1000, 7, f(f64::NAN)]);
}

pub fn float_args_and_results() {
    let p = compile(
        "[f0, f1, i2]
f3 = call(f0, f1, descr=fmuladd)
f4 = float_add(f3, 1.0)
f5 = call(i2, f4, i2, f0, f1, 3, descr=fmix6)
f6 = call_pure(f5, f5, descr=fmuladd)
i7 = float_lt(f6, f3)
finish(f3, f4, f5, f6, i7)",
    );
    for &a in FLOATS {
        for &b in &[0.5, -3.0, f64::NAN, f64::INFINITY] {
            p.check(&Env::new(&[f(a), f(b), 11]));
        }
    }
}

pub fn call_results_feed_guards_and_loops() {
    let p = compile(
        "[i0, i1]
label(i0, i1)
i2 = call(i0, descr=f1)
i3 = int_and(i2, 7)
i4 = int_add(i1, i3)
i5 = int_add(i0, 1)
i6 = int_lt(i5, 1000)
guard_true(i6) [0,0: i5, i4, i2]
jump(i5, i4, descr=self)",
    );
    let r = p.check(&Env::new(&[0, 0]));
    assert_eq!(r.exit(), Exit::Guard(0));
    assert_eq!(r.calls.len(), 1000);
}

pub fn exceptions_from_residual_calls() {
    // raise_if_neg raises 2*x for negative x; guard_no_exception exits with
    // the exception still pending; guard_exception catches it.
    let no_exc = compile(
        "[i0, i1]
i2 = call(i0, descr=raise_if_neg)
guard_no_exception() [0,0: i0, i1]
i3 = int_add(i2, i1)
finish(i3)",
    );
    let r = no_exc.check(&Env::new(&[5, 10]));
    assert_eq!((r.exit(), r.buf[0], r.ctx), (Exit::Finish, 16, [0, 0, 0]));
    let r = no_exc.check(&Env::new(&[-4i64 as u64, 10]));
    assert_eq!((r.exit(), &r.buf[..2], r.ctx), (Exit::Guard(0), &[-4i64 as u64, 10][..], [1, -8i64 as u64, 0]));

    let catch = compile(
        "[i0]
i1 = call(i0, descr=raise_if_neg)
i2 = guard_exception() [0,0: i0, i1]
i3 = call(i2, descr=raise_if_neg)
guard_no_exception() [0,1: i2, i3]
finish(i2, i3)",
    );
    // No exception: guard_exception fails.
    let r = catch.check(&Env::new(&[3]));
    assert_eq!((r.exit(), &r.buf[..2]), (Exit::Guard(0), &[3u64, 4][..]));
    // Raises -6, caught; then raise_if_neg(-6) raises again.
    let r = catch.check(&Env::new(&[-3i64 as u64]));
    assert_eq!((r.exit(), r.ctx), (Exit::Guard(1), [1, -12i64 as u64, 0]));
    assert_eq!(r.buf[0], -6i64 as u64);
}

pub fn pending_exception_is_reread_after_each_call() {
    // The exception word is loaded after every call, not hoisted: the
    // loop's first iterations pass guard_no_exception, then a call raises.
    let p = compile(
        "[i0]
label(i0)
i1 = int_sub(i0, 1)
i2 = call(i1, descr=raise_if_neg)
guard_no_exception() [0,0: i1]
jump(i1, descr=self)",
    );
    let r = p.check(&Env::new(&[100]));
    assert_eq!((r.exit(), r.buf[0]), (Exit::Guard(0), -1i64 as u64));
    assert_eq!(r.calls.len(), 101);
}

/// The cases of this file, by name.
pub const CASES: &[(&str, fn())] = &[
    ("calls::calls_with_zero_to_six_int_args", calls_with_zero_to_six_int_args),
    ("calls::constant_args_of_every_type", constant_args_of_every_type),
    ("calls::float_args_and_results", float_args_and_results),
    ("calls::call_results_feed_guards_and_loops", call_results_feed_guards_and_loops),
    ("calls::exceptions_from_residual_calls", exceptions_from_residual_calls),
    ("calls::pending_exception_is_reread_after_each_call", pending_exception_is_reread_after_each_call),
];
