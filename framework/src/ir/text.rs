//! The text form of traces (printing). See [`super::parse`] for the reader.
//!
//! ```text
//! [i0, r1]
//! label(i0, r1)
//! debug_merge_point(7, 12, "loop.py:3 LOAD_FAST i")
//! i3 = int_add(i0, 1)
//! i4 = int_lt(i3, 100)
//! guard_true(i4) [7,12: i3, r1]
//! i6 = getfield(r1, descr=Counter.value)
//! jump(i3, r1, descr=self)
//! ```
//!
//! Values are named by their type's letter and a number counting the
//! trace's values (inputs first, then each op with a result); constants are
//! written inline (`42`, `1.5`, `ptr(0x10)`, `null`). A guard is followed by
//! its snapshot: one `[greens: slots]` group per frame, outermost first, and
//! `{v0=new(Type; field=value, ...)}` for virtual objects.

use super::*;
use std::fmt::Write;

/// Value numbers of a trace's ops (for ops with a result).
pub struct Names {
    numbers: Vec<u32>,
}

impl Names {
    pub fn new(t: &Trace<'_>) -> Names {
        let mut n = 0;
        let numbers = t
            .ops
            .iter()
            .map(|op| {
                let k = n;
                if op.ty != Type::Void {
                    n += 1;
                }
                k
            })
            .collect();
        Names { numbers }
    }
    /// The name of op `id`'s result.
    pub fn name(&self, t: &Trace<'_>, id: usize) -> String {
        format!("{}{}", t.ops[id].ty.letter(), self.numbers[id])
    }
}

/// Formats an operand of trace `t`.
pub fn operand(t: &Trace<'_>, o: Operand) -> String {
    operand_with(t, &Names::new(t), o)
}

fn operand_with(t: &Trace<'_>, names: &Names, o: Operand) -> String {
    match o {
        Operand::Op(id) => names.name(t, id as usize),
        Operand::Int(v) => v.to_string(),
        Operand::Float(b) => float_text(f64::from_bits(b)),
        Operand::Ref(0) => "null".into(),
        Operand::Ref(a) => format!("ptr({a:#x})"),
        Operand::Virtual(v) => format!("v{v}"),
    }
}

/// Floats always contain `.`, `e`, `inf` or `nan`, so they never read as ints.
pub fn float_text(v: f64) -> String {
    if v.is_nan() {
        "nan".into()
    } else if v.is_infinite() {
        if v > 0.0 { "inf".into() } else { "-inf".into() }
    } else {
        format!("{v:?}")
    }
}

fn descr_text(d: &Descr<'_>) -> Option<String> {
    Some(match d {
        Descr::None | Descr::Merge(..) => return None,
        Descr::Field(f) => f.name.to_string(),
        Descr::Array(a) => a.name.to_string(),
        Descr::Call(c) => c.name.to_string(),
        Descr::Type(t) => t.name.to_string(),
        Descr::Target(JumpTarget::SelfLoop) => "self".into(),
        Descr::Target(JumpTarget::Loop(n)) => format!("loop{n}"),
    })
}

/// Formats a snapshot (with a leading space).
pub fn snapshot(t: &Trace<'_>, names: &Names, s: &Snapshot<'_>) -> String {
    let operand = |t: &Trace<'_>, o: Operand| operand_with(t, names, o);
    let mut out = String::new();
    for f in s.frames {
        let slots: Vec<String> = f.slots.iter().map(|&o| operand(t, o)).collect();
        let _ = write!(out, " [{},{}: {}]", f.greens.0, f.greens.1, slots.join(", "));
    }
    if !s.virtuals.is_empty() {
        let vs: Vec<String> = s
            .virtuals
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let fields: Vec<String> = v
                    .fields
                    .iter()
                    .map(|(f, o)| match f {
                        VirtualField::Field(d) => format!("{}={}", d.name, operand(t, *o)),
                        VirtualField::Item(d, k) => format!("{}[{k}]={}", d.name, operand(t, *o)),
                        VirtualField::Arg(_) => operand(t, *o),
                    })
                    .collect();
                match v.kind {
                    VirtualKind::Struct(ty) => format!("v{i}=new({}; {})", ty.name, fields.join(", ")),
                    VirtualKind::Array(ty, n) => format!("v{i}=new_array({}, {n}; {})", ty.name, fields.join(", ")),
                    VirtualKind::Call(d) => format!("v{i}=call({}; {})", d.name, fields.join(", ")),
                }
            })
            .collect();
        let _ = write!(out, " {{{}}}", vs.join(", "));
    }
    out
}

/// Formats one op.
pub fn op(t: &Trace<'_>, names: &Names, id: usize) -> String {
    let operand = |t: &Trace<'_>, o: Operand| operand_with(t, names, o);
    let op = &t.ops[id];
    let mut s = String::new();
    if op.ty != Type::Void {
        let _ = write!(s, "{} = ", names.name(t, id));
    }
    s.push_str(op.opcode.name());
    s.push('(');
    let mut parts: Vec<String> = Vec::new();
    if let Descr::Merge(g, text) = op.descr {
        parts.push(g.0.to_string());
        parts.push(g.1.to_string());
        parts.push(format!("{text:?}"));
    }
    parts.extend(op.args.iter().map(|&a| operand(t, a)));
    if let Some(d) = descr_text(&op.descr) {
        parts.push(format!("descr={d}"));
    }
    s.push_str(&parts.join(", "));
    s.push(')');
    if let Some(snap) = op.snapshot {
        s.push_str(&snapshot(t, names, snap));
    }
    s
}

/// Formats a whole trace, one op per line, inputs first as `[i0, ...]`.
pub fn print(t: &Trace<'_>) -> String {
    let mut s = String::new();
    let names = Names::new(t);
    let inputs: Vec<String> = (0..t.num_inputs).map(|i| names.name(t, i)).collect();
    let _ = writeln!(s, "[{}]", inputs.join(", "));
    for id in t.num_inputs..t.ops.len() {
        s.push_str(&op(t, &names, id));
        s.push('\n');
    }
    s
}
