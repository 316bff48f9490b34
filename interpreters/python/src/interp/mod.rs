//! The interpreter: frames, the eval loop (`eval`, generic over
//! `kiln::Mode`), and the driver that switches between concrete execution,
//! recording traces and running compiled code (`driver`). Generators and
//! calls from Rust into Python run nested driver loops.

/// Calls a residual operation that may raise. While recording, an
/// operation that raises stops the recording (its exceptional path is not
/// traced); in compiled code, the call's exception guard leaves the trace
/// and the interpreter raises the exception at the instruction.
macro_rules! rc {
    ($m:expr, $r:ident, $nr:ident $(, $arg:expr)* $(,)?) => {{
        match $r($m $(, $arg)*) {
            Ok(p) => p,
            Err(e) => {
                if M::RECORDING {
                    let _ = $m.cannot_trace("an operation raised while recording");
                }
                return Err(e);
            }
        }
    }};
}

mod arith;
mod attrs;
mod cache;
pub mod build;
mod calls;
pub mod driver;
pub mod eval;
pub mod frame;
mod globals;
mod iterate;
pub mod layout;
pub mod residuals;
mod subscr;

use crate::object::Kind;
use crate::runtime::{self as rt, vm, PyResult};
use crate::value::{ObjRef, Value};
use eval::Step;
use frame::Frame;

pub enum GenStep {
    Yielded(Value),
    Returned(Value),
}

/// Runs `frame` to completion in a nested loop (a call from Rust code).
pub fn run_nested(frame: impl Into<Box<Frame>>) -> PyResult<Value> {
    let frame: Box<Frame> = frame.into();
    let vm = vm();
    if vm.frames.len() >= vm.recursion_limit {
        return Err(rt::new_exception(vm.t.recursion_error, "maximum recursion depth exceeded"));
    }
    vm.frames.push(frame);
    let base = vm.frames.len() - 1;
    rt::enter_nested();
    let r = driver::drive_function(base);
    rt::leave_nested();
    match r {
        Step::Returned(v) => Ok(v),
        Step::Raised(e) => Err(e),
        Step::Yielded(_) | Step::Stop(_) | Step::Reload => Err(rt::runtime_error("frame yielded outside a generator".into())),
    }
}

/// Runs a frame as the outermost loop (a module body).
pub fn run_toplevel(frame: Frame) -> PyResult<Value> {
    let vm = vm();
    vm.frames.push(Box::new(frame));
    let base = vm.frames.len() - 1;
    match driver::drive(base) {
        Step::Returned(v) => Ok(v),
        Step::Raised(e) => Err(e),
        _ => Err(rt::runtime_error("module yielded".into())),
    }
}

pub fn generator_frame_done(_g: ObjRef) {}

fn gen_data(g: ObjRef) -> &'static mut crate::object::Generator {
    match &mut g.get().kind {
        Kind::Generator(x) => x,
        _ => panic!("not a generator"),
    }
}

/// Resumes a generator with a sent value or a thrown exception.
pub fn gen_resume(g: ObjRef, send: Value, throw: Option<ObjRef>) -> PyResult<GenStep> {
    let gd = gen_data(g);
    if gd.running {
        return Err(rt::value_error("generator already executing".into()));
    }
    if gd.finished {
        if let Some(e) = throw {
            return Err(e);
        }
        return Ok(GenStep::Returned(Value::NONE));
    }
    let Some(mut frame) = gd.frame.take() else {
        return Ok(GenStep::Returned(Value::NONE));
    };
    let started = frame.pc != 0;
    if !started && !send.is_none() && throw.is_none() {
        gd.frame = Some(frame);
        return Err(rt::type_error("can't send non-None value to a just-started generator".into()));
    }
    if started && throw.is_none() {
        let at = frame.stack_index(1);
        frame.set(at, send);
    }
    let vm = vm();
    if vm.frames.len() >= vm.recursion_limit {
        gd.frame = Some(frame);
        return Err(rt::new_exception(vm.t.recursion_error, "maximum recursion depth exceeded"));
    }
    gd.running = true;
    vm.frames.push(frame);
    let base = vm.frames.len() - 1;
    rt::enter_nested_for_generator(g);
    let step = match throw {
        Some(e) => match eval::unwind(&mut kiln::Concrete, base, e.0 as i64, true) {
            Some(s) => s,
            None => driver::drive(base),
        },
        None => driver::drive(base),
    };
    rt::leave_nested();
    let vm = crate::runtime::vm();
    let gd = gen_data(g);
    gd.running = false;
    match step {
        Step::Yielded(v) => {
            let f = vm.frames.pop().expect("generator frame");
            gd.frame = Some(f);
            Ok(GenStep::Yielded(v))
        }
        Step::Returned(v) => {
            gd.finished = true;
            Ok(GenStep::Returned(v))
        }
        Step::Raised(e) => {
            gd.finished = true;
            // PEP 479: StopIteration escaping a generator becomes RuntimeError.
            if crate::runtime::types::isinstance(e.val(), vm.t.stop_iteration) {
                let r = rt::runtime_error("generator raised StopIteration".into());
                if let Some(d) = rt::exc_data(r) {
                    d.cause = e.val();
                    d.context = e.val();
                    d.suppress_context = true;
                }
                return Err(r);
            }
            Err(e)
        }
        Step::Stop(_) | Step::Reload => Err(rt::runtime_error("generator stopped".into())),
    }
}

/// `yield from` / `send`: one step of a sub-iterator.
pub fn send(it: Value, v: Value) -> PyResult<GenStep> {
    if let Some(Kind::Generator(_)) = rt::kind(it) {
        return gen_resume(it.objref(), v, None);
    }
    if v.is_none() {
        return match rt::iter::next(it) {
            Ok(Some(x)) => Ok(GenStep::Yielded(x)),
            Ok(None) => Ok(GenStep::Returned(Value::NONE)),
            Err(e) => {
                if crate::runtime::types::isinstance(e.val(), vm().t.stop_iteration) {
                    return Ok(GenStep::Returned(rt::exc_args(e).first().copied().unwrap_or(Value::NONE)));
                }
                Err(e)
            }
        };
    }
    let m = rt::attr::getattr(it, rt::intern("send"))?;
    match rt::call::call(m, &[v], &[]) {
        Ok(x) => Ok(GenStep::Yielded(x)),
        Err(e) if crate::runtime::types::isinstance(e.val(), vm().t.stop_iteration) => Ok(GenStep::Returned(rt::exc_args(e).first().copied().unwrap_or(Value::NONE))),
        Err(e) => Err(e),
    }
}

/// generator.close()
pub fn gen_close(g: ObjRef) -> PyResult<()> {
    let gd = gen_data(g);
    if gd.finished || gd.frame.as_ref().map(|f| f.pc == 0).unwrap_or(true) {
        gd.finished = true;
        gd.frame = None;
        return Ok(());
    }
    let exit = rt::new_exception(vm().t.generator_exit, "");
    match gen_resume(g, Value::NONE, Some(exit)) {
        Ok(GenStep::Yielded(_)) => Err(rt::runtime_error("generator ignored GeneratorExit".into())),
        Ok(GenStep::Returned(_)) => Ok(()),
        Err(e) if crate::runtime::types::isinstance(e.val(), vm().t.generator_exit) || crate::runtime::types::isinstance(e.val(), vm().t.stop_iteration) => Ok(()),
        Err(e) => Err(e),
    }
}
