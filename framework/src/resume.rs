//! Resume data: what a compiled guard keeps so that, when it fails, the
//! interpreter's state can be rebuilt — several frames deep when calls were
//! inlined, with objects whose allocation the optimizer removed built anew.
//!
//! After optimization each guard's [`Snapshot`] is turned into a compact,
//! owned [`ResumeData`]: every slot says where its value comes from (a
//! constant, the n-th value the guard stored on exit, or a virtual object).
//! The guard's *fail arguments* are the distinct non-constant values its
//! snapshot needs, in order; backends store exactly those on exit.

use crate::ir::*;

/// Where a slot's value comes from when a guard fails.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Source {
    /// The k-th fail argument the guard stored.
    FailArg(u32),
    /// A constant of the given type.
    Const(Type, u64),
    /// An object to allocate (index into `ResumeData::virtuals`).
    Virtual(u32),
}

#[derive(Clone, Debug)]
pub struct ResumeFrameData {
    pub greens: Greens,
    pub slots: Vec<Source>,
}

#[derive(Clone, Debug)]
pub struct VirtualData {
    pub kind: VirtualKind,
    pub fields: Vec<(VirtualField, Source)>,
}

/// Owned resume information of one guard.
#[derive(Clone, Debug)]
pub struct ResumeData {
    pub frames: Vec<ResumeFrameData>,
    pub virtuals: Vec<VirtualData>,
    pub kind: ResumeKind,
}

/// Computes a guard's fail arguments and resume data from its snapshot.
pub fn build(op: &Op<'_>) -> (Vec<Operand>, ResumeData) {
    let snap = op.snapshot.expect("guard without snapshot");
    let mut fail_args: Vec<Operand> = Vec::new();
    let mut source = |o: Operand| -> Source {
        match o {
            Operand::Op(_) => {
                let k = match fail_args.iter().position(|&f| f == o) {
                    Some(k) => k,
                    None => {
                        fail_args.push(o);
                        fail_args.len() - 1
                    }
                };
                Source::FailArg(k as u32)
            }
            Operand::Int(v) => Source::Const(Type::Int, v as u64),
            Operand::Float(b) => Source::Const(Type::Float, b),
            Operand::Ref(b) => Source::Const(Type::Ref, b),
            Operand::Virtual(v) => Source::Virtual(v),
        }
    };
    let frames = snap
        .frames
        .iter()
        .map(|f| ResumeFrameData { greens: f.greens, slots: f.slots.iter().map(|&o| source(o)).collect() })
        .collect();
    let virtuals = snap
        .virtuals
        .iter()
        .map(|v| VirtualData { kind: v.kind, fields: v.fields.iter().map(|&(f, o)| (f, source(o))).collect() })
        .collect();
    let kind = if op.opcode == Opcode::GuardNoException { ResumeKind::Raise } else { ResumeKind::Reexecute };
    (fail_args, ResumeData { frames, virtuals, kind })
}

/// One frame of the rebuilt interpreter state.
#[derive(Clone, Debug, PartialEq)]
pub struct ResumeFrame {
    pub greens: Greens,
    /// Values of the frame's first `words.len()` slots.
    pub words: Vec<u64>,
}

/// Rebuilds frames from resume data and the values a guard stored,
/// allocating the virtual objects. Returns the frames and the addresses of
/// the objects built for the virtuals.
pub fn rebuild(data: &ResumeData, fail_values: &[u64]) -> (Vec<ResumeFrame>, Vec<usize>) {
    let plain = |s: &Source| -> u64 {
        match *s {
            Source::FailArg(k) => fail_values[k as usize],
            Source::Const(_, bits) => bits,
            Source::Virtual(_) => unreachable!("a sunk call's arguments are never virtual"),
        }
    };
    // Make every virtual first (their fields may refer to each other): a
    // sunk call is called again (its arguments are plain values, and the
    // memory it reads is as it was when the call was removed), an object
    // allocated.
    let objects: Vec<usize> = data
        .virtuals
        .iter()
        .map(|v| match v.kind {
            VirtualKind::Struct(t) => crate::gc::alloc(t),
            VirtualKind::Array(t, n) => crate::gc::alloc_var(t, n as usize),
            VirtualKind::Call(d) => {
                let args: Vec<u64> = v.fields.iter().map(|(_, s)| plain(s)).collect();
                d.func.invoke(&args) as usize
            }
        })
        .collect();
    let value = |s: &Source| -> u64 {
        match *s {
            Source::FailArg(k) => fail_values[k as usize],
            Source::Const(_, bits) => bits,
            Source::Virtual(v) => objects[v as usize] as u64,
        }
    };
    for (v, &obj) in data.virtuals.iter().zip(&objects) {
        if matches!(v.kind, VirtualKind::Call(_)) {
            continue;
        }
        for (field, src) in &v.fields {
            let bits = value(src);
            // SAFETY: the object was just allocated with the descriptor's layout.
            unsafe {
                match *field {
                    VirtualField::Field(d) => d.kind.store(obj + d.offset as usize, bits),
                    VirtualField::Item(d, i) => {
                        d.kind.store(obj + d.offset as usize + i as usize * d.item_size as usize, bits)
                    }
                    VirtualField::Arg(_) => unreachable!("arguments belong to sunk calls"),
                }
            }
        }
    }
    let frames = data
        .frames
        .iter()
        .map(|f| ResumeFrame { greens: f.greens, words: f.slots.iter().map(value).collect() })
        .collect();
    (frames, objects)
}
