//! Randomized differential testing: a seeded generator writes a few
//! thousand traces (straight-line int and float code with guards, overflow
//! checks, field accesses and calls; some closed into small loops), and
//! each is run by the Wasm backend and the evaluator on several inputs.
//!
//! The generator tracks the concrete values of the first input set (with
//! `kiln::eval::fold`) so that most guards pass on it and traces run deep;
//! the other input sets take other exits. Set `KILN_FUZZ_SEED` and
//! `KILN_FUZZ_CASES` to explore further.

use crate::harness::*;
use kiln::ir::Opcode;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    fn int(&mut self) -> i64 {
        match self.below(4) {
            0 => *self.pick(INTS),
            1 => self.below(200) as i64 - 100,
            2 => self.next() as i64 >> self.below(64),
            _ => self.next() as i64,
        }
    }
    fn float(&mut self) -> f64 {
        match self.below(4) {
            0 => *self.pick(FLOATS),
            1 => self.below(2000) as f64 / 8.0 - 125.0,
            2 => (self.next() as i64 >> self.below(64)) as f64 / (1 + self.below(1000)) as f64,
            _ => f64::from_bits(self.next()),
        }
    }
}

#[derive(Copy, Clone, PartialEq)]
enum T {
    I,
    F,
}

struct Val {
    name: String,
    ty: T,
    /// The concrete value for the first input set, when known.
    known: Option<u64>,
}

struct Gen<'r> {
    rng: &'r mut Rng,
    vals: Vec<Val>,
    lines: Vec<String>,
    next_id: usize,
    /// Whether an ovf op set the flag (so a guard can read it).
    ovf: Option<bool>,
    has_obj: bool,
    guards: usize,
}

const INT_BIN: &[Opcode] = &[
    Opcode::IntAdd,
    Opcode::IntSub,
    Opcode::IntMul,
    Opcode::IntAnd,
    Opcode::IntOr,
    Opcode::IntXor,
    Opcode::IntLshift,
    Opcode::IntRshift,
    Opcode::UintRshift,
    Opcode::IntLt,
    Opcode::IntLe,
    Opcode::IntEq,
    Opcode::IntNe,
    Opcode::IntGt,
    Opcode::IntGe,
    Opcode::UintLt,
    Opcode::UintLe,
    Opcode::UintGt,
    Opcode::UintGe,
];
const INT_UN: &[Opcode] = &[Opcode::IntNeg, Opcode::IntInvert, Opcode::IntIsZero, Opcode::IntIsTrue, Opcode::SameAs];
const FLOAT_BIN: &[Opcode] = &[Opcode::FloatAdd, Opcode::FloatSub, Opcode::FloatMul, Opcode::FloatTrueDiv];
const FLOAT_CMP: &[Opcode] = &[Opcode::FloatLt, Opcode::FloatLe, Opcode::FloatEq, Opcode::FloatNe, Opcode::FloatGt, Opcode::FloatGe];
const OVF: &[Opcode] = &[Opcode::IntAddOvf, Opcode::IntSubOvf, Opcode::IntMulOvf];
const FIELDS: &[(&str, T)] = &[
    ("Obj.i8", T::I),
    ("Obj.u8", T::I),
    ("Obj.i16", T::I),
    ("Obj.u16", T::I),
    ("Obj.i32", T::I),
    ("Obj.u32", T::I),
    ("Obj.i64", T::I),
    ("Obj.f64", T::F),
    ("Obj.word", T::I),
];

impl Gen<'_> {
    fn fresh(&mut self, ty: T, known: Option<u64>) -> String {
        let name = format!("{}{}", if ty == T::I { 'i' } else { 'f' }, self.next_id);
        self.next_id += 1;
        self.vals.push(Val { name: name.clone(), ty, known });
        name
    }

    /// An operand of type `ty`: an existing value or (sometimes) a constant.
    fn operand(&mut self, ty: T) -> (String, Option<u64>) {
        let candidates: Vec<usize> = (0..self.vals.len()).filter(|&k| self.vals[k].ty == ty).collect();
        if candidates.is_empty() || self.rng.chance(20) {
            return match ty {
                T::I => {
                    let v = self.rng.int();
                    (v.to_string(), Some(v as u64))
                }
                T::F => {
                    let v = *self.rng.pick(&[0.0, -0.0, 1.5, -2.0, 1e10, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 0.1]);
                    (kiln::ir::text::float_text(v), Some(v.to_bits()))
                }
            };
        }
        // Prefer recent values so that chains of computation form.
        let k = if self.rng.chance(60) {
            candidates[candidates.len() - 1 - self.rng.below(candidates.len().min(4))]
        } else {
            *self.rng.pick(&candidates)
        };
        (self.vals[k].name.clone(), self.vals[k].known)
    }

    fn fold(op: Opcode, args: &[Option<u64>]) -> Option<(u64, bool)> {
        let words: Option<Vec<u64>> = args.iter().copied().collect();
        kiln::eval::fold(op, &words?)
    }

    fn emit(&mut self, op: Opcode, ty: T, args: &[(String, Option<u64>)]) -> String {
        let known: Vec<Option<u64>> = args.iter().map(|a| a.1).collect();
        let folded = Self::fold(op, &known);
        if op.is_ovf() {
            self.ovf = folded.map(|f| f.1);
        }
        let name = self.fresh(ty, folded.map(|f| f.0));
        let list: Vec<&str> = args.iter().map(|a| a.0.as_str()).collect();
        self.lines.push(format!("{name} = {}({})", op.name(), list.join(", ")));
        name
    }

    fn snapshot(&mut self) -> String {
        let n = 1 + self.rng.below(6);
        let mut slots = Vec::new();
        for _ in 0..n {
            if self.rng.chance(15) {
                slots.push(self.rng.pick(&["0", "-3", "2.5", "null", "nan"]).to_string());
            } else {
                let k = self.rng.below(self.vals.len());
                slots.push(self.vals[k].name.clone());
            }
        }
        if self.has_obj && self.rng.chance(20) {
            slots.push("r0".into());
        }
        format!("[{},{}: {}]", self.rng.below(5), self.guards, slots.join(", "))
    }

    fn guard(&mut self, text: String) {
        let snap = self.snapshot();
        self.lines.push(format!("{text} {snap}"));
        self.guards += 1;
    }

    /// A guard on an int value that passes on the first input set with
    /// high probability.
    fn int_guard(&mut self) {
        let (x, known) = self.operand(T::I);
        let pass = self.rng.chance(90);
        match (known, self.rng.below(3)) {
            (Some(v), 0) => {
                let k = if pass { v as i64 } else { v as i64 ^ 1 };
                self.guard(format!("guard_value({x}, {k})"));
            }
            (Some(v), _) => {
                let op = if (v != 0) == pass { "guard_true" } else { "guard_false" };
                self.guard(format!("{op}({x})"));
            }
            (None, _) => {
                let op = if self.rng.chance(50) { "guard_true" } else { "guard_false" };
                self.guard(format!("{op}({x})"));
            }
        }
    }

    fn step(&mut self) {
        match self.rng.below(100) {
            0..=29 => {
                let op = *self.rng.pick(INT_BIN);
                let a = self.operand(T::I);
                let b = self.operand(T::I);
                self.emit(op, T::I, &[a, b]);
            }
            30..=34 => {
                // Division by a value that is never zero.
                let op = if self.rng.chance(50) { Opcode::IntDiv } else { Opcode::IntMod };
                let a = self.operand(T::I);
                let d = self.operand(T::I);
                let nz = self.emit(Opcode::IntOr, T::I, &[d, ("1".into(), Some(1))]);
                let known = self.vals.last().unwrap().known;
                self.emit(op, T::I, &[a, (nz, known)]);
            }
            35..=39 => {
                let op = *self.rng.pick(INT_UN);
                let a = self.operand(T::I);
                self.emit(op, T::I, &[a]);
            }
            40..=55 => {
                let op = *self.rng.pick(FLOAT_BIN);
                let a = self.operand(T::F);
                let b = self.operand(T::F);
                self.emit(op, T::F, &[a, b]);
            }
            56..=59 => {
                let op = *self.rng.pick(&[Opcode::FloatNeg, Opcode::FloatAbs]);
                let a = self.operand(T::F);
                self.emit(op, T::F, &[a]);
            }
            60..=65 => {
                let op = *self.rng.pick(FLOAT_CMP);
                let a = self.operand(T::F);
                let b = self.operand(T::F);
                self.emit(op, T::I, &[a, b]);
            }
            66..=70 => match self.rng.below(4) {
                0 => {
                    let a = self.operand(T::I);
                    self.emit(Opcode::CastIntToFloat, T::F, &[a]);
                }
                1 => {
                    let a = self.operand(T::F);
                    self.emit(Opcode::CastFloatToInt, T::I, &[a]);
                }
                2 => {
                    let a = self.operand(T::F);
                    self.emit(Opcode::FloatToBits, T::I, &[a]);
                }
                _ => {
                    let a = self.operand(T::I);
                    self.emit(Opcode::BitsToFloat, T::F, &[a]);
                }
            },
            71..=76 => {
                let op = *self.rng.pick(OVF);
                let a = self.operand(T::I);
                let b = self.operand(T::I);
                self.emit(op, T::I, &[a, b]);
                if self.rng.chance(80) {
                    let overflowed = self.ovf;
                    let pass = self.rng.chance(90);
                    let g = match overflowed {
                        Some(o) if o == pass => "guard_overflow()",
                        Some(_) => "guard_no_overflow()",
                        None => *self.rng.pick(&["guard_overflow()", "guard_no_overflow()"]),
                    };
                    self.guard(g.to_string());
                }
            }
            77..=86 => self.int_guard(),
            87..=92 if self.has_obj => {
                let (field, ty) = *self.rng.pick(FIELDS);
                if self.rng.chance(50) {
                    let v = self.operand(ty);
                    self.lines.push(format!("setfield(r0, {}, descr={field})", v.0));
                } else {
                    let name = self.fresh(ty, None);
                    self.lines.push(format!("{name} = getfield(r0, descr={field})"));
                }
            }
            93..=94 => {
                // A call that raises 2*x when x < 0, then an exception guard.
                let (x, known) = self.operand(T::I);
                let raises = known.map(|v| (v as i64) < 0);
                let r = self.fresh(T::I, known.map(|v| if (v as i64) < 0 { 0xBAD } else { v.wrapping_add(1) }));
                self.lines.push(format!("{r} = call({x}, descr=raise_if_neg)"));
                let catch = match raises {
                    Some(r) => r == self.rng.chance(90),
                    None => self.rng.chance(50),
                };
                if catch {
                    let snap = self.snapshot();
                    let e = self.fresh(T::I, known.map(|v| v.wrapping_mul(2)));
                    self.lines.push(format!("{e} = guard_exception() {snap}"));
                    self.guards += 1;
                } else {
                    self.guard("guard_no_exception()".into());
                }
            }
            95..=96 => {
                if self.rng.chance(50) {
                    let a = self.operand(T::I);
                    let b = self.operand(T::I);
                    let name = self.fresh(T::I, None);
                    self.lines.push(format!("{name} = call({}, {}, descr=f2)", a.0, b.0));
                } else {
                    let a = self.operand(T::F);
                    let b = self.operand(T::F);
                    let known = match (a.1, b.1) {
                        (Some(x), Some(y)) => Some((f64::from_bits(x) * f64::from_bits(y) + 0.5).to_bits()),
                        _ => None,
                    };
                    let name = self.fresh(T::F, known);
                    self.lines.push(format!("{name} = call_pure({}, {}, descr=fmuladd)", a.0, b.0));
                }
            }
            // Overflow guards only ever directly follow their op (Trace::verify).
            _ => self.int_guard(),
        }
    }
}

/// Generates one trace; returns its text, the types of its int and float
/// inputs, whether input 0 is an object, and the int/float inputs the
/// generator tracked values for.
fn generate(rng: &mut Rng) -> (String, Vec<T>, bool, Vec<u64>) {
    let n_int = 1 + rng.below(4);
    let n_float = rng.below(4);
    let first: Vec<u64> = (0..n_int + n_float).map(|k| if k < n_int { rng.int() as u64 } else { rng.float().to_bits() }).collect();
    let has_obj = rng.chance(30);
    let as_loop = rng.chance(25);
    let mut types = Vec::new();
    let mut header = Vec::new();
    let mut g = Gen { rng, vals: Vec::new(), lines: Vec::new(), next_id: 0, ovf: None, has_obj, guards: 0 };
    if has_obj {
        header.push("r0".to_string());
        g.next_id = 1;
    }
    for (k, &value) in first.iter().enumerate() {
        let ty = if k < n_int { T::I } else { T::F };
        types.push(ty);
        let name = g.fresh(ty, Some(value));
        header.push(name);
    }
    let n_ops = 5 + g.rng.below(40);
    let mut counter = String::new();
    if as_loop {
        // label(inputs..., counter); the counter bounds the iterations.
        g.lines.push(format!("label({})", header.iter().chain(["i_n".to_string()].iter()).cloned().collect::<Vec<_>>().join(", ")));
        counter = "i_n".into();
        header.push("i_n".into());
        types.push(T::I);
    }
    for _ in 0..n_ops {
        g.step();
    }
    if as_loop {
        let bound = 1 + g.rng.below(40);
        g.lines.push(format!("i_n1 = int_add({counter}, 1)"));
        g.lines.push(format!("i_n2 = int_lt(i_n1, {bound})"));
        let snap = g.snapshot();
        g.lines.push(format!("guard_true(i_n2) {snap}"));
        // Each label value gets a body value of the same type.
        let mut args = Vec::new();
        if has_obj {
            args.push("r0".to_string());
        }
        for (k, &ty) in types.iter().enumerate().take(n_int + n_float) {
            let same: Vec<String> = g.vals.iter().filter(|v| v.ty == ty).map(|v| v.name.clone()).collect();
            let keep = header[k + has_obj as usize].clone();
            args.push(if g.rng.chance(70) { g.rng.pick(&same).clone() } else { keep });
        }
        args.push("i_n1".into());
        g.lines.push(format!("jump({}, descr=self)", args.join(", ")));
    } else {
        let n = 1 + g.rng.below(5);
        let outs: Vec<String> = (0..n).map(|_| g.vals[g.rng.below(g.vals.len())].name.clone()).collect();
        g.lines.push(format!("finish({})", outs.join(", ")));
    }
    let text = format!("[{}]\n{}", header.join(", "), g.lines.join("\n"));
    (text, types, has_obj, first)
}

pub fn random_traces_match_the_evaluator() {
    let seed: u64 = std::env::var("KILN_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5EED_CAFE);
    let cases: usize = std::env::var("KILN_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(3000);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut exits = std::collections::HashMap::new();
    for case in 0..cases {
        let (text, types, has_obj, first) = generate(&mut rng);
        let pair = try_compile(&text).unwrap_or_else(|e| panic!("case {case}: {e}\n{text}"));
        for set in 0..4 {
            let obj = has_obj.then(|| {
                let o = new_obj();
                let base = o + HEADER_SIZE;
                for i in 0..(std::mem::size_of::<Obj>() - HEADER_SIZE) {
                    unsafe { *((base + i) as *mut u8) = rng.next() as u8 };
                }
                o
            });
            // Input set 0 is the one the generator steered the guards for.
            let mut values: Vec<u64> = obj.map(|o| o as u64).into_iter().collect();
            for (k, &t) in types.iter().enumerate() {
                values.push(match (t, set) {
                    _ if k == first.len() => rng.below(3) as u64, // the loop counter
                    (_, 0) => first[k],
                    (T::I, _) => rng.int() as u64,
                    (T::F, _) => rng.float().to_bits(),
                });
            }
            let mut env = Env::new(&values);
            if let Some(o) = obj {
                env = env.with_objects(&[o]);
            }
            let r = pair.check(&env);
            *exits.entry(format!("{:?}", r.exit()).chars().take(5).collect::<String>()).or_insert(0) += 1;
        }
    }
    eprintln!("random traces: {cases} cases, exits {exits:?}");
}

/// The cases of this file, by name.
pub const CASES: &[(&str, fn())] = &[
    ("random::random_traces_match_the_evaluator", random_traces_match_the_evaluator),
];
