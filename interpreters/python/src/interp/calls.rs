//! CALL and RETURN: Python-to-Python calls push a frame on the explicit
//! frame stack (inlined into traces through `enter_frame`); every other
//! callable is a residual call.

use super::eval::{greens, live, Step, V, W};
use super::frame::Frame;
use super::residuals::*;
use crate::bytecode::Code;
use crate::object::Kind;
use crate::runtime::{self as rt, call as rcall};
use crate::value::*;
use kiln::Mode;

#[allow(clippy::too_many_arguments)]
pub fn call<M: Mode>(m: &mut M, fi: usize, code: &'static Code, pc: usize, top: usize, n: usize, kw: bool) -> Result<Option<Step>, W<M>> {
    let vm = crate::runtime::vm();
    let f = &mut vm.frames[fi];
    let kwn = if kw { Some(rd(m, f, top - 1)) } else { None };
    let argtop = if kw { top - 1 } else { top };
    let fpos = argtop - n - 2;
    let callee = rd(m, f, fpos);
    let this = rd(m, f, fpos + 1);
    let ctag = m.promote_int(callee.0) as u64;
    let mut python_function = false;
    if ctag == T_OBJ {
        let cref = m.int_to_ref(callee.1);
        let co = ObjRef(m.peek_ref(cref));
        if let Some(func) = traced_function(m, cref) {
            python_function = true;
            if !func.code.flags.generator {
                let this_null = {
                    let z = m.int_is_zero(this.0);
                    m.cond(z)
                };
                let nargs = n + (!this_null) as usize;
                let c = func.code;
                if fi + 1 >= vm.recursion_limit {
                    let (k, cc, a) = (m.int(1), m.int(0), m.int(0));
                    return Err(r_error(m, k, cc, a).err().unwrap_or_else(|| m.int(0)));
                }
                let simple = kwn.is_none() && nargs == c.argcount as usize && !c.flags.varargs && !c.flags.varkw && c.kwonlyargcount == 0;
                if M::RECORDING && simple && m.should_inline(greens(c, 0)) {
                    // Binding is constant control flow on the promoted function.
                    let frame = Frame::new(c, co.val(), Value::NULL, func.globals);
                    let first = if this_null { fpos + 2 } else { fpos + 1 };
                    let args: Vec<V<M>> = (0..nargs).map(|k| rd(m, f, first + k)).collect();
                    f.pc = pc + 1;
                    let caller_live = 2 * (code.stack_base() + code.depths[pc] as usize - n - 2);
                    vm.frames.push(Box::new(frame));
                    let (lo, hi) = vm.frames.split_at_mut(fi + 1);
                    let _ = m.enter_frame(&hi[0].slots, &lo[fi].slots, greens(code, pc + 1), caller_live);
                    m.callee_entry(greens(c, 0));
                    let callee_f = vm.frames.last_mut().expect("frame");
                    // The function object itself is not a constant (see `traced_function`).
                    wr(m, callee_f, 0, callee);
                    for (k, a) in args.into_iter().enumerate() {
                        wr(m, callee_f, Frame::local(k), a);
                    }
                    return Ok(Some(Step::Reload));
                }
                if !M::RECORDING && simple {
                    // The common case: positional arguments straight into the new frame.
                    let mut frame = Frame::acquire(c, co.val(), Value::NULL, func.globals);
                    let first = if this_null { fpos + 2 } else { fpos + 1 };
                    for k in 0..nargs {
                        frame.set(Frame::local(k), f.get(first + k));
                    }
                    f.pc = pc + 1;
                    vm.frames.push(frame);
                    if kiln::gc::collection_due() {
                        rt::collect_at_safe_point();
                    }
                    return Ok(Some(entered(m, fi + 1)));
                }
                if !M::RECORDING {
                    // Concrete mode: full argument binding in Rust.
                    let first = if this_null { fpos + 2 } else { fpos + 1 };
                    let mut args: Vec<Value> = (first..argtop).map(|k| f.get(k)).collect();
                    let kwargs: Vec<(ObjRef, Value)> = match kwn {
                        Some(t) => {
                            let names = rt::as_tuple(Value { tag: T_OBJ, payload: m.peek_int(t.1) as u64 }).unwrap_or(&[]);
                            let split = args.len() - names.len();
                            let kv = args.split_off(split);
                            names.iter().map(|x| x.objref()).zip(kv).collect()
                        }
                        None => vec![],
                    };
                    let frame = match rcall::bind_frame(co, &args, &kwargs) {
                        Ok(fr) => fr,
                        Err(e) => return Err(m.int(e.0 as i64)),
                    };
                    f.pc = pc + 1;
                    vm.frames.push(frame);
                    if kiln::gc::collection_due() {
                        rt::collect_at_safe_point();
                    }
                    return Ok(Some(entered(m, fi + 1)));
                }
            }
        }
    }
    // Instantiating a plain user class: its __init__ runs as a frame here
    // (no nested interpreter loop), inline in traces.
    if M::RECORDING && kwn.is_none() && !python_function {
        if let Some(step) = traced_instantiation(m, fi, code, pc, fpos, argtop, callee) {
            return Ok(Some(step));
        }
    }
    if M::RECORDING && kwn.is_none() && !python_function {
        if let Some(v) = traced_builtin_call(m, fi, fpos, argtop, callee)? {
            let f = &mut crate::runtime::vm().frames[fi];
            wr(m, f, fpos, v);
            f.pc = pc + 1;
            return Ok(None);
        }
    }
    let f = &mut crate::runtime::vm().frames[fi];
    if !M::RECORDING && kwn.is_none() {
        let callee_v = f.get(fpos);
        if let Some((init, obj)) = simple_instantiation(callee_v, argtop - fpos - 2) {
            let Kind::Function(func) = &init.get().kind else { unreachable!() };
            let c = func.code;
            let n_args = argtop - fpos - 2;
            let mut frame = Frame::acquire(c, init.val(), Value::NULL, func.globals);
            // The namespace slot of a constructor's frame holds the instance.
            frame.set(1, obj);
            frame.set(Frame::local(0), obj);
            for k in 0..n_args {
                frame.set(Frame::local(k + 1), f.get(fpos + 2 + k));
            }
            if fi + 1 >= vm.recursion_limit {
                return Err(m.int(rt::new_exception(vm.t.recursion_error, "maximum recursion depth exceeded").0 as i64));
            }
            f.pc = pc + 1;
            vm.frames.push(frame);
            return Ok(Some(Step::Reload));
        }
    }
    // Any other callable: a residual call with the arguments buffered.
    if !M::RECORDING {
        // Concrete mode calls directly, without the buffer.
        let func = f.get(fpos);
        let this = f.get(fpos + 1);
        let first = if this.is_null() { fpos + 2 } else { fpos + 1 };
        let mut small = [Value::NULL; 8];
        let n_args = argtop - first;
        let mut big: Vec<Value> = Vec::new();
        let args: &[Value] = if n_args <= 8 {
            for (k, slot) in small.iter_mut().enumerate().take(n_args) {
                *slot = f.get(first + k);
            }
            &small[..n_args]
        } else {
            big.extend((first..argtop).map(|k| f.get(k)));
            &big
        };
        let kwnames = match kwn {
            Some(t) => Value { tag: T_OBJ, payload: m.peek_int(t.1) as u64 },
            None => Value::NULL,
        };
        let r = if kwnames.is_null() { crate::runtime::call::call(func, args, &[]) } else { crate::runtime::call::call_with_kwnames(func, args, kwnames) };
        return match r {
            Ok(v) => {
                let f = &mut crate::runtime::vm().frames[fi];
                f.set(fpos, v);
                f.pc = pc + 1;
                Ok(None)
            }
            Err(e) => Err(m.int(e.0 as i64)),
        };
    }
    let vals: Vec<V<M>> = (fpos..argtop).map(|k| rd(m, f, k)).collect();
    for v in &vals {
        r_push_arg(m, v.0, v.1);
    }
    let nn = m.int(n as i64);
    let kwp = match kwn {
        Some(t) => t.1,
        None => m.int(0),
    };
    let p = rc!(m, r_call, r_call_nr, nn, kwp);
    let t = r_ret_tag(m);
    let f = &mut crate::runtime::vm().frames[fi];
    wr(m, f, fpos, (t, p));
    f.pc = pc + 1;
    Ok(None)
}

/// A Python function's frame at `fi` was just pushed at its first
/// instruction (concrete mode): counts the entry towards a function-entry
/// trace, which is what compiles code whose hot path is a call rather than
/// a loop (recursion). The step to continue with.
pub fn entered<M: Mode>(m: &mut M, fi: usize) -> Step {
    let f = &crate::runtime::vm().frames[fi];
    // Module and class bodies run once; generators are resumed, not entered.
    if f.code.flags.uses_namespace || f.code.flags.generator || f.pc != 0 {
        return Step::Reload;
    }
    match m.function_entry(greens(f.code, 0), &f.slots, live(f.code, 0)) {
        Some(stop) => Step::Stop(stop),
        None => Step::Reload,
    }
}

/// The data of the Python function `fref` refers to, for a trace: guarded
/// on the object's class and on the code and globals it runs with (both
/// immutable), not on its identity, since functions made anew in a loop
/// (closures, lambdas, generator expressions) are different objects every
/// time but run the same code. Only `code` and `globals` of the result are
/// constant in the trace. `None` when the object is not a Python function
/// (nothing is guarded then).
pub(super) fn traced_function<M: Mode>(m: &mut M, fref: M::R) -> Option<&'static crate::object::Function> {
    let concrete = ObjRef(m.peek_ref(fref));
    let Kind::Function(func) = &concrete.get().kind else { return None };
    if !M::RECORDING {
        return Some(func);
    }
    let cls = m.getfield_r(fref, &crate::object::CLASS_FIELD);
    if m.promote_ref(cls) != rt::vm().t.function.0 {
        return None;
    }
    let fields = super::layout::function_fields(concrete);
    let data = m.getfield_r(fref, fields.data);
    let code = m.getfield_i(data, fields.code);
    let globals = m.getfield_i(data, fields.globals);
    let _ = (m.promote_int(code), m.promote_int(globals));
    Some(func)
}

/// For `Cls(args)` where `Cls` is a plain user class whose `__init__` is a
/// Python function taking exactly the arguments: the `__init__` function.
fn instantiation_plan(cls: ObjRef, nargs: usize) -> Option<ObjRef> {
    let Kind::Type(td) = &cls.get().kind else { return None };
    if td.is_builtin || td.layout != crate::object::Layout::Object || cls.get().class != rt::vm().t.type_ {
        return None;
    }
    let new = crate::runtime::types::lookup_str(cls, "__new__")?;
    if !crate::runtime::hash::is_builtin_slot(new) {
        return None;
    }
    let init = crate::runtime::types::lookup_str(cls, "__init__")?.as_obj()?;
    let Kind::Function(func) = &init.get().kind else { return None };
    let c = func.code;
    if c.flags.generator || c.flags.varargs || c.flags.varkw || c.kwonlyargcount != 0 || c.argcount as usize != nargs + 1 {
        return None;
    }
    Some(init)
}

/// (`__init__`, new instance) for a class `instantiation_plan` accepts.
fn simple_instantiation(callee: Value, nargs: usize) -> Option<(ObjRef, Value)> {
    let cls = callee.as_obj()?;
    let init = instantiation_plan(cls, nargs)?;
    Some((init, crate::runtime::attr::new_instance(cls)))
}

fn new_instance(cls: ObjRef) -> ObjRef {
    crate::runtime::attr::new_instance(cls).objref()
}
kiln::residual!(fn r_new_instance = new_instance(cls: ObjRef) -> ObjRef; ALLOCATES);

/// `Cls(args)` while recording, for a class `instantiation_plan` accepts:
/// the instance is allocated by a residual call and `__init__` runs inline
/// (its frame's namespace slot holds the instance, which RETURN hands back).
#[allow(clippy::too_many_arguments)]
fn traced_instantiation<M: Mode>(m: &mut M, fi: usize, code: &'static Code, pc: usize, fpos: usize, argtop: usize, callee: V<M>) -> Option<Step> {
    if m.promote_int(callee.0) as u64 != T_OBJ {
        return None;
    }
    let cr = m.int_to_ref(callee.1);
    let cls = ObjRef(m.promote_ref(cr));
    let Kind::Type(td) = &cls.get().kind else { return None };
    // The plan depends on the class's dict (and its ancestors').
    let tdr = m.const_ref(&**td as *const crate::object::TypeData as usize);
    let _ = m.quasi_immut_i(tdr, super::layout::layouts().type_version);
    let nargs = argtop - fpos - 2;
    let init = instantiation_plan(cls, nargs)?;
    let Kind::Function(func) = &init.get().kind else { return None };
    let c = func.code;
    if !m.should_inline(greens(c, 0)) {
        return None;
    }
    let vm = crate::runtime::vm();
    if fi + 1 >= vm.recursion_limit {
        return None;
    }
    let f = &mut vm.frames[fi];
    let this_null = {
        let t = rd(m, f, fpos + 1);
        let z = m.int_is_zero(t.0);
        m.cond(z)
    };
    if !this_null {
        return None;
    }
    let args: Vec<V<M>> = (0..nargs).map(|k| rd(m, f, fpos + 2 + k)).collect();
    let cls_r = m.const_ref(cls.0);
    let obj = r_new_instance(m, cls_r);
    let obj_i = m.ref_to_int(obj);
    let t_obj = m.int(T_OBJ as i64);
    let frame = Frame::new(c, init.val(), Value::NULL, func.globals);
    f.pc = pc + 1;
    let caller_live = 2 * (code.stack_base() + code.depths[pc] as usize - nargs - 2);
    vm.frames.push(Box::new(frame));
    let (lo, hi) = vm.frames.split_at_mut(fi + 1);
    let _ = m.enter_frame(&hi[0].slots, &lo[fi].slots, greens(code, pc + 1), caller_live);
    m.callee_entry(greens(c, 0));
    let callee_f = vm.frames.last_mut().expect("frame");
    wr(m, callee_f, 1, (t_obj, obj_i));
    wr(m, callee_f, Frame::local(0), (t_obj, obj_i));
    for (k, a) in args.into_iter().enumerate() {
        wr(m, callee_f, Frame::local(k + 1), a);
    }
    Some(Step::Reload)
}

/// RETURN_VALUE: pops the frame and hands the value to the caller
/// (`Some` when the frame was the bottom of this run).
pub fn ret<M: Mode>(m: &mut M, base: usize, fi: usize, top: usize) -> Option<Step> {
    let vm = crate::runtime::vm();
    let f = &mut vm.frames[fi];
    let mut v = rd(m, f, top - 1);
    if !f.code.flags.uses_namespace {
        // A constructor's `__init__` frame returns the instance, which its
        // namespace slot holds (NULL in other function frames).
        let ns = rd(m, f, 1);
        let none = m.int_is_zero(ns.0);
        if !m.cond(none) {
            v = ns;
        }
    }
    if M::RECORDING && f.gen.is_some() && m.inline_depth() <= 1 {
        // A trace that ends with its base frame returning hands the value
        // to the caller's frame; a generator's return is a StopIteration
        // for whoever resumed it instead.
        let _ = m.cannot_trace("return from a generator's frame");
    }
    m.return_value(&[v.0, v.1]);
    let _ = m.leave_frame();
    if fi == base {
        let val = Value { tag: m.peek_int(v.0) as u64, payload: m.peek_int(v.1) as u64 };
        let done = vm.frames.pop();
        if let Some(fr) = done {
            if let Some(g) = fr.gen {
                super::generator_frame_done(g);
            }
        }
        return Some(Step::Returned(val));
    }
    if let Some(done) = vm.frames.pop() {
        Frame::release(done);
    }
    let caller = vm.frames.last_mut().expect("caller frame");
    let at = caller.code.stack_base() + caller.code.depths[caller.pc] as usize - 1;
    wr(m, caller, at, v);
    let _ = live;
    None
}

#[inline(always)]
fn rd<M: Mode>(m: &mut M, f: &Frame, i: usize) -> V<M> {
    (m.slot(&f.slots, 2 * i), m.slot(&f.slots, 2 * i + 1))
}

#[inline(always)]
fn wr<M: Mode>(m: &mut M, f: &mut Frame, i: usize, v: V<M>) {
    m.set_slot(&mut f.slots, 2 * i, v.0);
    m.set_slot(&mut f.slots, 2 * i + 1, v.1);
}

/// What traces know about a built-in function: whether its result depends
/// only on its arguments (so calls with constant arguments fold), and the
/// tag of its result when that is fixed.
fn builtin_facts(name: &str) -> (bool, Option<u64>) {
    match name {
        "ord" => (true, Some(T_INT)),
        "chr" => (true, Some(T_OBJ)),
        // (A pure call with a result tag that is not fixed would need the
        // tag from the call itself, which a folded call does not make.)
        "sqrt" | "sin" | "cos" | "tan" | "exp" | "log" | "atan" | "atan2" | "fabs" | "hypot" | "asin" | "acos" => (true, Some(T_FLOAT)),
        "len" => (false, Some(T_INT)),
        "isinstance" | "callable" | "hasattr" => (false, Some(T_BOOL)),
        "range" => (false, Some(T_OBJ)),
        _ => (false, None),
    }
}

fn builtin_call(f: ObjRef, args: &[Value]) -> Result<u64, ObjRef> {
    let r = crate::runtime::call::call(f.val(), args, &[])?;
    crate::runtime::vm().ret_tag.set(r.tag);
    Ok(r.payload)
}
fn call0(f: ObjRef) -> Result<u64, ObjRef> {
    builtin_call(f, &[])
}
fn call1(f: ObjRef, at: u64, ap: u64) -> Result<u64, ObjRef> {
    builtin_call(f, &[Value { tag: at, payload: ap }])
}
fn call2(f: ObjRef, at: u64, ap: u64, bt: u64, bp: u64) -> Result<u64, ObjRef> {
    builtin_call(f, &[Value { tag: at, payload: ap }, Value { tag: bt, payload: bp }])
}
kiln::residual!(raises fn r_builtin0 = call0(f: ObjRef) -> u64; ALL);
kiln::residual!(raises fn r_builtin1 = call1(f: ObjRef, at: u64, ap: u64) -> u64; ALL);
kiln::residual!(raises fn r_builtin2 = call2(f: ObjRef, at: u64, ap: u64, bt: u64, bp: u64) -> u64; ALL);
kiln::residual!(raises fn r_pure_builtin1 = call1(f: ObjRef, at: u64, ap: u64) -> u64; ELIDABLE);
kiln::residual!(raises fn r_pure_builtin2 = call2(f: ObjRef, at: u64, ap: u64, bt: u64, bp: u64) -> u64; ELIDABLE);

/// A call of a built-in function with at most two arguments while
/// recording: one residual call (no argument buffer), folded when the
/// function is pure and the arguments constant. `None`: not such a call.
fn traced_builtin_call<M: Mode>(m: &mut M, fi: usize, fpos: usize, argtop: usize, callee: V<M>) -> Result<Option<V<M>>, W<M>> {
    if m.promote_int(callee.0) as u64 != T_OBJ {
        return Ok(None);
    }
    let cr = m.int_to_ref(callee.1);
    let fobj = ObjRef(m.promote_ref(cr));
    let Kind::Builtin(b) = &fobj.get().kind else { return Ok(None) };
    let bound = !b.this.is_null();
    let (pure, tag) = builtin_facts(b.name);
    let f = &mut crate::runtime::vm().frames[fi];
    let this = rd(m, f, fpos + 1);
    let no_self = {
        let z = m.int_is_zero(this.0);
        m.cond(z)
    };
    let first = if no_self { fpos + 2 } else { fpos + 1 };
    let args: Vec<V<M>> = (first..argtop).map(|k| rd(m, f, k)).collect();
    if args.len() > 2 {
        return Ok(None);
    }
    let fr = m.const_ref(fobj.0);
    let r = match (args.len(), pure && !bound) {
        (0, _) => r_builtin0(m, fr),
        (1, false) => r_builtin1(m, fr, args[0].0, args[0].1),
        (1, true) => r_pure_builtin1(m, fr, args[0].0, args[0].1),
        (_, false) => r_builtin2(m, fr, args[0].0, args[0].1, args[1].0, args[1].1),
        (_, true) => r_pure_builtin2(m, fr, args[0].0, args[0].1, args[1].0, args[1].1),
    };
    let p = match r {
        Ok(p) => p,
        Err(e) => {
            let _ = m.cannot_trace("a built-in function raised while recording");
            return Err(e);
        }
    };
    let t = match tag {
        Some(t) => m.int(t as i64),
        None => r_ret_tag(m),
    };
    Ok(Some((t, p)))
}
