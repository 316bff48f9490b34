//! The forward pass: constant folding, algebraic simplification, CSE,
//! guard implication, known classes, and a heap cache.

use super::bounds::{self, Bound};
use super::SnapshotRewriter;
use crate::eval::fold;
use crate::ir::*;
use std::collections::{HashMap, HashSet};

#[derive(Clone, PartialEq, Eq, Hash)]
struct CseKey {
    opcode: Opcode,
    args: Vec<Operand>,
    descr: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum HeapKey {
    /// (object, descriptor address, immutable)
    Field(Operand, usize, bool),
    /// (array, index, descriptor address, immutable)
    Item(Operand, Operand, usize, bool),
}

struct Fwd<'a> {
    out: Trace<'a>,
    /// Input op id -> operand in the output.
    map: Vec<Operand>,
    /// Output operands known to equal something simpler (from guards).
    subst: HashMap<Operand, Operand>,
    known_class: HashMap<Operand, &'static TypeDescr>,
    nonnull: HashSet<Operand>,
    cse: HashMap<CseKey, Operand>,
    heap: HashMap<HeapKey, Operand>,
    /// Objects allocated in the trace (distinct from every other object).
    fresh: HashSet<Operand>,
    /// Known ranges of int values (see [`bounds`]).
    bounds: HashMap<Operand, Bound>,
    /// After the loop label: heap locations the loop body may write.
    loop_dirty: HashSet<HeapKey>,
    /// After the loop label: a call that may write anything was seen.
    loop_dirty_all: bool,
    in_loop: bool,
    /// Label arguments: their defining ops (before the label) no longer
    /// describe their values after it.
    rebound: HashSet<Operand>,
    invalidation_checked: bool,
    gc_checked: bool,
    /// The previous overflow op folded or was shared: drop its guard.
    drop_ovf_guard: bool,
    /// The op after the current one is `guard_no_overflow`.
    next_is_no_overflow_guard: bool,
    /// The previous call was removed: drop its exception guard.
    drop_exc_guard: bool,
    snaps: SnapshotRewriter<'a>,
}

fn k_immutable(k: &HeapKey) -> bool {
    match k {
        HeapKey::Field(_, _, imm) | HeapKey::Item(_, _, _, imm) => *imm,
    }
}

fn descr_key(d: &Descr) -> usize {
    match d {
        Descr::None => 0,
        Descr::Field(f) => *f as *const _ as usize,
        Descr::Array(a) => *a as *const _ as usize,
        Descr::Call(c) => *c as *const _ as usize,
        Descr::Type(t) => *t as *const _ as usize,
        _ => 1,
    }
}

impl<'a> Fwd<'a> {
    fn get(&self, o: Operand) -> Operand {
        let o = match o {
            Operand::Op(id) => self.map[id as usize],
            other => other,
        };
        self.subst.get(&o).copied().unwrap_or(o)
    }

    fn emit(&mut self, op: Op<'a>) -> Operand {
        self.out.push(op)
    }

    fn with_args(&self, op: &Op<'a>, args: &[Operand]) -> Op<'a> {
        Op { args: self.out.arena.alloc_slice_copy(args), ..*op }
    }

    fn rewrite_snapshot(&mut self, op: &Op<'a>) -> Option<&'a Snapshot<'a>> {
        let snap = op.snapshot?;
        let map = &self.map;
        let subst = &self.subst;
        let mut f = |o: Operand| {
            let o = match o {
                Operand::Op(id) => map[id as usize],
                other => other,
            };
            subst.get(&o).copied().unwrap_or(o)
        };
        Some(self.snaps.rewrite(snap, &mut f))
    }

    fn is_const(&self, o: Operand) -> bool {
        o.is_const()
    }

    /// Algebraic identities; returns the simpler operand if one applies.
    fn simplify(&self, opcode: Opcode, a: &[Operand]) -> Option<Operand> {
        use Opcode::*;
        let def = |o: Operand| self.def(o);
        match opcode {
            IntAdd if a[1].is_const() || a[0].is_const() => {
                let (x, c) = if a[1].is_const() { (a[0], a[1].as_int()?) } else { (a[1], a[0].as_int()?) };
                if c == 0 {
                    return Some(x);
                }
            }
            IntOr | IntXor => {
                if a[1] == Operand::Int(0) {
                    return Some(a[0]);
                }
                if a[0] == Operand::Int(0) {
                    return Some(a[1]);
                }
                if opcode == IntXor && a[0] == a[1] {
                    return Some(Operand::Int(0));
                }
                if opcode == IntOr && a[0] == a[1] {
                    return Some(a[0]);
                }
            }
            IntSub => {
                if a[1] == Operand::Int(0) {
                    return Some(a[0]);
                }
                if a[0] == a[1] {
                    return Some(Operand::Int(0));
                }
            }
            IntMul => {
                if a[1] == Operand::Int(1) {
                    return Some(a[0]);
                }
                if a[0] == Operand::Int(1) {
                    return Some(a[1]);
                }
                if a[0] == Operand::Int(0) || a[1] == Operand::Int(0) {
                    return Some(Operand::Int(0));
                }
            }
            IntAnd => {
                if a[0] == a[1] {
                    return Some(a[0]);
                }
                if a[0] == Operand::Int(0) || a[1] == Operand::Int(0) {
                    return Some(Operand::Int(0));
                }
                if a[1] == Operand::Int(-1) {
                    return Some(a[0]);
                }
            }
            IntLshift | IntRshift | UintRshift => {
                if a[1] == Operand::Int(0) {
                    return Some(a[0]);
                }
            }
            IntEq | IntLe | IntGe | UintLe | UintGe | PtrEq if a[0] == a[1] => return Some(Operand::Int(1)),
            IntNe | IntLt | IntGt | UintLt | UintGt | PtrNe if a[0] == a[1] => return Some(Operand::Int(0)),
            IntIsTrue => {
                if let Some(d) = def(a[0]) {
                    if d.opcode.returns_bool() {
                        return Some(a[0]);
                    }
                }
            }
            SameAs => return Some(a[0]),
            BitsToFloat => {
                if let Some(d) = def(a[0]) {
                    if d.opcode == FloatToBits {
                        return Some(d.args[0]);
                    }
                }
            }
            FloatToBits => {
                if let Some(d) = def(a[0]) {
                    if d.opcode == BitsToFloat {
                        return Some(d.args[0]);
                    }
                }
            }
            CastIntToPtr => {
                if let Some(d) = def(a[0]) {
                    if d.opcode == CastPtrToInt {
                        return Some(d.args[0]);
                    }
                }
            }
            CastPtrToInt => {
                if let Some(d) = def(a[0]) {
                    if d.opcode == CastIntToPtr {
                        return Some(d.args[0]);
                    }
                }
            }
            _ => {}
        }
        None
    }

    /// The op that computes `o`, unless `o` is a rebound label argument.
    fn def(&self, o: Operand) -> Option<&Op<'a>> {
        if self.rebound.contains(&o) {
            return None;
        }
        o.as_op().map(|id| &self.out.ops[id as usize])
    }

    /// What is known about the range of an int operand.
    fn bound(&self, o: Operand) -> Bound {
        match o {
            Operand::Int(v) => Bound::exact(v),
            o => self.bounds.get(&o).copied().unwrap_or(Bound::FULL),
        }
    }

    fn learn(&mut self, o: Operand, b: Bound) {
        if o.as_op().is_some() && !b.is_full() {
            let old = self.bound(o);
            self.bounds.insert(o, old.meet(b));
        }
    }

    /// After a guard on the comparison `c` that went `taken`.
    fn learn_from_comparison(&mut self, c: Operand, taken: bool) {
        let Some(d) = self.def(c) else { return };
        let (opcode, a, b) = (d.opcode, d.args.first().copied(), d.args.get(1).copied());
        let (Some(a), Some(b)) = (a, b) else { return };
        if !matches!(opcode, Opcode::IntLt | Opcode::IntLe | Opcode::IntGt | Opcode::IntGe | Opcode::IntEq | Opcode::IntNe | Opcode::UintLt | Opcode::UintGe) {
            return;
        }
        let (na, nb) = bounds::refine(opcode, taken, self.bound(a), self.bound(b));
        self.learn(a, na);
        self.learn(b, nb);
    }

    /// `x + c` (or `x - c`) as `(x, c)`.
    fn add_const(&self, opcode: Opcode, args: &[Operand]) -> Option<(Operand, i64)> {
        match opcode {
            Opcode::IntAdd => match (args[0].as_int(), args[1].as_int()) {
                (None, Some(c)) => Some((args[0], c)),
                (Some(c), None) => Some((args[1], c)),
                _ => None,
            },
            Opcode::IntSub => args[1].as_int().filter(|_| !args[0].is_const()).map(|c| (args[0], c.wrapping_neg())),
            _ => None,
        }
    }

    /// If `o` is an emitted `y + c`, `(y, c)`.
    fn as_add_const(&self, o: Operand) -> Option<(Operand, i64)> {
        let op = self.def(o)?;
        self.add_const(op.opcode, op.args)
    }

    /// Whether `o` is known to fit in `kind` without truncation.
    fn fits(&self, o: Operand, kind: MemKind) -> bool {
        let max: i64 = match kind {
            MemKind::U8 => 0xff,
            MemKind::U16 => 0xffff,
            MemKind::U32 => 0xffff_ffff,
            MemKind::I64 | MemKind::F64 | MemKind::Word | MemKind::Ref => return true,
            _ => return false,
        };
        match o {
            Operand::Int(v) => (0..=max).contains(&v),
            Operand::Op(_) => {
                let Some(op) = self.def(o) else { return false };
                op.opcode.returns_bool()
                    || (op.opcode == Opcode::IntAnd && op.args.iter().any(|a| a.as_int().is_some_and(|m| (0..=max).contains(&m))))
            }
            _ => false,
        }
    }

    fn pure(&mut self, id: usize, op: &Op<'a>, args: Vec<Operand>) {
        let opcode = op.opcode;
        if opcode.is_ovf() && !self.next_is_no_overflow_guard {
            // On the overflow path (`guard_overflow` follows): the guard
            // needs its op right before it, so nothing folds or is shared.
            let r = self.emit(self.with_args(op, &args));
            self.map[id] = r;
            return;
        }
        let arg_bounds: Vec<Bound> = if op.ty == Type::Int || opcode.returns_bool() { args.iter().map(|&a| self.bound(a)).collect() } else { Vec::new() };
        // Comparisons the bounds decide.
        if args.len() == 2 && !arg_bounds.is_empty() {
            if let Some(v) = bounds::compare(opcode, arg_bounds[0], arg_bounds[1]) {
                self.map[id] = Operand::Int(v as i64);
                return;
            }
        }
        // Overflow checks the bounds prove unnecessary.
        if opcode.is_ovf() && self.next_is_no_overflow_guard && !args.iter().all(|a| a.is_const()) {
            let (plain, fits) = match opcode {
                Opcode::IntAddOvf => (Opcode::IntAdd, bounds::add(arg_bounds[0], arg_bounds[1]).is_some()),
                Opcode::IntSubOvf => (Opcode::IntSub, bounds::sub(arg_bounds[0], arg_bounds[1]).is_some()),
                _ => (Opcode::IntMul, bounds::mul(arg_bounds[0], arg_bounds[1]).is_some()),
            };
            if fits {
                self.drop_ovf_guard = true;
                let plain_op = Op::new(plain, Type::Int, self.out.arena.alloc_slice_copy(&args));
                return self.pure(id, &plain_op, args);
            }
        }
        if args.iter().all(|&a| self.is_const(a)) {
            let bits: Vec<u64> = args.iter().map(|a| a.const_bits().unwrap()).collect();
            if let Some((v, overflowed)) = fold(opcode, &bits) {
                if !(opcode.is_ovf() && overflowed) {
                    self.map[id] = Operand::constant(op.ty, v);
                    if opcode.is_ovf() {
                        self.drop_ovf_guard = true;
                    }
                    return;
                }
            }
        }
        if !opcode.is_ovf() {
            if let Some(s) = self.simplify(opcode, &args) {
                self.map[id] = s;
                return;
            }
        }
        // (x + c1) + c2  =>  x + (c1 + c2): chains of constant offsets collapse.
        if let Some((x, c)) = self.add_const(opcode, &args) {
            if let Some((y, c0)) = self.as_add_const(x) {
                let total = c0.wrapping_add(c);
                if total == 0 {
                    self.map[id] = y;
                    return;
                }
                let folded = Op::new(Opcode::IntAdd, Type::Int, self.out.arena.alloc_slice_copy(&[y, Operand::Int(total)]));
                return self.pure(id, &folded, vec![y, Operand::Int(total)]);
            }
        }
        let key = CseKey { opcode, args: args.clone(), descr: descr_key(&op.descr) };
        if let Some(&prev) = self.cse.get(&key) {
            self.map[id] = prev;
            if opcode.is_ovf() {
                self.drop_ovf_guard = true;
            }
            return;
        }
        let r = self.emit(self.with_args(op, &args));
        self.cse.insert(key, r);
        self.map[id] = r;
        if !arg_bounds.is_empty() {
            let b = bounds::of_op(opcode, &arg_bounds);
            self.learn(r, b);
        }
    }

    fn guard(&mut self, op: &Op<'a>, args: Vec<Operand>) {
        use Opcode::*;
        let keep = match op.opcode {
            GuardTrue | GuardFalse => match args[0] {
                Operand::Int(v) => (v != 0) != (op.opcode == GuardTrue),
                _ => true,
            },
            GuardValue => !(self.is_const(args[0]) && args[0].const_bits() == args[1].const_bits()),
            GuardClass => {
                let Descr::Type(t) = op.descr else { panic!("guard_class without type") };
                match (self.known_class.get(&args[0]), args[0]) {
                    (Some(k), _) if std::ptr::eq(*k, t) => false,
                    // SAFETY: constant references in traces are live objects.
                    (_, Operand::Ref(addr)) if addr != 0 => !std::ptr::eq(unsafe { crate::gc::type_of(addr as usize) }, t),
                    _ => true,
                }
            }
            GuardNonNull => match args[0] {
                Operand::Ref(a) => a == 0,
                o => !(self.nonnull.contains(&o) || self.known_class.contains_key(&o)),
            },
            GuardIsNull => args[0] != Operand::Ref(0),
            GuardNoOverflow => !std::mem::take(&mut self.drop_ovf_guard),
            GuardNoException => !std::mem::take(&mut self.drop_exc_guard),
            GuardNotInvalidated => !self.invalidation_checked,
            GuardGcNotDue => !self.gc_checked,
            _ => true,
        };
        if op.opcode != GuardNoOverflow {
            self.drop_ovf_guard = false;
        }
        if !keep {
            return;
        }
        let snapshot = self.rewrite_snapshot(op);
        let mut new = self.with_args(op, &args);
        new.snapshot = snapshot;
        let r = self.emit(new);
        // What the guard proves from here on.
        match op.opcode {
            GuardTrue => {
                // Only a 0/1 value is known to be exactly 1.
                let is_bool = self.def(args[0]).is_some_and(|d| d.opcode.returns_bool());
                if is_bool {
                    self.learn_from_comparison(args[0], true);
                    self.subst.insert(args[0], Operand::Int(1));
                }
            }
            GuardFalse => {
                self.learn_from_comparison(args[0], false);
                self.subst.insert(args[0], Operand::Int(0));
            }
            GuardValue => {
                self.subst.insert(args[0], args[1]);
            }
            GuardClass => {
                if let Descr::Type(t) = op.descr {
                    self.known_class.insert(args[0], t);
                }
                self.nonnull.insert(args[0]);
            }
            GuardNonNull => {
                self.nonnull.insert(args[0]);
            }
            GuardIsNull => {
                self.subst.insert(args[0], Operand::Ref(0));
            }
            GuardNotInvalidated => self.invalidation_checked = true,
            GuardGcNotDue => self.gc_checked = true,
            GuardException => {}
            _ => {}
        }
        let _ = r;
    }

    /// At a loop label: the label's arguments are rebound on every
    /// iteration, so nothing learned about them still holds; memory may be
    /// changed by the previous iteration, so only immutable data stays
    /// cached. Facts about values defined before the label and not rebound
    /// (the preamble's) stay valid: that is what moves invariant code out.
    fn enter_loop(&mut self, label_args: &[Operand]) {
        let rebound: HashSet<Operand> = label_args.iter().copied().collect();
        self.rebound.extend(rebound.iter().copied());
        let mentions = |k: &CseKey, v: &Operand| rebound.contains(v) || k.args.iter().any(|a| rebound.contains(a));
        self.cse.retain(|k, v| !mentions(k, v));
        self.subst.retain(|k, v| !rebound.contains(k) && !rebound.contains(v));
        self.known_class.retain(|k, _| !rebound.contains(k));
        self.nonnull.retain(|k| !rebound.contains(k));
        self.bounds.retain(|k, _| !rebound.contains(k));
        self.heap.retain(|k, v| {
            let (obj, descr_immutable) = match k {
                HeapKey::Field(o, _, imm) => (*o, *imm),
                HeapKey::Item(o, i, _, imm) => (*o, *imm && !rebound.contains(i)),
            };
            descr_immutable && !rebound.contains(&obj) && !rebound.contains(v)
        });
        self.snaps.invalidate();
        self.gc_checked = false;
        self.invalidation_checked = false;
        self.drop_ovf_guard = false;
        self.drop_exc_guard = false;
    }

    /// Emits a load of a heap location (when a carried value is unknown).
    fn reload(&mut self, k: HeapKey) -> Operand {
        let (descr, args, ty) = match k {
            HeapKey::Field(o, d, _) => {
                // SAFETY: the key was made from this descriptor's address.
                let d: &'static FieldDescr = unsafe { &*(d as *const FieldDescr) };
                (Descr::Field(d), vec![o], d.kind.ty())
            }
            HeapKey::Item(o, i, d, _) => {
                // SAFETY: as above.
                let d: &'static ArrayDescr = unsafe { &*(d as *const ArrayDescr) };
                (Descr::Array(d), vec![o, i], d.kind.ty())
            }
        };
        let opcode = if args.len() == 1 { Opcode::GetField } else { Opcode::GetArrayItem };
        let r = self.out.emit(opcode, ty, &args, descr);
        self.heap.insert(k, r);
        r
    }

    fn heap_key(op: &Op<'a>, args: &[Operand]) -> Option<HeapKey> {
        match (op.opcode, op.descr) {
            (Opcode::GetField | Opcode::SetField, Descr::Field(d)) => {
                Some(HeapKey::Field(args[0], d as *const _ as usize, d.is_immutable()))
            }
            (Opcode::GetArrayItem | Opcode::SetArrayItem, Descr::Array(d)) => {
                Some(HeapKey::Item(args[0], args[1], d as *const _ as usize, d.is_immutable()))
            }
            _ => None,
        }
    }

    /// Whether two array indices are certainly different: `x + c1` and
    /// `x + c2` with `c1 != c2` (constants being `0 + c`).
    fn indices_differ(&self, a: Operand, b: Operand) -> bool {
        let split = |o: Operand| -> (Operand, i64) {
            if let Some(c) = o.as_int() {
                return (Operand::Int(0), c);
            }
            self.as_add_const(o).unwrap_or((o, 0))
        };
        let (x, c1) = split(a);
        let (y, c2) = split(b);
        x == y && c1 != c2
    }

    /// Whether two references may point to the same object.
    fn may_alias(&self, a: Operand, b: Operand) -> bool {
        if a == b {
            return true;
        }
        if self.fresh.contains(&a) || self.fresh.contains(&b) {
            return false;
        }
        !(a.is_const() && b.is_const())
    }

    fn store(&mut self, op: &Op<'a>, args: &[Operand]) {
        let key = Self::heap_key(op, args).expect("store without descriptor");
        let value = *args.last().unwrap();
        let obj = args[0];
        let aliases: Vec<HeapKey> = self
            .heap
            .keys()
            .copied()
            .filter(|k| match (k, key) {
                (HeapKey::Field(o, d, _), HeapKey::Field(_, d2, _)) => *d == d2 && self.may_alias(*o, obj),
                (HeapKey::Item(o, i, d, _), HeapKey::Item(_, i2, d2, _)) => {
                    *d == d2 && self.may_alias(*o, obj) && !self.indices_differ(*i, i2)
                }
                _ => false,
            })
            .collect();
        if self.in_loop {
            self.loop_dirty.insert(key);
            self.loop_dirty.extend(aliases.iter().copied());
        }
        for k in aliases {
            self.heap.remove(&k);
        }
        // A narrow store truncates: a later load sees the truncated value,
        // so it is forwarded only when the value is known to fit.
        let kind = match op.descr {
            Descr::Field(d) => d.kind,
            Descr::Array(d) => d.kind,
            _ => MemKind::U8,
        };
        if self.fits(value, kind) {
            self.heap.insert(key, value);
        }
        self.emit(self.with_args(op, args));
    }

    fn load(&mut self, id: usize, op: &Op<'a>, args: Vec<Operand>) {
        let key = Self::heap_key(op, &args).expect("load without descriptor");
        if let Some(&v) = self.heap.get(&key) {
            self.map[id] = v;
            return;
        }
        // Immutable data of a constant object folds to a constant.
        let immutable = match op.descr {
            Descr::Field(d) => d.is_immutable(),
            Descr::Array(d) => d.is_immutable(),
            _ => false,
        };
        if immutable && args.iter().all(|a| a.is_const()) && args[0] != Operand::Ref(0) {
            let base = args[0].const_bits().unwrap() as usize;
            // SAFETY: constant references in traces are live objects, and the
            // recorder read this same location while recording.
            let bits = unsafe {
                match op.descr {
                    Descr::Field(d) => d.kind.load(base + d.offset as usize),
                    Descr::Array(d) => {
                        let i = args[1].const_bits().unwrap() as usize;
                        d.kind.load(base.wrapping_add(d.offset as usize).wrapping_add(i.wrapping_mul(d.item_size as usize)))
                    }
                    _ => unreachable!(),
                }
            };
            self.map[id] = Operand::constant(op.ty, bits);
            return;
        }
        let r = self.emit(self.with_args(op, &args));
        self.heap.insert(key, r);
        self.map[id] = r;
        let kind = match op.descr {
            Descr::Field(d) => d.kind,
            Descr::Array(d) => d.kind,
            _ => MemKind::I64,
        };
        self.learn(r, Bound::of_kind(kind));
    }

    fn call(&mut self, id: usize, op: &Op<'a>, args: Vec<Operand>) {
        let Descr::Call(d) = op.descr else { panic!("call without descriptor") };
        if op.opcode == Opcode::CallPure {
            let key = CseKey { opcode: op.opcode, args: args.clone(), descr: descr_key(&op.descr) };
            if let Some(&prev) = self.cse.get(&key) {
                self.map[id] = prev;
                self.drop_exc_guard = d.effects.can_raise();
                return;
            }
            let r = self.emit(self.with_args(op, &args));
            self.cse.insert(key, r);
            self.map[id] = r;
            return;
        }
        if d.effects.writes() {
            if self.in_loop {
                self.loop_dirty_all = true;
            }
            let keep: Vec<HeapKey> = self
                .heap
                .keys()
                .copied()
                .filter(|k| match k {
                    HeapKey::Field(o, _, _) | HeapKey::Item(o, _, _, _) => self.fresh.contains(o) || k_immutable(k),
                })
                .collect();
            self.heap.retain(|k, _| keep.contains(k));
        }
        if d.effects.contains(Effects::INVALIDATES) {
            self.invalidation_checked = false;
        }
        let r = self.emit(self.with_args(op, &args));
        self.map[id] = r;
    }
}

/// Runs the forward pass.
pub fn run<'a>(input: &Trace<'a>) -> Trace<'a> {
    run_carrying(input, &[], &[]).0
}

/// Heap locations a peeled loop can keep in registers across iterations.
#[derive(Clone, Default)]
pub struct LoopHeap {
    /// Written by the loop body: carried as label arguments.
    keys: Vec<HeapKey>,
    /// Never written by the loop body: the preamble's value holds throughout.
    invariant: Vec<HeapKey>,
}

impl LoopHeap {
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.invariant.is_empty()
    }
    pub fn len(&self) -> usize {
        self.keys.len()
    }
}

/// Runs the forward pass on a peeled loop. `carry` lists heap locations
/// whose values are passed around the loop as extra label arguments
/// instead of being reloaded each iteration. Returns the trace and the
/// locations that could be carried: those whose object (and index) are
/// loop-invariant and whose value is known both where the preamble ends
/// and where the loop body ends (so every write to them in the body was
/// seen). Stores stay in the loop, so memory is always up to date; only
/// reloads disappear.
pub fn run_carrying<'a>(input: &Trace<'a>, carry: &[HeapKey], invariant: &[HeapKey]) -> (Trace<'a>, LoopHeap) {
    let mut f = Fwd {
        out: Trace::new(input.arena, input.kind),
        map: vec![Operand::Int(0); input.ops.len()],
        subst: HashMap::new(),
        known_class: HashMap::new(),
        nonnull: HashSet::new(),
        cse: HashMap::new(),
        heap: HashMap::new(),
        fresh: HashSet::new(),
        bounds: HashMap::new(),
        loop_dirty: HashSet::new(),
        loop_dirty_all: false,
        in_loop: false,
        rebound: HashSet::new(),
        invalidation_checked: false,
        gc_checked: false,
        drop_ovf_guard: false,
        next_is_no_overflow_guard: false,
        drop_exc_guard: false,
        snaps: SnapshotRewriter::new(input.arena),
    };
    let mut heap_at_label: HashMap<HeapKey, Operand> = HashMap::new();
    let mut heap_at_jump: HashMap<HeapKey, Operand> = HashMap::new();
    let mut carried: Vec<HeapKey> = Vec::new();
    let last_label = input.ops.iter().rposition(|o| o.opcode == Opcode::Label);
    for (id, op) in input.ops.iter().enumerate() {
        let mut args: Vec<Operand> = op.args.iter().map(|&a| f.get(a)).collect();
        f.next_is_no_overflow_guard = input.ops.get(id + 1).is_some_and(|n| n.opcode == Opcode::GuardNoOverflow);
        match op.opcode.class() {
            OpClass::Input => {
                f.map[id] = f.out.add_input(op.ty);
            }
            OpClass::Pure => f.pure(id, op, args),
            OpClass::Guard => {
                f.guard(op, args);
                if op.ty != Type::Void {
                    f.map[id] = Operand::Op(f.out.ops.len() as u32 - 1);
                }
            }
            OpClass::Load => f.load(id, op, args),
            OpClass::Effect => f.store(op, &args),
            OpClass::Alloc => {
                let r = f.emit(f.with_args(op, &args));
                if let Descr::Type(t) = op.descr {
                    f.known_class.insert(r, t);
                }
                f.fresh.insert(r);
                f.map[id] = r;
            }
            OpClass::Call => f.call(id, op, args),
            OpClass::Control => {
                let is_loop_label = op.opcode == Opcode::Label && Some(id) == last_label;
                let mut new_heap: Vec<(HeapKey, Operand)> = Vec::new();
                if is_loop_label {
                    // Label arguments must stay distinct ops even when this
                    // pass proved one constant or equal to another in the
                    // preamble: give such an argument its own copy, which the
                    // loop body then uses (it is rebound on every iteration).
                    let mut seen: Vec<Operand> = Vec::with_capacity(args.len());
                    for (k, a) in args.iter_mut().enumerate() {
                        if a.as_op().is_none() || seen.contains(a) {
                            let ty = f.out.type_of(*a);
                            let copy = f.out.emit(Opcode::SameAs, ty, &[*a], Descr::None);
                            if let Operand::Op(orig) = op.args[k] {
                                f.map[orig as usize] = copy;
                            }
                            *a = copy;
                        }
                        seen.push(*a);
                    }
                    heap_at_label = f.heap.clone();
                    // Carried values enter the loop as fresh label arguments.
                    for k in carry {
                        if let Some(&v) = f.heap.get(k) {
                            let ty = f.out.type_of(v);
                            let copy = f.out.emit(Opcode::SameAs, ty, &[v], Descr::None);
                            args.push(copy);
                            new_heap.push((*k, copy));
                            carried.push(*k);
                        }
                    }
                    f.enter_loop(&args);
                    f.in_loop = true;
                    // Locations the loop never writes keep the preamble's value.
                    for k in invariant {
                        if let Some(&v) = heap_at_label.get(k) {
                            if !f.rebound.contains(&v) {
                                new_heap.push((*k, v));
                            }
                        }
                    }
                }
                if op.opcode == Opcode::Jump && op.descr == Descr::Target(JumpTarget::SelfLoop) {
                    heap_at_jump = f.heap.clone();
                    for k in &carried {
                        let v = match f.heap.get(k) {
                            Some(&v) => v,
                            // Not known here after all: load it.
                            None => f.reload(*k),
                        };
                        args.push(v);
                    }
                }
                let r = f.emit(f.with_args(op, &args));
                f.map[id] = r;
                for (k, v) in new_heap {
                    f.heap.insert(k, v);
                }
            }
            OpClass::Debug => {
                if op.opcode == Opcode::DebugMergePoint {
                    f.emit(*op);
                }
            }
        }
    }
    let label_args: HashSet<Operand> =
        f.out.ops.iter().rev().find(|o| o.opcode == Opcode::Label).map(|o| o.args.iter().copied().collect()).unwrap_or_default();
    let mut keys: Vec<HeapKey> = heap_at_label
        .keys()
        .filter(|k| heap_at_jump.contains_key(k) && !k_immutable(k))
        .filter(|k| match k {
            HeapKey::Field(o, _, _) => !label_args.contains(o) && !f.fresh.contains(o),
            HeapKey::Item(o, i, _, _) => !label_args.contains(o) && !label_args.contains(i) && !f.fresh.contains(o),
        })
        .copied()
        .collect();
    keys.sort_by_key(|k| format!("{k:?}"));
    // Invariant: never written in the loop body, or always written with the
    // constant it already held when the loop was entered.
    let (invariant, keys): (Vec<HeapKey>, Vec<HeapKey>) = keys.into_iter().partition(|k| {
        let same_constant = heap_at_jump[k].is_const() && heap_at_jump.get(k) == heap_at_label.get(k);
        same_constant || (!f.loop_dirty_all && !f.loop_dirty.contains(k))
    });
    (f.out, LoopHeap { keys, invariant })
}

/// Runs the forward pass on a peeled loop, keeping every heap location it
/// can in registers across iterations.
pub fn run_peeled<'a>(input: &Trace<'a>) -> Trace<'a> {
    // Keeping one location invariant can reveal more (the items of an
    // invariant array pointer), so repeat while the sets grow.
    let (mut t, mut heap) = run_carrying(input, &[], &[]);
    for _ in 0..4 {
        if heap.is_empty() {
            break;
        }
        let (t2, heap2) = run_carrying(input, &heap.keys, &heap.invariant);
        t = t2;
        let grew = heap2.keys.len() + heap2.invariant.len() > heap.keys.len() + heap.invariant.len();
        if !grew {
            break;
        }
        heap = heap2;
    }
    t
}
