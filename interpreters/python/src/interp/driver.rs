//! The driver loop (like the Brainfuck interpreter's `drive`): runs the
//! concrete interpreter and acts on its stops — records a loop when one
//! becomes hot, enters compiled code and rebuilds frames from the exit
//! state (inlined callee frames too, with a pending exception for Raise
//! resumes), records bridges, and collects garbage at safe points.

use super::eval::{self, live, Step};
use super::frame::Frame;
use crate::bytecode::Code;
use crate::runtime::{self as rt, vm};
use crate::value::{ObjRef, Value};
use kiln::{Concrete, JitStop, Recorder};

/// Runs a Python function's frame, just pushed at index `base` at its first
/// instruction, until it finishes; the entry counts towards a
/// function-entry trace (see `calls::entered`).
pub fn drive_function(base: usize) -> Step {
    if let Step::Stop(stop) = super::calls::entered(&mut Concrete, base) {
        if let Some(step) = on_stop(stop, base) {
            return step;
        }
    }
    drive(base)
}

/// Runs until the frame at index `base` finishes.
pub fn drive(base: usize) -> Step {
    loop {
        match eval::run(&mut Concrete, base) {
            Step::Stop(stop) => {
                if let Some(step) = on_stop(stop, base) {
                    return step;
                }
            }
            other => return other,
        }
    }
}

fn on_stop(stop: JitStop, base: usize) -> Option<Step> {
    let vm = vm();
    match stop {
        JitStop::Collect => {
            rt::collect_at_safe_point();
            None
        }
        JitStop::StartTrace(g) => {
            let arena = kiln::ir::Arena::new();
            let f = vm.frames.last().expect("frame");
            let rec = Recorder::start_loop(&arena, g, &f.slots, live(f.code, f.pc));
            record(rec, base)
        }
        JitStop::StartFunctionTrace(g) => {
            // The frame was just entered (see `calls::entered`).
            let arena = kiln::ir::Arena::new();
            let f = vm.frames.last().expect("frame");
            let rec = Recorder::start_function(&arena, g, &f.slots, live(f.code, 0));
            record(rec, base)
        }
        JitStop::Enter(token) => {
            let fi = vm.frames.len() - 1;
            let exit = kiln::execute(token, &vm.frames[fi].slots);
            // Compiled code may have run nested interpreter loops.
            let vm = crate::runtime::vm();
            if let Some(values) = &exit.finished {
                // The entered frame returned inside compiled code.
                let v = Value { tag: values.first().copied().unwrap_or(crate::value::T_NONE), payload: values.get(1).copied().unwrap_or(0) };
                vm.frames.truncate(fi);
                if fi == base {
                    return Some(Step::Returned(v));
                }
                let caller = vm.frames.last_mut().expect("caller frame");
                let at = caller.code.stack_base() + caller.code.depths[caller.pc] as usize - 1;
                caller.set(at, v);
                return None;
            }
            exit.restore_base(&mut vm.frames[fi].slots);
            vm.frames[fi].pc = exit.frames[0].greens.1 as usize;
            for rf in &exit.frames[1..] {
                // SAFETY: green keys hold the addresses of leaked code objects.
                let code: &'static Code = unsafe { &*(rf.greens.0 as usize as *const Code) };
                let func = Value { tag: rf.words.first().copied().unwrap_or(0), payload: rf.words.get(1).copied().unwrap_or(0) };
                let globals = match rt::kind(func) {
                    Some(crate::object::Kind::Function(fd)) => fd.globals,
                    _ => vm.frames[fi].globals,
                };
                let mut frame = Frame::new(code, func, Value::NULL, globals);
                frame.slots.words_mut()[..rf.words.len()].copy_from_slice(&rf.words);
                frame.pc = rf.greens.1 as usize;
                vm.frames.push(Box::new(frame));
            }
            if let Some(e) = exit.exception {
                if let Some(step) = eval::unwind(&mut Concrete, base, e as i64, true) {
                    return Some(step);
                }
            }
            if let Some(b) = exit.bridge {
                let arena = kiln::ir::Arena::new();
                let vm = crate::runtime::vm();
                let slots: Vec<&kiln::Slots> = vm.frames[fi..].iter().map(|f| &f.slots).collect();
                let rec = Recorder::start_bridge(&arena, &b, &slots);
                return record(rec, base);
            }
            None
        }
        JitStop::TraceEnded => None,
    }
}

fn record(mut rec: Recorder<'_>, base: usize) -> Option<Step> {
    let step = eval::run(&mut rec, base);
    kiln::finish_recording(rec);
    match step {
        Step::Stop(JitStop::Collect) => {
            rt::collect_at_safe_point();
            None
        }
        Step::Stop(_) => None,
        other => Some(other),
    }
}

/// Describes a green key for JIT logs: "file:line name instr".
pub fn describe(g: kiln::Greens) -> String {
    // SAFETY: green keys made by this interpreter hold leaked code addresses.
    let code: &Code = unsafe { &*(g.0 as usize as *const Code) };
    let pc = g.1 as usize;
    format!("{}:{} {} #{} {:?}", code.filename, code.line_of(pc), code.name, pc, code.instrs.get(pc))
}

pub fn unused(_: ObjRef) {}
