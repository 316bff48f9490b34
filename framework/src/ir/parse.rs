//! Reads the text form of traces (see [`super::text`]).
//!
//! Value names start with their type's letter (`i`, `f`, `r` or `p` for
//! references) followed by any identifier characters; descriptors are
//! looked up by name in the registry ([`super::descr::register`]). Lines
//! may carry `#` comments. Errors name the line and what was expected.

use super::descr::{lookup, AnyDescr};
use super::*;
use bumpalo::Bump;
use std::collections::HashMap;

struct Cursor<'s> {
    s: &'s [u8],
    pos: usize,
    line: usize,
}

impl<'s> Cursor<'s> {
    fn err<T>(&self, msg: impl Into<String>) -> Result<T, String> {
        Err(format!("line {}: {} (at {:?})", self.line, msg.into(), String::from_utf8_lossy(&self.s[self.pos..]).trim_end()))
    }
    fn ws(&mut self) {
        while self.pos < self.s.len() && (self.s[self.pos] == b' ' || self.s[self.pos] == b'\t') {
            self.pos += 1;
        }
    }
    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.s.get(self.pos).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expect(&mut self, c: u8) -> Result<(), String> {
        if self.eat(c) {
            Ok(())
        } else {
            self.err(format!("expected {:?}", c as char))
        }
    }
    fn at_end(&mut self) -> bool {
        self.peek().is_none()
    }
    fn word(&mut self) -> &'s str {
        self.ws();
        let start = self.pos;
        while self.pos < self.s.len() {
            let c = self.s[self.pos];
            if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-' | b'+') {
                self.pos += 1;
            } else {
                break;
            }
        }
        std::str::from_utf8(&self.s[start..self.pos]).unwrap_or("")
    }
    fn string(&mut self) -> Result<String, String> {
        self.ws();
        if self.s.get(self.pos) != Some(&b'"') {
            return self.err("expected a string");
        }
        self.pos += 1;
        let mut out = String::new();
        let mut chars = std::str::from_utf8(&self.s[self.pos..]).map_err(|e| e.to_string())?.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.pos += i + 1;
                    return Ok(out);
                }
                '\\' => match chars.next() {
                    Some((_, 'n')) => out.push('\n'),
                    Some((_, 't')) => out.push('\t'),
                    Some((_, 'r')) => out.push('\r'),
                    Some((_, '0')) => out.push('\0'),
                    Some((_, 'u')) => {
                        let mut hex = String::new();
                        for (_, c) in chars.by_ref() {
                            if c == '}' {
                                break;
                            }
                            if c != '{' {
                                hex.push(c);
                            }
                        }
                        out.push(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32).unwrap_or('?'));
                    }
                    Some((_, c)) => out.push(c),
                    None => break,
                },
                c => out.push(c),
            }
        }
        self.err("unterminated string")
    }
}

fn type_of_name(name: &str) -> Option<Type> {
    match name.as_bytes().first()? {
        b'i' => Some(Type::Int),
        b'f' => Some(Type::Float),
        b'r' | b'p' => Some(Type::Ref),
        _ => None,
    }
}

struct Parser<'a, 's> {
    arena: &'a Bump,
    names: HashMap<&'s str, OpId>,
    cur: Cursor<'s>,
}

impl<'a, 's> Parser<'a, 's> {
    fn operand(&mut self) -> Result<Operand, String> {
        let w = self.cur.word();
        if w.is_empty() {
            return self.cur.err("expected an operand");
        }
        if w == "null" {
            return Ok(Operand::Ref(0));
        }
        if w == "ptr" {
            self.cur.expect(b'(')?;
            let v = self.cur.word();
            self.cur.expect(b')')?;
            let v = v.trim_start_matches("0x");
            return u64::from_str_radix(v, 16).map(Operand::Ref).or_else(|_| self.cur.err("bad pointer"));
        }
        if let Some(rest) = w.strip_prefix('v') {
            if let Ok(n) = rest.parse::<u32>() {
                return Ok(Operand::Virtual(n));
            }
        }
        let first = w.as_bytes()[0];
        if first.is_ascii_digit() || first == b'-' || first == b'+' || w == "inf" || w == "nan" {
            if let Ok(v) = w.parse::<i64>() {
                return Ok(Operand::Int(v));
            }
            if let Ok(v) = w.parse::<f64>() {
                return Ok(Operand::float(v));
            }
            return self.cur.err(format!("bad number {w:?}"));
        }
        match self.names.get(w) {
            Some(&id) => Ok(Operand::Op(id)),
            None => self.cur.err(format!("unknown value {w:?}")),
        }
    }

    fn descr(&mut self, opcode: Opcode, name: &str) -> Result<Descr<'a>, String> {
        if opcode == Opcode::Jump {
            if name == "self" {
                return Ok(Descr::Target(JumpTarget::SelfLoop));
            }
            if let Some(n) = name.strip_prefix("loop").and_then(|n| n.parse().ok()) {
                return Ok(Descr::Target(JumpTarget::Loop(n)));
            }
            return self.cur.err(format!("bad jump target {name:?}"));
        }
        match lookup(name) {
            Some(AnyDescr::Field(d)) => Ok(Descr::Field(d)),
            Some(AnyDescr::Array(d)) => Ok(Descr::Array(d)),
            Some(AnyDescr::Call(d)) => Ok(Descr::Call(d)),
            Some(AnyDescr::Type(d)) => Ok(Descr::Type(d)),
            None => self.cur.err(format!("unknown descriptor {name:?} (not registered)")),
        }
    }

    fn snapshot(&mut self) -> Result<Option<&'a Snapshot<'a>>, String> {
        let mut frames = Vec::new();
        while self.cur.eat(b'[') {
            let g0 = self.cur.word().parse::<u64>().or_else(|_| self.cur.err("expected green"))?;
            self.cur.expect(b',')?;
            let g1 = self.cur.word().parse::<u64>().or_else(|_| self.cur.err("expected green"))?;
            self.cur.expect(b':')?;
            let mut slots = Vec::new();
            if !self.cur.eat(b']') {
                loop {
                    slots.push(self.operand()?);
                    if self.cur.eat(b']') {
                        break;
                    }
                    self.cur.expect(b',')?;
                }
            }
            frames.push(SnapFrame { greens: Greens(g0, g1), slots: self.arena.alloc_slice_copy(&slots) });
        }
        let mut virtuals = Vec::new();
        if self.cur.eat(b'{') {
            loop {
                let v = self.cur.word();
                if v != format!("v{}", virtuals.len()) {
                    return self.cur.err("virtuals must be numbered v0, v1, ... in order");
                }
                self.cur.expect(b'=')?;
                let kind_word = self.cur.word();
                self.cur.expect(b'(')?;
                let tname = self.cur.word();
                if kind_word == "call" {
                    let Some(AnyDescr::Call(d)) = lookup(tname) else {
                        return self.cur.err(format!("unknown call {tname:?}"));
                    };
                    self.cur.expect(b';')?;
                    let mut args = Vec::new();
                    if !self.cur.eat(b')') {
                        loop {
                            args.push((VirtualField::Arg(args.len() as u32), self.operand()?));
                            if self.cur.eat(b')') {
                                break;
                            }
                            self.cur.expect(b',')?;
                        }
                    }
                    if args.len() != d.args.len() {
                        return self.cur.err(format!("{tname} takes {} arguments", d.args.len()));
                    }
                    virtuals.push(VirtualObj { kind: VirtualKind::Call(d), fields: self.arena.alloc_slice_copy(&args) });
                    if self.cur.eat(b'}') {
                        break;
                    }
                    self.cur.expect(b',')?;
                    continue;
                }
                let Some(AnyDescr::Type(t)) = lookup(tname) else {
                    return self.cur.err(format!("unknown type {tname:?}"));
                };
                let kind = match kind_word {
                    "new" => VirtualKind::Struct(t),
                    "new_array" => {
                        self.cur.expect(b',')?;
                        let n = self.cur.word().parse::<u32>().or_else(|_| self.cur.err("expected length"))?;
                        VirtualKind::Array(t, n)
                    }
                    _ => return self.cur.err("expected new, new_array or call"),
                };
                self.cur.expect(b';')?;
                let mut fields = Vec::new();
                if !self.cur.eat(b')') {
                    loop {
                        let fname = self.cur.word();
                        let field = if self.cur.eat(b'[') {
                            let k = self.cur.word().parse::<u32>().or_else(|_| self.cur.err("expected index"))?;
                            self.cur.expect(b']')?;
                            match lookup(fname) {
                                Some(AnyDescr::Array(d)) => VirtualField::Item(d, k),
                                _ => return self.cur.err(format!("unknown array {fname:?}")),
                            }
                        } else {
                            match lookup(fname) {
                                Some(AnyDescr::Field(d)) => VirtualField::Field(d),
                                _ => return self.cur.err(format!("unknown field {fname:?}")),
                            }
                        };
                        self.cur.expect(b'=')?;
                        let val = self.operand()?;
                        fields.push((field, val));
                        if self.cur.eat(b')') {
                            break;
                        }
                        self.cur.expect(b',')?;
                    }
                }
                virtuals.push(VirtualObj { kind, fields: self.arena.alloc_slice_copy(&fields) });
                if self.cur.eat(b'}') {
                    break;
                }
                self.cur.expect(b',')?;
            }
        }
        if frames.is_empty() && virtuals.is_empty() {
            return Ok(None);
        }
        Ok(Some(self.arena.alloc(Snapshot {
            frames: self.arena.alloc_slice_copy(&frames),
            virtuals: self.arena.alloc_slice_copy(&virtuals),
        })))
    }
}

fn strip_comment(line: &str) -> &str {
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            '\\' if in_str => escaped = !escaped,
            '"' if !escaped => in_str = !in_str,
            '#' if !in_str => return &line[..i],
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    line
}

/// Parses a trace of the given kind from its text form.
pub fn parse<'a>(arena: &'a Bump, kind: TraceKind, text: &str) -> Result<Trace<'a>, String> {
    let mut trace = Trace::new(arena, kind);
    let mut names: HashMap<&str, OpId> = HashMap::new();
    let mut seen_inputs = false;
    for (lineno, raw) in text.lines().enumerate() {
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        let mut p = Parser { arena, names: std::mem::take(&mut names), cur: Cursor { s: line.as_bytes(), pos: 0, line: lineno + 1 } };
        if !seen_inputs {
            seen_inputs = true;
            p.cur.expect(b'[')?;
            if !p.cur.eat(b']') {
                loop {
                    let name = p.cur.word();
                    let Some(ty) = type_of_name(name) else { return p.cur.err(format!("bad input name {name:?}")) };
                    let Operand::Op(id) = trace.add_input(ty) else { unreachable!() };
                    if p.names.insert(name, id).is_some() {
                        return p.cur.err(format!("{name} defined twice"));
                    }
                    if p.cur.eat(b']') {
                        break;
                    }
                    p.cur.expect(b',')?;
                }
            }
            names = p.names;
            continue;
        }
        let first = p.cur.word();
        let (result, opname) = if p.cur.eat(b'=') { (Some(first), p.cur.word()) } else { (None, first) };
        let Some(opcode) = Opcode::from_name(opname) else { return p.cur.err(format!("unknown operation {opname:?}")) };
        if opcode == Opcode::Input {
            return p.cur.err("inputs are declared on the first line");
        }
        p.cur.expect(b'(')?;
        let mut args = Vec::new();
        let mut descr = Descr::None;
        if opcode == Opcode::DebugMergePoint {
            let g0 = p.cur.word().parse::<u64>().or_else(|_| p.cur.err("expected green"))?;
            p.cur.expect(b',')?;
            let g1 = p.cur.word().parse::<u64>().or_else(|_| p.cur.err("expected green"))?;
            p.cur.expect(b',')?;
            let s = p.cur.string()?;
            descr = Descr::Merge(Greens(g0, g1), arena.alloc_str(&s));
            p.cur.expect(b')')?;
        } else if !p.cur.eat(b')') {
            loop {
                let save = p.cur.pos;
                let w = p.cur.word();
                if w == "descr" && p.cur.eat(b'=') {
                    let name = p.cur.word();
                    descr = p.descr(opcode, name)?;
                } else {
                    p.cur.pos = save;
                    args.push(p.operand()?);
                }
                if p.cur.eat(b')') {
                    break;
                }
                p.cur.expect(b',')?;
            }
        }
        let snapshot = p.snapshot()?;
        if !p.cur.at_end() {
            return p.cur.err("unexpected text after the operation");
        }
        if opcode.is_guard() && snapshot.is_none() {
            return p.cur.err("a guard needs a snapshot");
        }
        let ty = match result {
            Some(name) => match type_of_name(name) {
                Some(t) => t,
                None => return p.cur.err(format!("bad value name {name:?}")),
            },
            None => Type::Void,
        };
        let op = Op { opcode, ty, args: arena.alloc_slice_copy(&args), descr, snapshot };
        let Operand::Op(id) = trace.push(op) else { unreachable!() };
        if let Some(name) = result {
            if p.names.insert(name, id).is_some() {
                return p.cur.err(format!("{name} defined twice"));
            }
        }
        names = p.names;
    }
    if !seen_inputs {
        return Err("empty trace".into());
    }
    Ok(trace)
}
