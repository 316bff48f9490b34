//! Float ops on edge values (NaN, ±0.0, ±inf, subnormals, values beyond the
//! i64 range), the Wasm backend against the evaluator.

use crate::harness::*;

/// Float inputs as bit patterns, including NaNs with other payloads.
fn float_bits() -> Vec<u64> {
    let mut v: Vec<u64> = FLOATS.iter().map(|x| x.to_bits()).collect();
    v.extend([0xFFF8_0000_0000_0000, 0x7FF0_0000_0000_0001, 0x7FF8_0000_0000_0ABC, 1, 0x8000_0000_0000_0001]);
    v
}

pub fn binary_arithmetic() {
    for op in ["float_add", "float_sub", "float_mul", "float_truediv"] {
        let p = compile(&format!("[f0, f1]\nf2 = {op}(f0, f1)\nfinish(f2)"));
        let bits = float_bits();
        for &a in &bits {
            for &b in &bits {
                p.check(&Env::new(&[a, b]));
            }
        }
    }
}

pub fn comparisons_follow_rust_on_nan() {
    for op in ["float_lt", "float_le", "float_eq", "float_ne", "float_gt", "float_ge"] {
        let p = compile(&format!("[f0, f1]\ni2 = {op}(f0, f1)\nfinish(i2)"));
        let bits = float_bits();
        for &a in &bits {
            for &b in &bits {
                p.check(&Env::new(&[a, b]));
            }
        }
        for k in ["0.0", "-0.0", "1.5", "inf", "-inf", "nan"] {
            let c = compile(&format!("[f0]\ni1 = {op}(f0, {k})\ni2 = {op}({k}, f0)\nfinish(i1, i2)"));
            for &a in &bits {
                c.check(&Env::new(&[a]));
            }
        }
    }
    let (_, v) = check("[f0]\ni1 = float_ne(f0, f0)\ni2 = float_eq(f0, f0)\ni3 = float_lt(f0, 1.0)\nfinish(i1, i2, i3)", &[f(f64::NAN)]);
    assert_eq!(v, vec![1, 0, 0]);
    let (_, v) = check("[f0, f1]\ni2 = float_eq(f0, f1)\nfinish(i2)", &[f(0.0), f(-0.0)]);
    assert_eq!(v, vec![1]);
}

pub fn unary_ops_and_casts() {
    for (op, ret) in [("float_neg", "f"), ("float_abs", "f"), ("cast_float_to_int", "i"), ("float_to_bits", "i"), ("same_as", "f")] {
        let p = compile(&format!("[f0]\n{ret}1 = {op}(f0)\nfinish({ret}1)"));
        for a in float_bits() {
            p.check(&Env::new(&[a]));
        }
    }
    for op in ["cast_int_to_float", "bits_to_float"] {
        let p = compile(&format!("[i0]\nf1 = {op}(i0)\nfinish(f1)"));
        for &a in INTS {
            p.check(&Env::new(&[a as u64]));
        }
        for a in float_bits() {
            p.check(&Env::new(&[a]));
        }
    }
}

pub fn float_to_int_saturates() {
    let p = compile("[f0]\ni1 = cast_float_to_int(f0)\nfinish(i1)");
    for (x, want) in [
        (f64::NAN, 0i64),
        (f64::INFINITY, i64::MAX),
        (f64::NEG_INFINITY, i64::MIN),
        (1e300, i64::MAX),
        (-1e300, i64::MIN),
        (9.3e18, i64::MAX),
        (i64::MIN as f64, i64::MIN),
        (-2.9, -2),
        (2.9, 2),
        (-0.0, 0),
    ] {
        let (_, v) = p.outcome(&Env::new(&[f(x)]));
        assert_eq!(v, vec![want as u64], "{x}");
    }
}

pub fn float_constants_and_mixed_use() {
    // Constants of every kind, and float values used where ints are expected
    // (the IR is bits: a float passed to an int op is its bit pattern).
    let p = compile(
        "[f0, i1]
f2 = float_mul(f0, -0.0)
f3 = float_add(f2, inf)
f4 = float_sub(f3, nan)
f5 = float_truediv(1.0, f0)
i6 = float_to_bits(f5)
i7 = int_xor(i6, i1)
f8 = bits_to_float(i7)
f9 = cast_int_to_float(i1)
f10 = float_abs(-2.5)
i11 = cast_float_to_int(f9)
finish(f2, f3, f4, f5, i6, f8, f9, f10, i11)",
    );
    for &a in FLOATS {
        for &b in INTS {
            p.check(&Env::new(&[f(a), b as u64]));
        }
    }
}

pub fn signed_zero_survives_everything() {
    let (_, v) = check("[f0]\nf1 = float_neg(f0)\nf2 = float_abs(f1)\nf3 = float_mul(f0, -1.0)\nfinish(f1, f2, f3)", &[f(0.0)]);
    assert_eq!(v, vec![f(-0.0), f(0.0), f(-0.0)]);
}

/// The cases of this file, by name.
pub const CASES: &[(&str, fn())] = &[
    ("float_ops::binary_arithmetic", binary_arithmetic),
    ("float_ops::comparisons_follow_rust_on_nan", comparisons_follow_rust_on_nan),
    ("float_ops::unary_ops_and_casts", unary_ops_and_casts),
    ("float_ops::float_to_int_saturates", float_to_int_saturates),
    ("float_ops::float_constants_and_mixed_use", float_constants_and_mixed_use),
    ("float_ops::signed_zero_survives_everything", signed_zero_survives_everything),
];
