//! A generator of random Python programs for differential testing of the
//! JIT (JIT off against JIT on must print the same). Programs are
//! deterministic functions of a seed, always terminate, and mix what traces
//! must get right: nested loops with branches and early exits, int
//! arithmetic that overflows into big ints, floats, exceptions raised and
//! caught inside loops, calls of small functions (inlined) and methods,
//! instance attributes whose layout changes, lists, globals rebound while a
//! loop runs, and polymorphic variables.

/// xorshift64*: small, deterministic, good enough for program shapes.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

/// Int variables of `main` (always ints), float variables, and the list.
const INTS: &[&str] = &["a", "b", "c", "d"];
const FLOATS: &[&str] = &["x", "y"];

struct Gen {
    rng: Rng,
    out: String,
    /// Loop variables in scope (ints).
    loop_vars: Vec<String>,
    depth: usize,
    /// Budget of statements left, so that programs stay small.
    budget: i32,
    /// Functions `f0 .. f{callable-1}` may be called (no recursion).
    callable: usize,
    /// While generating a condition: no operations that raise.
    safe: bool,
    /// An expression generated since the statement began may raise.
    risky: bool,
}

impl Gen {
    fn line(&mut self, indent: usize, s: &str) {
        for _ in 0..indent {
            self.out.push_str("    ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn int_atom(&mut self) -> String {
        let r = self.rng.below(100);
        if r < 35 {
            self.rng.pick(INTS).to_string()
        } else if r < 55 && !self.loop_vars.is_empty() {
            let k = self.rng.below(self.loop_vars.len() as u64) as usize;
            self.loop_vars[k].clone()
        } else if r < 63 {
            // Near the edge of 64-bit ints, to overflow into big ints.
            self.rng.pick(&["(2 ** 62)", "(2 ** 63 - 1)", "(-2 ** 63)", "(1 << 40)", "4611686018427387904"]).to_string()
        } else if r < 70 {
            "G".to_string()
        } else if r < 75 {
            "len(lst)".to_string()
        } else if r < 80 {
            "o.v".to_string()
        } else {
            format!("{}", self.rng.below(40) as i64 - 10)
        }
    }

    fn int_expr(&mut self, depth: usize) -> String {
        if depth == 0 || self.rng.chance(30) {
            return self.int_atom();
        }
        let a = self.int_expr(depth - 1);
        let b = self.int_expr(depth - 1);
        match self.rng.below(16) {
            0..=2 => format!("({a} + {b})"),
            3..=4 => format!("({a} - {b})"),
            5..=6 => format!("({a} * {b})"),
            // Division and modulo by values that may be zero or negative:
            // callers wrap statements that use them in try/except.
            7 if !self.safe => {
                self.risky = true;
                format!("({a} // {b})")
            }
            8 if !self.safe => {
                self.risky = true;
                format!("({a} % {b})")
            }
            7 | 8 => format!("({a} + {b} * 3)"),
            9 => format!("({a} & {b})"),
            10 => format!("({a} ^ {b})"),
            11 => format!("({a} >> ({b} & 7))"),
            12 => format!("({a} << ({b} & 15))"),
            13 => format!("abs({a})"),
            14 => format!("max({a}, {b})"),
            _ => format!("(-{a})"),
        }
    }

    fn float_expr(&mut self, depth: usize) -> String {
        if depth == 0 || self.rng.chance(30) {
            return match self.rng.below(4) {
                0 | 1 => self.rng.pick(FLOATS).to_string(),
                2 => format!("{}.5", self.rng.below(9)),
                _ => format!("float({} % 1000)", self.int_atom()),
            };
        }
        let a = self.float_expr(depth - 1);
        let b = self.float_expr(depth - 1);
        match self.rng.below(5) {
            0 => format!("({a} + {b})"),
            1 => format!("({a} - {b})"),
            2 => format!("({a} * {b})"),
            3 => format!("({a} / ({b} + 0.25))"),
            _ => format!("({a} + {})", self.int_atom()),
        }
    }

    fn cond(&mut self) -> String {
        self.safe = true;
        let c = self.cond_inner();
        self.safe = false;
        c
    }

    fn cond_inner(&mut self) -> String {
        let a = self.int_expr(1);
        let b = self.int_expr(1);
        let op = *self.rng.pick(&["<", "<=", "==", "!=", ">", ">="]);
        match self.rng.below(10) {
            0 => format!("{a} % 3 == 0"),
            1 => format!("{} > 0.5", self.float_expr(1)),
            2 => format!("{a} {op} {b} and {} != 0", self.int_atom()),
            3 => format!("not ({a} {op} {b})"),
            4 => format!("{} in lst", self.int_atom()),
            _ => format!("{a} {op} {b}"),
        }
    }

    /// Keeps ints bounded so that programs stay fast (big ints still occur
    /// in between).
    fn clamp(e: String) -> String {
        format!("{e} % 1000000007")
    }

    fn stmt(&mut self, indent: usize) {
        self.budget -= 1;
        self.risky = false;
        let in_loop = !self.loop_vars.is_empty();
        let r = self.rng.below(100);
        if r < 22 {
            let v = *self.rng.pick(INTS);
            let e = self.int_expr(2);
            self.maybe_guarded(indent, &format!("{v} = {}", Gen::clamp(e)));
        } else if r < 30 {
            let v = *self.rng.pick(FLOATS);
            let e = self.float_expr(2);
            // (b + 0.25) can be zero.
            self.guarded(indent, &format!("{v} = ({e}) % 1000.0"));
        } else if r < 42 && self.depth < 3 {
            let c = self.cond();
            self.line(indent, &format!("if {c}:"));
            self.block(indent + 1, 2);
            if self.rng.chance(40) {
                let c = self.cond();
                self.line(indent, &format!("elif {c}:"));
                self.block(indent + 1, 2);
            }
            if self.rng.chance(50) {
                self.line(indent, "else:");
                self.block(indent + 1, 2);
            }
        } else if r < 52 && self.depth < 3 {
            self.inner_loop(indent);
        } else if r < 58 && self.callable > 0 {
            let e = self.int_expr(1);
            let f = self.rng.below(self.callable as u64);
            self.guarded(indent, &format!("a = f{f}({e}, b) % 1000000007"));
        } else if r < 63 {
            let e = self.int_expr(1);
            self.maybe_guarded(indent, &format!("b = o.step({}) % 1000000007", Gen::clamp(e)));
        } else if r < 68 {
            let e = self.int_expr(1);
            let f = *self.rng.pick(&["lst.append", "lst.insert(0, ", "lst.pop"]);
            match f {
                "lst.append" => self.maybe_guarded(indent, &format!("lst.append({} % 97)", e)),
                "lst.pop" => self.line(indent, "if len(lst) > 3: c = (c + lst.pop()) % 1000003"),
                _ => self.maybe_guarded(indent, &format!("lst.insert(0, {e} % 89)")),
            }
            self.line(indent, "if len(lst) > 12: del lst[:6]");
        } else if r < 73 {
            let e = self.int_expr(1);
            self.guarded(indent, &format!("c = lst[{e}] + c"));
        } else if r < 77 {
            // Rebinding a global that loops read.
            let e = self.int_expr(1);
            self.maybe_guarded(indent, &format!("set_g({} % 50)", e));
        } else if r < 80 {
            // A shape change of an instance read in loops.
            let k = self.rng.below(4);
            let v = self.rng.below(100);
            self.line(indent, &format!("o.w{k} = {v}"));
        } else if r < 84 {
            // A polymorphic variable: int, float, str, None in turn.
            let e = self.int_expr(1);
            self.maybe_guarded(indent, &format!("p = poly({e})"));
            self.line(indent, "d = (d + describe(p)) % 1000003");
        } else if r < 88 && in_loop {
            let c = self.cond();
            let kw = *self.rng.pick(&["break", "continue"]);
            self.line(indent, &format!("if {c}: {kw}"));
        } else if r < 92 {
            let e = self.int_expr(2);
            self.line(indent, "try:");
            self.line(indent + 1, &format!("d = check({e}) % 1000003"));
            self.line(indent, "except (ValueError, ZeroDivisionError) as exc:");
            self.line(indent + 1, "d = (d + len(str(exc))) % 1000003");
        } else {
            let vs: Vec<String> = INTS.iter().map(|v| v.to_string()).collect();
            self.line(indent, &format!("log({}, x, y)", vs.join(", ")));
        }
    }

    /// `s`, in a try statement if an expression in it divides (by what
    /// may be zero) since the last statement began.
    fn maybe_guarded(&mut self, indent: usize, s: &str) {
        if std::mem::take(&mut self.risky) {
            self.guarded(indent, s);
        } else {
            self.line(indent, s);
        }
    }

    /// A statement that may raise ZeroDivisionError, IndexError or
    /// ValueError (negative shift), caught.
    fn guarded(&mut self, indent: usize, s: &str) {
        self.line(indent, "try:");
        self.line(indent + 1, s);
        self.line(indent, "except (ZeroDivisionError, IndexError, ValueError) as exc:");
        let k = self.rng.below(3) + 1;
        self.line(indent + 1, &format!("d = (d + {k} + len(type(exc).__name__)) % 1000003"));
    }

    fn block(&mut self, indent: usize, max: u64) {
        let n = 1 + self.rng.below(max);
        let before = self.out.len();
        for _ in 0..n {
            if self.budget <= 0 {
                break;
            }
            self.stmt(indent);
        }
        if self.out.len() == before {
            self.line(indent, "pass");
        }
    }

    fn inner_loop(&mut self, indent: usize) {
        let v = format!("i{}", self.loop_vars.len());
        self.depth += 1;
        match self.rng.below(4) {
            0 => {
                self.line(indent, &format!("{v} = 0"));
                let bound = 2 + self.rng.below([20, 6, 3][self.depth.min(3) - 1]);
                self.line(indent, &format!("while {v} < {bound}:"));
                self.line(indent + 1, &format!("{v} += 1"));
            }
            1 => {
                let n = 2 + self.rng.below(8);
                self.line(indent, &format!("for {v} in lst[:{n}]:"));
            }
            _ => {
                let bound = 2 + self.rng.below([30, 8, 4][self.depth.min(3) - 1]);
                let start = self.rng.below(5) as i64 - 2;
                let step = *self.rng.pick(&[1, 1, 1, 2, 3]);
                self.line(indent, &format!("for {v} in range({start}, {bound}, {step}):"));
            }
        }
        self.loop_vars.push(v);
        self.block(indent + 1, 4);
        if self.rng.chance(30) {
            self.loop_vars.pop();
            self.depth -= 1;
            // A loop with an else clause (runs when it did not break).
            self.line(indent, "else:");
            self.line(indent + 1, "d = (d + 1) % 1000003");
            return;
        }
        self.loop_vars.pop();
        self.depth -= 1;
    }

    fn function(&mut self, k: usize) {
        self.line(0, &format!("def f{k}(a, b):"));
        let saved = std::mem::take(&mut self.loop_vars);
        self.line(1, "c = d = 0");
        self.line(1, "x = y = 1.0");
        self.line(1, "lst = [1, 2, 3]");
        self.line(1, "o = O0");
        self.line(1, "p = None");
        self.budget = 4;
        self.block(1, 3);
        self.loop_vars = saved;
        let e = self.int_expr(2);
        self.guarded(1, &format!("return {e}"));
        self.line(1, "return a - b + c + d");
        self.line(0, "");
    }
}

const PRELUDE: &str = r#"G = 3


def set_g(v):
    global G
    G = v


class Obj:
    def __init__(self, v):
        self.v = v
        self.total = 0

    def step(self, k):
        self.total = (self.total + k) % 1000003
        self.v = (self.v * 3 + k) % 101
        return self.total + self.v


O0 = Obj(5)


def poly(k):
    m = k % 4
    if m == 0:
        return k
    if m == 1:
        return k * 0.5
    if m == 2:
        return "s" * (k % 5)
    return None


def describe(p):
    if p is None:
        return 7
    if isinstance(p, str):
        return len(p) + 1
    if isinstance(p, float):
        return int(p) % 1000
    return p % 1000


def check(k):
    if k % 7 == 3:
        raise ValueError("bad value %d" % (k % 100))
    return k * 2


LOG = []


def log(*vals):
    if len(LOG) < 40:
        LOG.append(repr(vals))


"#;

/// The source of program `seed`.
pub fn program(seed: u64) -> String {
    let mut g = Gen { rng: Rng::new(seed), out: String::from(PRELUDE), loop_vars: vec![], depth: 0, budget: 0, callable: 0, safe: false, risky: false };
    for k in 0..3 {
        g.callable = k;
        g.function(k);
    }
    g.line(0, "def main(n):");
    g.line(1, "a, b, c, d = 1, 2, 3, 4");
    g.line(1, "x, y = 1.5, -2.25");
    g.line(1, "p = None");
    g.line(1, "lst = [3, 1, 4, 1, 5]");
    g.line(1, "o = Obj(1)");
    g.line(1, "for it in range(n):");
    g.loop_vars.push("it".into());
    g.depth = 1;
    g.budget = 14;
    g.block(2, 8);
    g.line(2, "if it % 37 == 0:");
    g.line(3, "print(it, a, b, c, d, round(x, 6), round(y, 6), len(lst), G, o.v)");
    g.loop_vars.clear();
    g.line(1, "print('end', a, b, c, d, round(x, 6), round(y, 6), lst, G, o.v, o.total, describe(p))");
    g.line(0, "");
    g.line(0, "");
    let n = 60 + g.rng.below(140);
    g.line(0, &format!("main({n})"));
    g.line(0, "print(len(LOG), LOG[:3], LOG[-2:])");
    g.out
}
