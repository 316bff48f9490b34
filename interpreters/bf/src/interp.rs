//! The interpreter: handlers written once over [`Mode`], and the driver
//! loop that switches between running, recording and compiled code.
//!
//! The virtualizable frame has three words: the cell pointer, the tape's
//! base address and its length (the tape may move when it grows). The tape
//! itself is plain memory accessed through an array descriptor. The green
//! key is (program id, instruction index).

use crate::io::{self, Input, Output};
use crate::program::{Instr, Program};
use kiln::ir::{ArrayDescr, Greens, MemKind};
use kiln::{Concrete, JitStop, Mode, Recorder, Slots};
use std::cell::RefCell;

const PTR: usize = 0;
const BASE: usize = 1;
const LEN: usize = 2;
const LIVE: usize = 3;
const INITIAL_TAPE: usize = 1024;

static TAPE: ArrayDescr = ArrayDescr::new("bf.tape", 0, 1, MemKind::U8);

thread_local! {
    static TAPE_CELLS: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

fn put(c: i64) {
    io::put(c)
}
kiln::residual!(fn call_put = put(c: i64) -> (); WRITES);

fn get(old: i64) -> i64 {
    io::get(old)
}
kiln::residual!(fn call_get = get(old: i64) -> i64; WRITES);

/// Grows the tape to hold cell `ptr`; returns the new base address, or an
/// error code when `ptr` is left of the first cell.
fn grow_tape(ptr: i64) -> Result<i64, i64> {
    if ptr < 0 {
        return Err(1);
    }
    TAPE_CELLS.with(|t| {
        let mut t = t.borrow_mut();
        let want = (ptr as usize + 1).max(t.len() * 2);
        t.resize(want, 0);
        Ok(t.as_mut_ptr() as i64)
    })
}
kiln::residual!(raises fn call_grow = grow_tape(ptr: i64) -> i64; WRITES);

fn tape_len() -> i64 {
    TAPE_CELLS.with(|t| t.borrow().len() as i64)
}
kiln::residual!(fn call_tape_len = tape_len() -> i64; READS);

/// What stopped a program.
#[derive(Debug)]
pub enum RunError {
    /// `<` moved the pointer left of the first cell.
    TapeUnderflow { line: u32, column: u32 },
    /// Writing the output failed.
    Io(std::io::Error),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::TapeUnderflow { line, column } => {
                write!(f, "{line}:{column}: the pointer moved left of the first cell")
            }
            RunError::Io(e) => write!(f, "output error: {e}"),
        }
    }
}

/// The address of the current cell, as (tape base, index).
fn cell<M: Mode>(m: &mut M, s: &Slots) -> (M::R, M::I) {
    let base = m.slot(s, BASE);
    let base = m.int_to_ref(base);
    let p = m.slot(s, PTR);
    (base, p)
}

/// Executes one instruction.
fn step<M: Mode>(m: &mut M, prog: &Program, pc: &mut usize, s: &mut Slots) -> Result<Option<JitStop>, RunError> {
    let at = *pc;
    if let Some(stop) = m.merge_point(Greens(prog.id, at as u64), s, LIVE) {
        return Ok(Some(stop));
    }
    match prog.instrs[at] {
        Instr::Add(n) => {
            let (base, p) = cell(m, s);
            let c = m.getarrayitem_i(base, p, &TAPE);
            let n = m.int(n as i64);
            let c = m.int_add(c, n);
            let mask = m.int(0xff);
            let c = m.int_and(c, mask);
            m.setarrayitem_i(base, p, &TAPE, c);
            *pc += 1;
        }
        Instr::Move(n) => {
            let p = m.slot(s, PTR);
            let n = m.int(n);
            let np = m.int_add(p, n);
            let len = m.slot(s, LEN);
            let outside = m.uint_ge(np, len);
            if m.cond(outside) {
                match call_grow(m, np) {
                    Ok(base) => {
                        m.set_slot(s, BASE, base);
                        let len = call_tape_len(m);
                        m.set_slot(s, LEN, len);
                    }
                    Err(_) => {
                        let (line, column) = prog.positions[at];
                        return Err(RunError::TapeUnderflow { line, column });
                    }
                }
            }
            m.set_slot(s, PTR, np);
            *pc += 1;
        }
        Instr::Output => {
            let (base, p) = cell(m, s);
            let c = m.getarrayitem_i(base, p, &TAPE);
            call_put(m, c);
            *pc += 1;
        }
        Instr::Input => {
            let (base, p) = cell(m, s);
            let c = m.getarrayitem_i(base, p, &TAPE);
            let c = call_get(m, c);
            m.setarrayitem_i(base, p, &TAPE, c);
            *pc += 1;
        }
        Instr::JumpIfZero(end) => {
            let (base, p) = cell(m, s);
            let c = m.getarrayitem_i(base, p, &TAPE);
            let zero = m.int_is_zero(c);
            *pc = if m.cond(zero) { end + 1 } else { at + 1 };
        }
        Instr::JumpIfNonZero(start) => {
            let (base, p) = cell(m, s);
            let c = m.getarrayitem_i(base, p, &TAPE);
            let nonzero = m.int_is_true(c);
            if m.cond(nonzero) {
                *pc = start + 1;
                // The loop header is the first instruction of the body.
                if let Some(stop) = m.loop_header(Greens(prog.id, *pc as u64), s, LIVE) {
                    return Ok(Some(stop));
                }
            } else {
                *pc = at + 1;
            }
        }
    }
    Ok(None)
}

/// Runs until the program ends (`None`) or the mode asks to stop.
fn run_in<M: Mode>(m: &mut M, prog: &Program, pc: &mut usize, s: &mut Slots) -> Result<Option<JitStop>, RunError> {
    while *pc < prog.instrs.len() {
        if let Some(stop) = step(m, prog, pc, s)? {
            return Ok(Some(stop));
        }
    }
    Ok(None)
}

/// Options of one run.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Print a description of each green key in JIT logs.
    pub describe: bool,
}

fn record(rec: Recorder<'_>, prog: &Program, pc: &mut usize, s: &mut Slots) -> Result<bool, RunError> {
    let mut rec = rec;
    let r = run_in(&mut rec, prog, pc, s);
    kiln::finish_recording(rec);
    Ok(r?.is_none())
}

/// Runs `prog` to completion with the given input and output, using the
/// JIT as configured with [`kiln::driver::set_params`] on this thread.
/// Returns the output (useful with [`Output::Buffer`]).
pub fn run(prog: &Program, input: Input, output: Output, opts: &RunOptions) -> Result<Output, RunError> {
    io::install(input, output);
    if opts.describe {
        let instrs = prog.instrs.clone();
        let positions = prog.positions.clone();
        let id = prog.id;
        kiln::driver::set_describer(move |g| {
            if g.0 != id {
                return format!("bf program {} pc {}", g.0, g.1);
            }
            let pc = g.1 as usize;
            let (line, col) = positions.get(pc).copied().unwrap_or((0, 0));
            let what = match instrs.get(pc) {
                Some(Instr::Add(n)) => format!("add {}", *n as i8),
                Some(Instr::Move(n)) => format!("move {n}"),
                Some(Instr::Output) => "'.'".into(),
                Some(Instr::Input) => "','".into(),
                Some(Instr::JumpIfZero(_)) => "'['".into(),
                Some(Instr::JumpIfNonZero(_)) => "']'".into(),
                None => "end".into(),
            };
            format!("{line}:{col} {what}")
        });
    }
    let base = TAPE_CELLS.with(|t| {
        let mut t = t.borrow_mut();
        t.clear();
        t.resize(INITIAL_TAPE, 0);
        t.as_mut_ptr() as u64
    });
    let mut slots = Slots::new(LIVE);
    slots.words_mut().copy_from_slice(&[0, base, INITIAL_TAPE as u64]);
    let mut pc = 0usize;
    let result = drive(prog, &mut pc, &mut slots);
    let io = io::uninstall();
    result?;
    if let Some(e) = io.error {
        return Err(RunError::Io(e));
    }
    Ok(io.output)
}

fn drive(prog: &Program, pc: &mut usize, s: &mut Slots) -> Result<(), RunError> {
    loop {
        let stop = run_in(&mut Concrete, prog, pc, s)?;
        match stop {
            None => return Ok(()),
            Some(JitStop::StartTrace(g)) => {
                let arena = bumpalo_arena();
                let rec = Recorder::start_loop(&arena, g, s, LIVE);
                if record(rec, prog, pc, s)? {
                    return Ok(());
                }
            }
            Some(JitStop::Enter(token)) => {
                let exit = kiln::execute(token, s);
                exit.restore_base(s);
                *pc = exit.frames[0].greens.1 as usize;
                if let Some(bridge) = exit.bridge {
                    let arena = bumpalo_arena();
                    let rec = Recorder::start_bridge(&arena, &bridge, &[&*s]);
                    if record(rec, prog, pc, s)? {
                        return Ok(());
                    }
                }
            }
            Some(JitStop::Collect) => kiln::gc::collect(|_| {}),
            Some(JitStop::TraceEnded) => unreachable!("concrete mode does not record"),
            Some(JitStop::StartFunctionTrace(_)) => unreachable!("Brainfuck has no functions"),
        }
    }
}

fn bumpalo_arena() -> kiln::ir::Arena {
    kiln::ir::Arena::new()
}
