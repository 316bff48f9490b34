//! The `random` module: CPython's Mersenne Twister, seeding and the
//! derived functions (`_randbelow`, randrange, choice, shuffle, sample, ...)
//! exactly as CPython 3.11 computes them, so seeded sequences match.

use super::*;
use crate::builtins::{kwarg, method, to_index};
use crate::runtime::{iter, num, ops};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

pub struct Mt {
    pub state: [u32; 624],
    pub index: usize,
    /// The second value of the last Box-Muller pair (CPython's gauss_next).
    pub gauss_next: Option<f64>,
}

impl Mt {
    pub fn new() -> Mt {
        let mut m = Mt { state: [0; 624], index: 625, gauss_next: None };
        m.seed_time();
        m
    }

    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..624 {
            let prev = self.state[i - 1];
            self.state[i] = 1812433253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(i as u32);
        }
        self.index = 624;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19650218);
        let n = 624;
        let (mut i, mut j) = (1usize, 0usize);
        let len = key.len().max(1);
        let mut k = n.max(len);
        while k > 0 {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1664525)).wrapping_add(*key.get(j).unwrap_or(&0)).wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= n {
                self.state[0] = self.state[n - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
            k -= 1;
        }
        k = n - 1;
        while k > 0 {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1566083941)).wrapping_sub(i as u32);
            i += 1;
            if i >= n {
                self.state[0] = self.state[n - 1];
                i = 1;
            }
            k -= 1;
        }
        self.state[0] = 0x80000000;
        self.index = 624;
    }

    pub fn seed_int(&mut self, a: &BigInt) {
        self.gauss_next = None;
        let mut x = a.abs();
        let mut key = vec![];
        let mask = BigInt::from(0xffffffffu64);
        while !x.is_zero() {
            key.push((&x & &mask).to_u32().unwrap_or(0));
            x >>= 32;
        }
        if key.is_empty() {
            key.push(0);
        }
        self.init_by_array(&key);
    }

    fn seed_time(&mut self) {
        let t = (kiln::clock::now() * 1e9) as u64 ^ 0x9E3779B97F4A7C15;
        self.init_by_array(&[t as u32, (t >> 32) as u32]);
    }

    pub fn genrand(&mut self) -> u32 {
        if self.index >= 624 {
            for kk in 0..624 {
                let y = (self.state[kk] & 0x80000000) | (self.state[(kk + 1) % 624] & 0x7fffffff);
                let mut v = self.state[(kk + 397) % 624] ^ (y >> 1);
                if y & 1 != 0 {
                    v ^= 0x9908b0df;
                }
                self.state[kk] = v;
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        y
    }

    pub fn random(&mut self) -> f64 {
        let a = (self.genrand() >> 5) as f64;
        let b = (self.genrand() >> 6) as f64;
        (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
    }

    pub fn getrandbits(&mut self, k: u64) -> BigInt {
        if k == 0 {
            return BigInt::zero();
        }
        if k <= 32 {
            return BigInt::from(self.genrand() >> (32 - k));
        }
        let words = k.div_ceil(32);
        let mut out = BigInt::zero();
        let mut rem = k;
        for i in 0..words {
            let mut r = self.genrand();
            if rem < 32 {
                r >>= 32 - rem;
            }
            out |= BigInt::from(r) << (32 * i as usize);
            rem = rem.saturating_sub(32);
        }
        out
    }

    pub fn randbelow(&mut self, n: &BigInt) -> BigInt {
        let k = n.bits();
        let mut r = self.getrandbits(k);
        while &r >= n {
            r = self.getrandbits(k);
        }
        r
    }
}

impl Default for Mt {
    fn default() -> Self {
        Mt::new()
    }
}

fn mt_of(v: Value) -> PyResult<&'static mut Mt> {
    match rt::kind(ops::unwrap_base(v)) {
        Some(Kind::Random(m)) => Ok(m),
        _ => Err(rt::type_error("descriptor requires a 'random.Random' object".into())),
    }
}

fn seed(m: &mut Mt, a: Value) -> PyResult<()> {
    if a.is_none() {
        m.seed_time();
        return Ok(());
    }
    if let Some(b) = num::to_bigint(ops::unwrap_base(a)) {
        m.seed_int(&b);
        return Ok(());
    }
    if let Some(f) = a.as_float() {
        let h = crate::runtime::hash::float_hash(f);
        m.seed_int(&BigInt::from(h));
        return Ok(());
    }
    if let Some(s) = rt::as_str(a) {
        let mut bytes = s.s.as_bytes().to_vec();
        bytes.reverse();
        m.seed_int(&BigInt::from_bytes_le(num_bigint::Sign::Plus, &bytes));
        return Ok(());
    }
    Err(rt::type_error("The only supported seed types are: None,\nint, float, str, bytes, and bytearray.".into()))
}

fn randrange(m: &mut Mt, a: &[Value]) -> PyResult<Value> {
    let istart = num::to_bigint(ops::unwrap_base(a[0])).ok_or_else(|| rt::type_error(format!("'{}' object cannot be interpreted as an integer", rt::type_name(a[0]))))?;
    let stop = a.get(1).copied().filter(|v| !v.is_none());
    let Some(stop) = stop else {
        if istart.is_positive() {
            return Ok(num::from_bigint(m.randbelow(&istart)));
        }
        return Err(rt::value_error("empty range for randrange()".into()));
    };
    let istop = num::to_bigint(ops::unwrap_base(stop)).ok_or_else(|| rt::type_error(format!("'{}' object cannot be interpreted as an integer", rt::type_name(stop))))?;
    let width = &istop - &istart;
    let istep = match a.get(2) {
        Some(s) => num::to_bigint(ops::unwrap_base(*s)).ok_or_else(|| rt::type_error("step must be an integer".into()))?,
        None => BigInt::from(1),
    };
    if istep == BigInt::from(1) {
        if width.is_positive() {
            return Ok(num::from_bigint(&istart + m.randbelow(&width)));
        }
        return Err(rt::value_error(format!("empty range for randrange() ({}, {}, {})", istart, istop, width)));
    }
    use num_integer::Integer;
    let n = if istep.is_positive() {
        (&width + &istep - BigInt::from(1)).div_floor(&istep)
    } else if istep.is_negative() {
        (&width + &istep + BigInt::from(1)).div_floor(&istep)
    } else {
        return Err(rt::value_error("zero step for randrange()".into()));
    };
    if !n.is_positive() {
        return Err(rt::value_error("empty range for randrange()".into()));
    }
    Ok(num::from_bigint(&istart + &istep * m.randbelow(&n)))
}

fn choice(m: &mut Mt, seq: Value) -> PyResult<Value> {
    let n = ops::len(seq)?;
    if n == 0 {
        return Err(rt::index_error("Cannot choose from an empty sequence"));
    }
    let i = m.randbelow(&BigInt::from(n)).to_i64().unwrap_or(0);
    ops::getitem(seq, Value::int(i))
}

fn sample(m: &mut Mt, pop: Value, k: i64) -> PyResult<Value> {
    let n = ops::len(pop)? as i64;
    if k < 0 || k > n {
        return Err(rt::value_error("Sample larger than population or is negative".into()));
    }
    let mut result = vec![Value::NONE; k as usize];
    let mut setsize = 21i64;
    if k > 5 {
        let l = ((k * 3) as f64).ln() / 4f64.ln();
        setsize += 4i64.pow(l.ceil() as u32);
    }
    if n <= setsize {
        let mut pool = iter::collect(pop)?;
        for i in 0..k {
            let j = m.randbelow(&BigInt::from(n - i)).to_i64().unwrap_or(0) as usize;
            result[i as usize] = pool[j];
            pool[j] = pool[(n - i - 1) as usize];
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for i in 0..k {
            let mut j = m.randbelow(&BigInt::from(n)).to_i64().unwrap_or(0);
            while selected.contains(&j) {
                j = m.randbelow(&BigInt::from(n)).to_i64().unwrap_or(0);
            }
            selected.insert(j);
            result[i as usize] = ops::getitem(pop, Value::int(j))?;
        }
    }
    Ok(rt::new_list(result))
}

fn shuffle(m: &mut Mt, x: Value) -> PyResult<()> {
    let n = ops::len(x)?;
    for i in (1..n).rev() {
        let j = m.randbelow(&BigInt::from(i + 1)).to_i64().unwrap_or(0);
        let a = ops::getitem(x, Value::int(i as i64))?;
        let b = ops::getitem(x, Value::int(j))?;
        ops::setitem(x, Value::int(i as i64), b)?;
        ops::setitem(x, Value::int(j), a)?;
    }
    Ok(())
}

fn f64_of(v: Value) -> PyResult<f64> {
    num::to_f64(ops::unwrap_base(v)).ok_or_else(|| rt::type_error(format!("must be real number, not {}", rt::type_name(v))))?
}

pub fn new_random(a: &[Value]) -> PyResult<Value> {
    let mut m = Mt::new();
    if let Some(s) = a.first() {
        seed(&mut m, *s)?;
    }
    Ok(rt::alloc(vm().t.random, Kind::Random(Box::new(m))))
}

pub fn init() -> PyResult<Value> {
    let (m, d) = new_module("random");
    let t = vm().t.random;
    type_data_module(t);
    method(t, "seed", |a, _| {
        seed(mt_of(a[0])?, a.get(1).copied().unwrap_or(Value::NONE))?;
        Ok(Value::NONE)
    });
    method(t, "random", |a, _| Ok(Value::float(mt_of(a[0])?.random())));
    method(t, "getstate", |a, _| {
        let m = mt_of(a[0])?;
        let mut words: Vec<Value> = m.state.iter().map(|&w| Value::int(w as i64)).collect();
        words.push(Value::int(m.index as i64));
        Ok(rt::new_tuple(vec![Value::int(3), rt::new_tuple(words), Value::NONE]))
    });
    method(t, "setstate", |a, _| {
        let st = rt::as_tuple(a[1]).ok_or_else(|| rt::type_error("state vector must be a tuple".into()))?;
        let words = st.get(1).and_then(|w| rt::as_tuple(*w)).ok_or_else(|| rt::value_error("state vector is the wrong size".into()))?;
        if words.len() != 625 {
            return Err(rt::value_error("state vector is the wrong size".into()));
        }
        let m = mt_of(a[0])?;
        for (i, w) in words[..624].iter().enumerate() {
            m.state[i] = w.as_int().unwrap_or(0) as u32;
        }
        m.index = words[624].as_int().unwrap_or(624) as usize;
        Ok(Value::NONE)
    });
    method(t, "getrandbits", |a, _| {
        let k = to_index(a[1], "")?;
        if k < 0 {
            return Err(rt::value_error("number of bits must be non-negative".into()));
        }
        Ok(num::from_bigint(mt_of(a[0])?.getrandbits(k as u64)))
    });
    method(t, "randrange", |a, _| randrange(mt_of(a[0])?, &a[1..]));
    method(t, "randint", |a, _| {
        let b1 = ops::binary_op(crate::bytecode::BinOp::Add, a[2], Value::int(1))?;
        randrange(mt_of(a[0])?, &[a[1], b1])
    });
    method(t, "choice", |a, _| choice(mt_of(a[0])?, a[1]));
    method(t, "shuffle", |a, _| {
        shuffle(mt_of(a[0])?, a[1])?;
        Ok(Value::NONE)
    });
    method(t, "sample", |a, k| {
        let kk = a.get(2).copied().or_else(|| kwarg(k, "k")).ok_or_else(|| rt::type_error("sample() missing 1 required positional argument: 'k'".into()))?;
        sample(mt_of(a[0])?, a[1], to_index(kk, "")?)
    });
    method(t, "uniform", |a, _| {
        let (lo, hi) = (f64_of(a[1])?, f64_of(a[2])?);
        Ok(Value::float(lo + (hi - lo) * mt_of(a[0])?.random()))
    });
    method(t, "choices", |a, k| {
        let m = mt_of(a[0])?;
        let pop = iter::collect(a[1])?;
        let kk = kwarg(k, "k").map(|v| to_index(v, "")).transpose()?.unwrap_or(1);
        let weights = a.get(2).copied().or_else(|| kwarg(k, "weights")).filter(|w| !w.is_none());
        let n = pop.len() as f64;
        let mut out = vec![];
        match weights {
            None => {
                for _ in 0..kk {
                    out.push(pop[(m.random() * n).floor() as usize]);
                }
            }
            Some(w) => {
                let mut cum = vec![];
                let mut acc = 0.0;
                for x in iter::collect(w)? {
                    acc += f64_of(x)?;
                    cum.push(acc);
                }
                let total = acc;
                for _ in 0..kk {
                    let r = m.random() * total;
                    let hi = pop.len() - 1;
                    let idx = cum[..hi].partition_point(|c| *c <= r);
                    out.push(pop[idx]);
                }
            }
        }
        Ok(rt::new_list(out))
    });
    method(t, "gauss", |a, _| {
        let (mu, sigma) = (f64_of(*a.get(1).unwrap_or(&Value::float(0.0)))?, f64_of(*a.get(2).unwrap_or(&Value::float(1.0)))?);
        let m = mt_of(a[0])?;
        let z = match m.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = m.random() * std::f64::consts::TAU;
                let g2rad = (-2.0 * (1.0 - m.random()).ln()).sqrt();
                m.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        Ok(Value::float(mu + z * sigma))
    });
    method(t, "expovariate", |a, _| {
        let l = f64_of(a[1])?;
        Ok(Value::float(-(1.0 - mt_of(a[0])?.random()).ln() / l))
    });
    add_value(d, "Random", t.val());
    let inst = new_random(&[])?;
    add_value(d, "_inst", inst);
    for name in ["seed", "random", "getrandbits", "randrange", "randint", "choice", "shuffle", "sample", "uniform", "choices", "gauss", "expovariate"] {
        let bound = attr::getattr(inst, rt::intern(name))?;
        add_value(d, name, bound);
    }
    Ok(m)
}

fn type_data_module(t: ObjRef) {
    crate::runtime::types::type_data(t).module = "random".into();
}
