//! CPython-compatible hashing of ints, floats, tuples and frozensets
//! (strings use their own stable hash; CPython randomizes those anyway).

use super::*;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

const MODULUS: u64 = (1 << 61) - 1;

pub fn int_hash(i: i64) -> i64 {
    let a = i.unsigned_abs() % MODULUS;
    let h = if i < 0 { -(a as i64) } else { a as i64 };
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn bigint_hash(b: &BigInt) -> i64 {
    let m = BigInt::from(MODULUS);
    let a = (b.abs() % &m).to_i64().unwrap_or(0);
    let h = if b.is_negative() { -a } else { a };
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn float_hash(f: f64) -> i64 {
    if f.is_nan() {
        return 0;
    }
    if f.is_infinite() {
        return if f > 0.0 { 314159 } else { -314159 };
    }
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        return int_hash(f as i64);
    }
    // CPython's _Py_HashDouble.
    let (mut m, mut e) = frexp(f);
    let mut sign = 1i64;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 { e % 61 } else { 61 - 1 - ((-1 - e) % 61) };
    x = ((x << e) & MODULUS) | (x >> (61 - e));
    let h = (x as i64) * sign;
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn frexp(f: f64) -> (f64, i32) {
    if f == 0.0 || !f.is_finite() {
        return (f, 0);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(f * 2f64.powi(64));
        return (m, e - 64);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, e)
}

pub fn str_hash(s: &PyStr) -> i64 {
    let h = s.hash.get();
    if h != crate::object::HASH_UNSET {
        return h;
    }
    // FNV-1a, folded away from -1.
    let mut x: u64 = 0xcbf29ce484222325;
    for b in s.s.bytes() {
        x ^= b as u64;
        x = x.wrapping_mul(0x100000001b3);
    }
    let mut h = (x >> 1) as i64;
    if h == -1 {
        h = -2;
    }
    s.hash.set(h);
    h
}

fn bytes_hash(b: &[u8]) -> i64 {
    let mut x: u64 = 0xcbf29ce484222325;
    for &c in b {
        x ^= c as u64;
        x = x.wrapping_mul(0x100000001b3);
    }
    (x >> 1) as i64
}

pub fn tuple_hash(items: &[Value]) -> PyResult<i64> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for &it in items {
        let lane = hash_value(it)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return Ok(1546275796);
    }
    Ok(acc as i64)
}

fn frozenset_hash(s: &set::Set) -> i64 {
    fn shuffle(h: u64) -> u64 {
        ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
    }
    let mut hash: u64 = 0;
    for (h, _) in s.hashed_items() {
        hash ^= shuffle(h as u64);
    }
    hash ^= (s.len() as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        hash = 590923713;
    }
    hash as i64
}

pub fn id_hash(addr: usize) -> i64 {
    (addr >> 4) as i64
}

/// `hash(v)`.
pub fn hash_value(v: Value) -> PyResult<i64> {
    use crate::value::*;
    match v.tag {
        T_INT | T_BOOL => return Ok(int_hash(v.i())),
        T_FLOAT => return Ok(float_hash(v.f())),
        T_NONE => return Ok(0xfcb2_4f1a),
        _ => {}
    }
    let o = v.objref();
    match &o.get().kind {
        Kind::Str(s) => Ok(str_hash(s)),
        Kind::BigInt(b) => Ok(bigint_hash(b)),
        Kind::Tuple(t) => tuple_hash(t),
        Kind::Bytes(b) => Ok(bytes_hash(b)),
        Kind::Complex(r, i) => {
            let h = float_hash(*r).wrapping_add(1000003i64.wrapping_mul(float_hash(*i)));
            Ok(if h == -1 { -2 } else { h })
        }
        Kind::FrozenSet(s) => Ok(frozenset_hash(s)),
        Kind::List(_) | Kind::Dict(_) | Kind::Set(_) | Kind::ByteArray(_) | Kind::Deque { .. } => {
            if !types::type_data(o.get().class).is_builtin {
                return instance_hash(v);
            }
            Err(type_error(format!("unhashable type: '{}'", type_name(v))))
        }
        Kind::Instance(_) => instance_hash(v),
        Kind::Slice { .. } => Err(type_error("unhashable type: 'slice'".into())),
        Kind::Method { func, this } => Ok(hash_value(*func)? ^ hash_value(*this)?),
        _ => Ok(id_hash(o.0)),
    }
}

fn instance_hash(v: Value) -> PyResult<i64> {
    let t = type_of(v);
    match types::lookup_str(t, "__hash__") {
        Some(h) if h.is_none() => Err(type_error(format!("unhashable type: '{}'", type_name(v)))),
        Some(h) if !is_builtin_slot(h) => {
            let r = call::call(h, &[v], &[])?;
            match r.as_int() {
                Some(i) => Ok(if i == -1 { -2 } else { i }),
                None => match kind(r) {
                    Some(Kind::BigInt(b)) => Ok(bigint_hash(b)),
                    _ => Err(type_error("__hash__ method should return an integer".into())),
                },
            }
        }
        _ => {
            // A class that defines __eq__ without __hash__ is unhashable.
            let eq = types::lookup_str(t, "__eq__");
            if let Some(e) = eq {
                if !is_builtin_slot(e) {
                    return Err(type_error(format!("unhashable type: '{}'", type_name(v))));
                }
            }
            match kind(v) {
                Some(Kind::Instance(i)) if !i.base.is_null() => hash_value(i.base),
                _ => Ok(id_hash(v.payload as usize)),
            }
        }
    }
}

/// Whether a type attribute is one of the built-in default slot methods.
pub fn is_builtin_slot(v: Value) -> bool {
    match kind(v) {
        Some(Kind::Builtin(_)) => true,
        Some(Kind::StaticMethod(f)) | Some(Kind::ClassMethod(f)) => matches!(kind(*f), Some(Kind::Builtin(_))),
        _ => false,
    }
}
