//! The typical 50-op loop trace (also used by the Cranelift compile-time
//! benchmark) compiles
//! and agrees with the evaluator. Tests never time anything: speed is for
//! benchmarks.

use crate::harness::*;

pub fn typical_trace_matches_the_evaluator() {
    let p = compile(TYPICAL);
    let obj = new_obj();
    let arr = kiln::gc::alloc_var(&WORDS, 64);
    unsafe {
        (*(obj as *mut Obj)).i32_ = 5;
        (*(obj as *mut Obj)).f64_ = 2.0;
        for i in 0..64 {
            *((arr + ARRAY_BASE + 8 * i) as *mut u64) = (i * 977) as u64;
        }
    }
    let env = Env::new(&[obj as u64, 3, f(1.5), arr as u64, 0]).with_objects(&[obj, arr]);
    let r = p.check(&env);
    assert!(matches!(r.exit(), kiln::backend::Exit::Guard(_)), "the loop ends through a guard: {:?}", r.exit());
}

/// The cases of this file, by name.
pub const CASES: &[(&str, fn())] = &[
    ("typical::typical_trace_matches_the_evaluator", typical_trace_matches_the_evaluator),
];
