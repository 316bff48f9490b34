//! Parsing: source text to a compact instruction list with matched jumps.

use std::sync::atomic::{AtomicU64, Ordering};

/// One instruction. Runs of `+`/`-` and of `>`/`<` are merged.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Instr {
    /// Add to the current cell (wrapping).
    Add(u8),
    /// Move the pointer.
    Move(i64),
    Output,
    Input,
    /// `[`: if the cell is zero, continue after the matching `]` (at the index given).
    JumpIfZero(usize),
    /// `]`: if the cell is nonzero, continue after the matching `[` (at the index given).
    JumpIfNonZero(usize),
}

/// A parsed program.
#[derive(Debug)]
pub struct Program {
    /// Distinguishes programs in the JIT's green keys.
    pub id: u64,
    pub instrs: Vec<Instr>,
    /// Source line and column (1-based) of each instruction, for messages.
    pub positions: Vec<(u32, u32)>,
}

/// Unbalanced brackets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub line: u32,
    pub column: u32,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// Parses Brainfuck source; characters other than `+-<>.,[]` are comments.
pub fn parse(source: &str) -> Result<Program, ParseError> {
    let mut instrs: Vec<Instr> = Vec::new();
    let mut positions = Vec::new();
    let mut open: Vec<(usize, u32, u32)> = Vec::new();
    let (mut line, mut col) = (1u32, 0u32);
    for c in source.chars() {
        col += 1;
        if c == '\n' {
            line += 1;
            col = 0;
            continue;
        }
        let pos = (line, col);
        match c {
            '+' | '-' => {
                let d: u8 = if c == '+' { 1 } else { 255 };
                if let Some(Instr::Add(n)) = instrs.last_mut() {
                    *n = n.wrapping_add(d);
                } else {
                    instrs.push(Instr::Add(d));
                    positions.push(pos);
                }
            }
            '>' | '<' => {
                let d = if c == '>' { 1 } else { -1 };
                if let Some(Instr::Move(n)) = instrs.last_mut() {
                    *n += d;
                } else {
                    instrs.push(Instr::Move(d));
                    positions.push(pos);
                }
            }
            '.' => {
                instrs.push(Instr::Output);
                positions.push(pos);
            }
            ',' => {
                instrs.push(Instr::Input);
                positions.push(pos);
            }
            '[' => {
                open.push((instrs.len(), line, col));
                instrs.push(Instr::JumpIfZero(0));
                positions.push(pos);
            }
            ']' => {
                let Some((start, _, _)) = open.pop() else {
                    return Err(ParseError { message: "unmatched ']'".into(), line, column: col });
                };
                let here = instrs.len();
                instrs[start] = Instr::JumpIfZero(here);
                instrs.push(Instr::JumpIfNonZero(start));
                positions.push(pos);
            }
            _ => {}
        }
    }
    if let Some((_, line, column)) = open.pop() {
        return Err(ParseError { message: "unmatched '['".into(), line, column });
    }
    // Merged runs that cancel out are dropped by the interpreter as no-ops.
    Ok(Program { id: NEXT_ID.fetch_add(1, Ordering::Relaxed), instrs, positions })
}
