//! Integer bounds: the range each int value is known to lie in, from
//! constants, the ops that compute it, and the guards it passed. The
//! forward pass uses them to fold comparisons and to turn overflow-checked
//! arithmetic that cannot overflow into plain arithmetic (dropping its
//! guard) — so `i + 1` after `i < n` costs no overflow check.

use crate::ir::{MemKind, Opcode};

/// A closed interval of `i64`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Bound {
    pub lo: i64,
    pub hi: i64,
}

impl Bound {
    pub const FULL: Bound = Bound { lo: i64::MIN, hi: i64::MAX };
    pub const BOOL: Bound = Bound { lo: 0, hi: 1 };

    pub fn exact(v: i64) -> Bound {
        Bound { lo: v, hi: v }
    }

    pub fn new(lo: i64, hi: i64) -> Bound {
        Bound { lo, hi }
    }

    pub fn is_full(self) -> bool {
        self == Bound::FULL
    }

    pub fn nonnegative(self) -> bool {
        self.lo >= 0
    }

    /// The intersection (an empty result is returned unchanged as `self`:
    /// the code is unreachable then, and nothing is gained by noticing).
    pub fn meet(self, o: Bound) -> Bound {
        let b = Bound { lo: self.lo.max(o.lo), hi: self.hi.min(o.hi) };
        if b.lo > b.hi {
            self
        } else {
            b
        }
    }

    /// Bounds of the values a load of `kind` can produce.
    pub fn of_kind(kind: MemKind) -> Bound {
        match kind {
            MemKind::I8 => Bound::new(i8::MIN as i64, i8::MAX as i64),
            MemKind::U8 => Bound::new(0, u8::MAX as i64),
            MemKind::I16 => Bound::new(i16::MIN as i64, i16::MAX as i64),
            MemKind::U16 => Bound::new(0, u16::MAX as i64),
            MemKind::I32 => Bound::new(i32::MIN as i64, i32::MAX as i64),
            MemKind::U32 => Bound::new(0, u32::MAX as i64),
            // Sizes and user-space addresses stay below 2**63 on every
            // supported target, so pointer-sized words are non-negative.
            MemKind::Word => Bound::new(0, i64::MAX),
            _ => Bound::FULL,
        }
    }
}

/// `a + b` without overflow, if the bounds prove it.
pub fn add(a: Bound, b: Bound) -> Option<Bound> {
    Some(Bound { lo: a.lo.checked_add(b.lo)?, hi: a.hi.checked_add(b.hi)? })
}

/// `a - b` without overflow, if the bounds prove it.
pub fn sub(a: Bound, b: Bound) -> Option<Bound> {
    Some(Bound { lo: a.lo.checked_sub(b.hi)?, hi: a.hi.checked_sub(b.lo)? })
}

/// `a * b` without overflow, if the bounds prove it.
pub fn mul(a: Bound, b: Bound) -> Option<Bound> {
    let c = [a.lo.checked_mul(b.lo)?, a.lo.checked_mul(b.hi)?, a.hi.checked_mul(b.lo)?, a.hi.checked_mul(b.hi)?];
    Some(Bound { lo: *c.iter().min().unwrap(), hi: *c.iter().max().unwrap() })
}

/// Bounds of an op's result from its arguments' bounds (`FULL` when
/// nothing is known). For overflow-checked ops, the bounds of the result
/// when it does not overflow.
pub fn of_op(opcode: Opcode, a: &[Bound]) -> Bound {
    use Opcode::*;
    if opcode.returns_bool() {
        return Bound::BOOL;
    }
    match opcode {
        IntAdd | IntAddOvf => add(a[0], a[1]).unwrap_or(Bound::FULL),
        IntSub | IntSubOvf => sub(a[0], a[1]).unwrap_or(Bound::FULL),
        IntMul | IntMulOvf => mul(a[0], a[1]).unwrap_or(Bound::FULL),
        IntAnd => {
            // x & m with m >= 0 lies in [0, m]; with both non-negative, in [0, min].
            match (a[0].nonnegative(), a[1].nonnegative()) {
                (true, true) => Bound::new(0, a[0].hi.min(a[1].hi)),
                (true, false) => Bound::new(0, a[0].hi),
                (false, true) => Bound::new(0, a[1].hi),
                _ => Bound::FULL,
            }
        }
        IntMod => {
            // Truncating remainder: |r| < |divisor|, and r >= 0 when a >= 0.
            if a[1].lo > 0 {
                let m = a[1].hi - 1;
                if a[0].nonnegative() {
                    Bound::new(0, m.min(a[0].hi))
                } else {
                    Bound::new(-m, m)
                }
            } else {
                Bound::FULL
            }
        }
        UintRshift if a[1].lo == a[1].hi && (1..64).contains(&a[1].lo) => Bound::new(0, (u64::MAX >> a[1].lo) as i64),
        IntRshift if a[1].lo == a[1].hi && (0..64).contains(&a[1].lo) => {
            let k = a[1].lo as u32;
            Bound::new(a[0].lo >> k, a[0].hi >> k)
        }
        IntNeg if a[0].lo > i64::MIN => Bound::new(-a[0].hi, -a[0].lo),
        SameAs => a[0],
        _ => Bound::FULL,
    }
}

/// The constant result of a comparison, if the bounds decide it.
pub fn compare(opcode: Opcode, a: Bound, b: Bound) -> Option<bool> {
    use Opcode::*;
    match opcode {
        IntLt if a.hi < b.lo => Some(true),
        IntLt if a.lo >= b.hi => Some(false),
        IntLe if a.hi <= b.lo => Some(true),
        IntLe if a.lo > b.hi => Some(false),
        IntGt => compare(IntLt, b, a),
        IntGe => compare(IntLe, b, a),
        IntEq if a.hi < b.lo || b.hi < a.lo => Some(false),
        IntNe if a.hi < b.lo || b.hi < a.lo => Some(true),
        // Unsigned comparisons agree with signed ones on non-negative values.
        UintLt if a.nonnegative() && b.nonnegative() => compare(IntLt, a, b),
        UintGe if a.nonnegative() && b.nonnegative() => compare(IntLt, a, b).map(|x| !x),
        UintLe if a.nonnegative() && b.nonnegative() => compare(IntLe, a, b),
        UintGt if a.nonnegative() && b.nonnegative() => compare(IntLe, a, b).map(|x| !x),
        _ => None,
    }
}

/// What `a OP b == taken` proves about `a` and `b`.
pub fn refine(opcode: Opcode, taken: bool, a: Bound, b: Bound) -> (Bound, Bound) {
    use Opcode::*;
    // Normalize to "a < b", "a <= b", or equality.
    let (op, a, b, swapped) = match (opcode, taken) {
        (IntLt, true) | (IntGe, false) => (IntLt, a, b, false),
        (IntLe, true) | (IntGt, false) => (IntLe, a, b, false),
        (IntGt, true) | (IntLe, false) => (IntLt, b, a, true),
        (IntGe, true) | (IntLt, false) => (IntLe, b, a, true),
        (IntEq, true) | (IntNe, false) => {
            let m = a.meet(b);
            return (m, m);
        }
        // x <u n with n >= 0 means 0 <= x < n.
        (UintLt, true) | (UintGe, false) if b.nonnegative() => {
            let na = a.meet(Bound::new(0, b.hi.saturating_sub(1)));
            return (na, b);
        }
        (UintGe, true) | (UintLt, false) if a.nonnegative() => {
            // b <=u a with a >= 0: 0 <= b <= a.
            let nb = b.meet(Bound::new(0, a.hi));
            return (a, nb);
        }
        _ => return (a, b),
    };
    let (na, nb) = match op {
        IntLt => (a.meet(Bound::new(i64::MIN, b.hi.saturating_sub(1))), b.meet(Bound::new(a.lo.saturating_add(1), i64::MAX))),
        _ => (a.meet(Bound::new(i64::MIN, b.hi)), b.meet(Bound::new(a.lo, i64::MAX))),
    };
    if swapped {
        (nb, na)
    } else {
        (na, nb)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refinement_of_less_than() {
        let (a, b) = refine(Opcode::IntLt, true, Bound::FULL, Bound::new(0, 100));
        assert_eq!(a, Bound::new(i64::MIN, 99));
        assert_eq!(b, Bound::new(0, 100));
        let (a, _) = refine(Opcode::IntLt, false, Bound::FULL, Bound::exact(10));
        assert_eq!(a, Bound::new(10, i64::MAX));
        let (_, b) = refine(Opcode::IntGt, true, Bound::exact(5), Bound::FULL);
        assert_eq!(b, Bound::new(i64::MIN, 4));
    }

    #[test]
    fn unsigned_bounds_checks_give_index_ranges() {
        let (i, _) = refine(Opcode::UintLt, true, Bound::FULL, Bound::new(0, 50));
        assert_eq!(i, Bound::new(0, 49));
        let (i, _) = refine(Opcode::UintGe, false, Bound::FULL, Bound::new(0, 50));
        assert_eq!(i, Bound::new(0, 49));
    }

    #[test]
    fn arithmetic_and_comparisons() {
        assert_eq!(add(Bound::new(0, 99), Bound::exact(1)), Some(Bound::new(1, 100)));
        assert_eq!(add(Bound::new(0, i64::MAX), Bound::exact(1)), None);
        assert_eq!(of_op(Opcode::IntAnd, &[Bound::FULL, Bound::exact(255)]), Bound::new(0, 255));
        assert_eq!(of_op(Opcode::IntMod, &[Bound::new(0, 1000), Bound::exact(7)]), Bound::new(0, 6));
        assert_eq!(compare(Opcode::IntLt, Bound::new(0, 5), Bound::new(6, 9)), Some(true));
        assert_eq!(compare(Opcode::IntGe, Bound::new(0, 5), Bound::new(6, 9)), Some(false));
        assert_eq!(compare(Opcode::IntLt, Bound::new(0, 6), Bound::new(6, 9)), None);
    }
}
