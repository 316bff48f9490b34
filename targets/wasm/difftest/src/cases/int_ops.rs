//! Integer and reference ops on edge values, the Wasm backend against the evaluator.

use crate::harness::*;
use kiln::backend::Exit;

const BINARY: &[&str] = &[
    "int_add",
    "int_sub",
    "int_mul",
    "int_and",
    "int_or",
    "int_xor",
    "int_lshift",
    "int_rshift",
    "uint_rshift",
    "int_lt",
    "int_le",
    "int_eq",
    "int_ne",
    "int_gt",
    "int_ge",
    "uint_lt",
    "uint_le",
    "uint_gt",
    "uint_ge",
    "ptr_eq",
    "ptr_ne",
];

fn pairs() -> Vec<(i64, i64)> {
    let mut v = Vec::new();
    for &a in INTS {
        for &b in INTS {
            v.push((a, b));
        }
    }
    v
}

pub fn binary_ops_on_values() {
    for op in BINARY {
        let (a_ty, b_ty) = if op.starts_with("ptr") { ("r", "r") } else { ("i", "i") };
        let p = compile(&format!("[{a_ty}0, {b_ty}1]\ni2 = {op}({a_ty}0, {b_ty}1)\nfinish(i2, {a_ty}0)"));
        for (a, b) in pairs() {
            p.check(&Env::new(&[a as u64, b as u64]));
        }
    }
}

pub fn binary_ops_with_constants() {
    // A constant on either side exercises the immediate forms.
    for op in BINARY.iter().filter(|o| !o.starts_with("ptr")) {
        for &k in INTS {
            let right = compile(&format!("[i0]\ni1 = {op}(i0, {k})\nfinish(i1)"));
            let left = compile(&format!("[i0]\ni1 = {op}({k}, i0)\nfinish(i1)"));
            for &a in INTS {
                right.check(&Env::new(&[a as u64]));
                left.check(&Env::new(&[a as u64]));
            }
        }
    }
}

pub fn shifts_by_64_and_more_wrap_the_amount() {
    for op in ["int_lshift", "int_rshift", "uint_rshift"] {
        let p = compile(&format!("[i0, i1]\ni2 = {op}(i0, i1)\nfinish(i2)"));
        for amount in [0i64, 1, 63, 64, 65, 127, 128, 200, -1, -63, -64, i64::MIN, i64::MAX] {
            for &a in &[1i64, -1, i64::MIN, 0x0123_4567_89AB_CDEF] {
                p.check(&Env::new(&[a as u64, amount as u64]));
            }
        }
    }
    let (_, v) = check("[i0]\ni1 = int_lshift(i0, 65)\nfinish(i1)", &[3]);
    assert_eq!(v, vec![6]);
}

pub fn division_and_modulo_truncate_and_wrap() {
    for op in ["int_div", "int_mod"] {
        let p = compile(&format!("[i0, i1]\ni2 = {op}(i0, i1)\nfinish(i2)"));
        for (a, b) in pairs() {
            if b != 0 {
                p.check(&Env::new(&[a as u64, b as u64]));
            }
        }
        for &k in INTS.iter().filter(|&&k| k != 0) {
            let c = compile(&format!("[i0]\ni1 = {op}(i0, {k})\nfinish(i1)"));
            for &a in INTS {
                c.check(&Env::new(&[a as u64]));
            }
        }
    }
    let (_, v) = check("[i0]\ni1 = int_div(i0, -1)\ni2 = int_mod(i0, -1)\nfinish(i1, i2)", &[i64::MIN as u64]);
    assert_eq!(v, vec![i64::MIN as u64, 0]);
    let (_, v) = check("[i0, i1]\ni2 = int_div(i0, i1)\ni3 = int_mod(i0, i1)\nfinish(i2, i3)", &[-7i64 as u64, 2]);
    assert_eq!(v, vec![-3i64 as u64, -1i64 as u64]);
}

pub fn division_by_zero_does_not_crash_compiled_code() {
    // The IR defines division by zero (x / 0 = x, x % 0 = 0) so that
    // compiled code never traps.
    let p =
        compile("[i0, i1]\ni2 = int_div(i0, i1)\ni3 = int_mod(i0, i1)\ni4 = int_div(i0, 0)\ni5 = int_mod(i0, 0)\nfinish(i2, i3, i4, i5)");
    for a in [17i64, -5, i64::MIN, i64::MAX] {
        let (exit, v) = p.outcome(&Env::new(&[a as u64, 0]));
        assert_eq!((exit, v), (Exit::Finish, vec![a as u64, 0, a as u64, 0]));
    }
}

pub fn unary_ops() {
    for op in ["int_neg", "int_invert", "int_is_zero", "int_is_true", "same_as", "cast_int_to_ptr"] {
        let p = compile(&format!("[i0]\ni1 = {op}(i0)\nfinish(i1)"));
        for &a in INTS {
            p.check(&Env::new(&[a as u64]));
        }
    }
    let p = compile("[r0]\ni1 = cast_ptr_to_int(r0)\nr2 = same_as(r0)\nfinish(i1, r2)");
    for &a in INTS {
        p.check(&Env::new(&[a as u64]));
    }
}

pub fn overflow_ops_with_both_guards() {
    for op in ["int_add_ovf", "int_sub_ovf", "int_mul_ovf"] {
        let no = compile(&format!("[i0, i1]\ni2 = {op}(i0, i1)\nguard_no_overflow() [1,2: i0, i1, 5]\nfinish(i2)"));
        let yes = compile(&format!("[i0, i1]\ni2 = {op}(i0, i1)\nguard_overflow() [1,2: i1, i0]\nfinish(i2)"));
        let mut overflowed = 0;
        for (a, b) in pairs() {
            let (e1, _) = no.outcome(&Env::new(&[a as u64, b as u64]));
            let (e2, _) = yes.outcome(&Env::new(&[a as u64, b as u64]));
            assert_ne!(e1, e2);
            if e1 == Exit::Guard(0) {
                overflowed += 1;
            }
        }
        assert!(overflowed > 10, "{op}: too few overflowing cases");
    }
}

pub fn overflow_flag_is_the_latest_ovf_op() {
    // A non-ovf op in between does not touch the flag; a later ovf op
    // replaces it.
    let p = compile(
        "[i0, i1]
i2 = int_add_ovf(i0, i1)
i3 = int_add(i0, i1)
i4 = int_mul_ovf(i3, 2)
guard_no_overflow() [0,0: i2, i3, i4]
finish(i2, i4)",
    );
    for (a, b) in pairs() {
        p.check(&Env::new(&[a as u64, b as u64]));
    }
}

pub fn comparison_results_are_words() {
    // Booleans flow into arithmetic, memory-free exits and further compares.
    let p = compile(
        "[i0, i1]
i2 = int_lt(i0, i1)
i3 = uint_gt(i0, i1)
i4 = int_add(i2, i3)
i5 = int_eq(i2, i3)
i6 = int_lshift(i2, 40)
finish(i2, i3, i4, i5, i6)",
    );
    for (a, b) in pairs() {
        p.check(&Env::new(&[a as u64, b as u64]));
    }
}

/// The cases of this file, by name.
pub const CASES: &[(&str, fn())] = &[
    ("int_ops::binary_ops_on_values", binary_ops_on_values),
    ("int_ops::binary_ops_with_constants", binary_ops_with_constants),
    ("int_ops::shifts_by_64_and_more_wrap_the_amount", shifts_by_64_and_more_wrap_the_amount),
    ("int_ops::division_and_modulo_truncate_and_wrap", division_and_modulo_truncate_and_wrap),
    ("int_ops::division_by_zero_does_not_crash_compiled_code", division_by_zero_does_not_crash_compiled_code),
    ("int_ops::unary_ops", unary_ops),
    ("int_ops::overflow_ops_with_both_guards", overflow_ops_with_both_guards),
    ("int_ops::overflow_flag_is_the_latest_ovf_op", overflow_flag_is_the_latest_ovf_op),
    ("int_ops::comparison_results_are_words", comparison_results_are_words),
];
