//! Allocation removal ("virtuals"): objects allocated in the trace that do
//! not escape are never allocated. Their fields live in SSA values; loads
//! from them are replaced by the stored values; guards that need them get
//! a description of the object in their snapshot, and resume allocates it
//! only if the guard fails. An object escapes — and is allocated at that
//! point, with its current field values ("forced") — when it is passed to a
//! call, stored into a real object, carried around the loop, or used in any
//! way this pass does not understand.

use crate::ir::*;
use std::collections::HashMap;

/// Arrays longer than this are not made virtual.
const MAX_VIRTUAL_ARRAY: i64 = 64;

struct VInfo {
    kind: VirtualKind,
    fields: Vec<(VirtualField, Operand)>,
    forced: Option<Operand>,
}

struct Pass<'a> {
    out: Trace<'a>,
    map: Vec<Operand>,
    virtuals: Vec<VInfo>,
    snap_cache: HashMap<usize, &'a Snapshot<'a>>,
}

fn zero(kind: MemKind) -> Operand {
    match kind.ty() {
        Type::Float => Operand::float(0.0),
        Type::Ref => Operand::Ref(0),
        _ => Operand::Int(0),
    }
}

fn same_field(a: &VirtualField, b: &VirtualField) -> bool {
    a == b
}

impl<'a> Pass<'a> {
    /// The current operand for an input operand (virtual objects as
    /// `Operand::Virtual(k)` with `k` indexing `self.virtuals`).
    fn get(&self, o: Operand) -> Operand {
        let o = match o {
            Operand::Op(id) => self.map[id as usize],
            other => other,
        };
        self.resolve(o)
    }

    fn resolve(&self, o: Operand) -> Operand {
        match o {
            Operand::Virtual(k) => self.virtuals[k as usize].forced.unwrap_or(o),
            other => other,
        }
    }

    fn is_virtual(&self, o: Operand) -> bool {
        matches!(self.resolve(o), Operand::Virtual(_))
    }

    fn field(&self, k: u32, f: &VirtualField) -> Option<Operand> {
        self.virtuals[k as usize].fields.iter().find(|(g, _)| same_field(g, f)).map(|(_, v)| *v)
    }

    fn set_field(&mut self, k: u32, f: VirtualField, v: Operand) {
        let fields = &mut self.virtuals[k as usize].fields;
        match fields.iter_mut().find(|(g, _)| same_field(g, &f)) {
            Some(slot) => slot.1 = v,
            None => fields.push((f, v)),
        }
    }

    /// Allocates a virtual object for real, with its current fields.
    fn force(&mut self, o: Operand) -> Operand {
        let o = self.resolve(o);
        let Operand::Virtual(k) = o else { return o };
        let kind = self.virtuals[k as usize].kind;
        let r = match kind {
            VirtualKind::Struct(t) => self.out.emit(Opcode::New, Type::Ref, &[], Descr::Type(t)),
            VirtualKind::Array(t, n) => self.out.emit(Opcode::NewArray, Type::Ref, &[Operand::Int(n as i64)], Descr::Type(t)),
            VirtualKind::Call(d) => {
                // Only the sinking pass, which runs last, makes these.
                let args: Vec<Operand> = self.virtuals[k as usize].fields.iter().map(|&(_, v)| v).collect();
                let r = self.out.emit(Opcode::Call, d.ret, &args, Descr::Call(d));
                self.virtuals[k as usize].forced = Some(r);
                return r;
            }
        };
        // Mark forced first: fields may point back to this object.
        self.virtuals[k as usize].forced = Some(r);
        self.snap_cache.clear();
        let fields = self.virtuals[k as usize].fields.clone();
        for (f, v) in fields {
            let v = self.force(v);
            match f {
                VirtualField::Field(d) => {
                    self.out.emit(Opcode::SetField, Type::Void, &[r, v], Descr::Field(d));
                }
                VirtualField::Item(d, i) => {
                    self.out.emit(Opcode::SetArrayItem, Type::Void, &[r, Operand::Int(i as i64), v], Descr::Array(d));
                }
                VirtualField::Arg(_) => {}
            }
        }
        r
    }

    fn emit_forced(&mut self, op: &Op<'a>, args: &[Operand]) -> Operand {
        let args: Vec<Operand> = args.iter().map(|&a| self.force(a)).collect();
        let snapshot = op.snapshot.map(|s| self.snapshot(s));
        let new = Op { args: self.out.arena.alloc_slice_copy(&args), snapshot, ..*op };
        self.out.push(new)
    }

    /// Rewrites a snapshot: unforced virtual objects become descriptions.
    fn snapshot(&mut self, s: &'a Snapshot<'a>) -> &'a Snapshot<'a> {
        let key = s as *const _ as usize;
        if let Some(done) = self.snap_cache.get(&key) {
            return done;
        }
        let mut locals = Locals::default();
        let mut frames = Vec::with_capacity(s.frames.len());
        for f in s.frames {
            let slots: Vec<Operand> = f.slots.iter().map(|&o| self.conv(&mut locals, o, true)).collect();
            frames.push(SnapFrame { greens: f.greens, slots: self.out.arena.alloc_slice_copy(&slots) });
        }
        let mut objs: Vec<VirtualObj<'a>> = Vec::new();
        let mut i = 0;
        while i < locals.list.len() {
            let (kind, fields): (VirtualKind, Vec<(VirtualField, Operand)>) = match locals.list[i] {
                Src::Internal(k) => {
                    let v = &self.virtuals[k as usize];
                    let (kind, fields) = (v.kind, v.fields.clone());
                    // Field values are already current operands.
                    let fields = fields.into_iter().map(|(f, val)| (f, self.conv(&mut locals, val, false))).collect();
                    (kind, fields)
                }
                Src::Input(j) => {
                    let v = &s.virtuals[j as usize];
                    let fields = v.fields.iter().map(|&(f, val)| (f, self.conv(&mut locals, val, true))).collect();
                    (v.kind, fields)
                }
            };
            objs.push(VirtualObj { kind, fields: self.out.arena.alloc_slice_copy(&fields) });
            i += 1;
        }
        let snap = self.out.arena.alloc(Snapshot {
            frames: self.out.arena.alloc_slice_copy(&frames),
            virtuals: self.out.arena.alloc_slice_copy(&objs),
        });
        self.snap_cache.insert(key, snap);
        snap
    }

    /// Converts one snapshot operand. `input` operands come from the input
    /// snapshot (so `Virtual(i)` names its virtuals); others are current.
    fn conv(&self, locals: &mut Locals, o: Operand, input: bool) -> Operand {
        if input {
            if let Operand::Virtual(i) = o {
                return Operand::Virtual(locals.intern(Src::Input(i)));
            }
        }
        let o = if input { self.get(o) } else { self.resolve(o) };
        match o {
            Operand::Virtual(k) => Operand::Virtual(locals.intern(Src::Internal(k))),
            other => other,
        }
    }
}

/// Where a snapshot-local virtual comes from.
#[derive(Copy, Clone, PartialEq, Eq, Hash)]
enum Src {
    /// One of this pass's virtual objects.
    Internal(u32),
    /// One of the input snapshot's virtuals.
    Input(u32),
}

/// The virtuals of one snapshot being built, in order.
#[derive(Default)]
struct Locals {
    list: Vec<Src>,
    index: HashMap<Src, u32>,
}

impl Locals {
    fn intern(&mut self, s: Src) -> u32 {
        let n = self.list.len() as u32;
        *self.index.entry(s).or_insert_with(|| {
            self.list.push(s);
            n
        })
    }
}

/// Runs allocation removal.
pub fn run<'a>(input: &Trace<'a>) -> Trace<'a> {
    let mut p = Pass { out: Trace::new(input.arena, input.kind), map: vec![Operand::Int(0); input.ops.len()], virtuals: Vec::new(), snap_cache: HashMap::new() };
    for (id, op) in input.ops.iter().enumerate() {
        let args: Vec<Operand> = op.args.iter().map(|&a| p.get(a)).collect();
        let result = match (op.opcode, op.descr) {
            (Opcode::Input, _) => Some(p.out.add_input(op.ty)),
            (Opcode::New, Descr::Type(t)) => {
                p.virtuals.push(VInfo { kind: VirtualKind::Struct(t), fields: Vec::new(), forced: None });
                Some(Operand::Virtual(p.virtuals.len() as u32 - 1))
            }
            (Opcode::NewArray, Descr::Type(t)) if args[0].as_int().is_some_and(|n| (0..=MAX_VIRTUAL_ARRAY).contains(&n)) => {
                let n = args[0].as_int().unwrap() as u32;
                p.virtuals.push(VInfo { kind: VirtualKind::Array(t, n), fields: Vec::new(), forced: None });
                Some(Operand::Virtual(p.virtuals.len() as u32 - 1))
            }
            (Opcode::SetField, Descr::Field(d)) if p.is_virtual(args[0]) => {
                let Operand::Virtual(k) = p.resolve(args[0]) else { unreachable!() };
                p.set_field(k, VirtualField::Field(d), args[1]);
                None
            }
            (Opcode::GetField, Descr::Field(d)) if p.is_virtual(args[0]) => {
                let Operand::Virtual(k) = p.resolve(args[0]) else { unreachable!() };
                let length = match p.virtuals[k as usize].kind {
                    VirtualKind::Array(t, n) if t.var.as_ref().is_some_and(|v| std::ptr::eq(v.length, d)) => Some(Operand::Int(n as i64)),
                    _ => None,
                };
                Some(length.or_else(|| p.field(k, &VirtualField::Field(d))).unwrap_or(zero(d.kind)))
            }
            (Opcode::SetArrayItem, Descr::Array(d)) if p.is_virtual(args[0]) && args[1].as_int().is_some() => {
                let Operand::Virtual(k) = p.resolve(args[0]) else { unreachable!() };
                let i = args[1].as_int().unwrap();
                match p.virtuals[k as usize].kind {
                    VirtualKind::Array(_, n) if (0..n as i64).contains(&i) => {
                        p.set_field(k, VirtualField::Item(d, i as u32), args[2]);
                        None
                    }
                    _ => {
                        p.emit_forced(op, &args);
                        None
                    }
                }
            }
            (Opcode::GetArrayItem, Descr::Array(d)) if p.is_virtual(args[0]) && args[1].as_int().is_some() => {
                let Operand::Virtual(k) = p.resolve(args[0]) else { unreachable!() };
                let i = args[1].as_int().unwrap();
                match p.virtuals[k as usize].kind {
                    VirtualKind::Array(_, n) if (0..n as i64).contains(&i) => {
                        Some(p.field(k, &VirtualField::Item(d, i as u32)).unwrap_or(zero(d.kind)))
                    }
                    _ => Some(p.emit_forced(op, &args)),
                }
            }
            (Opcode::GuardClass, Descr::Type(t)) if p.is_virtual(args[0]) => {
                let Operand::Virtual(k) = p.resolve(args[0]) else { unreachable!() };
                let matches = match p.virtuals[k as usize].kind {
                    VirtualKind::Struct(vt) | VirtualKind::Array(vt, _) => std::ptr::eq(vt, t),
                    VirtualKind::Call(_) => false,
                };
                if !matches {
                    p.emit_forced(op, &args);
                }
                None
            }
            (Opcode::GuardNonNull, _) if p.is_virtual(args[0]) => None,
            (Opcode::QuasiImmutField, _) if p.is_virtual(args[0]) => None,
            (Opcode::SameAs, _) if p.is_virtual(args[0]) => Some(args[0]),
            (Opcode::PtrEq | Opcode::PtrNe, _) if p.is_virtual(args[0]) || p.is_virtual(args[1]) => {
                let same = p.resolve(args[0]) == p.resolve(args[1]);
                let eq = if op.opcode == Opcode::PtrEq { same } else { !same };
                Some(Operand::Int(eq as i64))
            }
            _ => {
                let r = p.emit_forced(op, &args);
                if op.ty != Type::Void {
                    Some(r)
                } else {
                    None
                }
            }
        };
        if let Some(r) = result {
            p.map[id] = r;
        }
    }
    p.out
}
