//! The eval loop, written once over `kiln::Mode`: in concrete mode it is
//! the interpreter, in recording mode it writes traces. Every instruction
//! starts with `merge_point`; backward jumps call `loop_header`; Python
//! calls push frames (`enter_frame`) and returns pop them (`leave_frame`).
//! Within an instruction all guards come before the first heap side effect.

use super::build::*;
use super::frame::Frame;
use super::residuals::*;
use crate::bytecode::{BinOp, CmpOp, Code, Instr, UnOp};
use crate::object::{Kind, CLASS_FIELD};
use crate::runtime::{self as rt, vm};
use crate::value::*;
use kiln::{Greens, JitStop, Mode};

pub type W<M> = <M as Mode>::I;
pub type V<M> = (W<M>, W<M>);

/// Why the loop returned.
pub enum Step {
    /// Internal to `run`: the current frame changed (a call or a return).
    Reload,
    Returned(Value),
    Yielded(Value),
    Raised(ObjRef),
    Stop(JitStop),
}

#[inline(always)]
fn rd<M: Mode>(m: &mut M, f: &Frame, i: usize) -> V<M> {
    if !M::RECORDING {
        // Concrete slots are plain words: one bounds check for the pair.
        let v = f.get(i);
        return (m.int(v.tag as i64), m.int(v.payload as i64));
    }
    (m.slot(&f.slots, 2 * i), m.slot(&f.slots, 2 * i + 1))
}

#[inline(always)]
fn wr<M: Mode>(m: &mut M, f: &mut Frame, i: usize, v: V<M>) {
    if !M::RECORDING {
        let val = Value { tag: m.peek_int(v.0) as u64, payload: m.peek_int(v.1) as u64 };
        f.set(i, val);
        return;
    }
    m.set_slot(&mut f.slots, 2 * i, v.0);
    m.set_slot(&mut f.slots, 2 * i + 1, v.1);
}

#[inline(always)]
fn konst<M: Mode>(m: &mut M, v: Value) -> V<M> {
    (m.int(v.tag as i64), m.int(v.payload as i64))
}

#[inline(always)]
fn kint<M: Mode>(m: &mut M, x: u64) -> W<M> {
    m.int(x as i64)
}

/// A residual result: payload, then the tag from `ret_tag`.
#[inline(always)]
fn result<M: Mode>(m: &mut M, payload: W<M>) -> V<M> {
    let t = r_ret_tag(m);
    (t, payload)
}

pub fn greens(code: &Code, pc: usize) -> Greens {
    Greens(code as *const Code as u64, pc as u64)
}

/// Live words of a frame at `pc`.
#[inline(always)]
pub fn live(code: &Code, pc: usize) -> usize {
    2 * (code.stack_base() + code.depths.get(pc).copied().unwrap_or(0) as usize)
}

fn push_args<M: Mode>(m: &mut M, vals: &[V<M>]) {
    for v in vals {
        r_push_arg(m, v.0, v.1);
    }
}

/// Runs frames from the top of the stack until the frame at index `base`
/// returns, yields or raises, or the mode asks to stop.
pub fn run<M: Mode>(m: &mut M, base: usize) -> Step {
    loop {
        // The current frame: re-fetched only when a call or return changes
        // it (frames are boxed, so nested runs do not move it).
        let vm = vm();
        let fi = vm.frames.len() - 1;
        let fp: *mut Frame = &mut *vm.frames[fi];
        let code: &'static Code = vm.frames[fi].code;
        let sb = code.stack_base();
        loop {
            // SAFETY: the frame at `fi` stays alive and in place until a
            // handler reports that the current frame changed.
            let f: &mut Frame = unsafe { &mut *fp };
            let pc = f.pc;
            let depth = code.depths[pc] as usize;
            if let Some(stop) = m.merge_point(greens(code, pc), &f.slots, 2 * (sb + depth)) {
                return Step::Stop(stop);
            }
            let top = sb + depth; // value index one past the top of the stack
            let mut fresh = true;
            let r: Result<Option<Step>, W<M>> = exec(m, base, fi, f, code, pc, top, &mut fresh);
            match r {
                Ok(None) => {}
                Ok(Some(Step::Reload)) => break,
                Ok(Some(step)) => return step,
                Err(exc) => {
                    if let Some(step) = unwind(m, base, exc, fresh) {
                        return step;
                    }
                    break;
                }
            }
        }
    }
}

/// `seq[a:b(:c)]` of a built-in list, tuple or str in concrete mode, as
/// BUILD_SLICE + BINARY_SUBSCR without making the slice object. `false`
/// when the container is anything else.
fn slice_fast<M: Mode>(m: &mut M, f: &mut Frame, top: usize, n: usize, next: usize) -> Result<bool, W<M>> {
    let obj = f.get(top - n - 1);
    let t = &vm().t;
    let Some(o) = obj.as_obj() else { return Ok(false) };
    let class = o.get().class;
    if class != t.list && class != t.tuple && class != t.str_ {
        return Ok(false);
    }
    let (start, stop) = (f.get(top - n), f.get(top - n + 1));
    let step = if n == 3 { f.get(top - 1) } else { Value::NONE };
    match rt::ops::get_slice(obj, start, stop, step) {
        Some(Ok(v)) => {
            f.set(top - n - 1, v);
            f.pc = next + 1;
            Ok(true)
        }
        Some(Err(e)) => {
            // Reported where BINARY_SUBSCR would report it.
            f.pc = next;
            Err(m.int(e.0 as i64))
        }
        None => Ok(false),
    }
}

/// `lst[a:b(:c)] = v` of a built-in list in concrete mode, as BUILD_SLICE +
/// STORE_SUBSCR without making the slice object.
fn store_slice_fast<M: Mode>(m: &mut M, f: &mut Frame, top: usize, n: usize, next: usize) -> Result<bool, W<M>> {
    let obj = f.get(top - n - 1);
    let Some(o) = obj.as_obj() else { return Ok(false) };
    if o.get().class != vm().t.list {
        return Ok(false);
    }
    let value = f.get(top - n - 2);
    let (start, stop) = (f.get(top - n), f.get(top - n + 1));
    let step = if n == 3 { f.get(top - 1) } else { Value::NONE };
    match rt::ops::set_list_slice(obj, start, stop, step, value) {
        Ok(()) => {
            f.pc = next + 1;
            Ok(true)
        }
        Err(e) => {
            f.pc = next;
            Err(m.int(e.0 as i64))
        }
    }
}

/// BUILD_SLICE + BINARY_SUBSCR / STORE_SUBSCR while recording, without the
/// slice object (see `subscr::slice`). `false`: take the generic path.
fn traced_slice<M: Mode>(m: &mut M, f: &mut Frame, top: usize, n: usize, next: usize, store: bool) -> Result<bool, W<M>> {
    use super::subscr::SliceOutcome;
    let o = rd(m, f, top - n - 1);
    let bounds: Vec<V<M>> = (0..n).map(|k| rd(m, f, top - n + k)).collect();
    let value = if store { Some(rd(m, f, top - n - 2)) } else { None };
    match super::subscr::slice(m, o, &bounds, value) {
        Ok(SliceOutcome::Got(p)) => {
            let t = kint(m, T_OBJ);
            wr(m, f, top - n - 1, (t, p));
            f.pc = next + 1;
            Ok(true)
        }
        Ok(SliceOutcome::Stored) => {
            f.pc = next + 1;
            Ok(true)
        }
        Ok(SliceOutcome::Generic) => Ok(false),
        Err(e) => {
            let _ = m.cannot_trace("an operation raised while recording");
            // Reported where the subscript would report it.
            f.pc = next;
            Err(e)
        }
    }
}

/// `f(*args, **kwargs)` of a plain Python function (or a method of one) in
/// concrete mode: pushes its frame (`Some(Reload)`), else `None`.
fn call_ex_frame(fv: Value, args: Value, kwargs: Value, fi: usize, next: usize) -> rt::PyResult<Option<Step>> {
    let (target, this) = match rt::kind(fv) {
        Some(Kind::Function(_)) => (fv.objref(), None),
        Some(Kind::Method { func, this }) if matches!(rt::kind(*func), Some(Kind::Function(_))) => (func.objref(), Some(*this)),
        _ => return Ok(None),
    };
    let Kind::Function(func) = &target.get().kind else { return Ok(None) };
    if func.code.flags.generator {
        return Ok(None);
    }
    let (mut a, kw) = rt::call::call_ex_args(args, kwargs)?;
    if let Some(t) = this {
        a.insert(0, t);
    }
    let vm = vm();
    if fi + 1 >= vm.recursion_limit {
        return Err(rt::new_exception(vm.t.recursion_error, "maximum recursion depth exceeded"));
    }
    let frame = rt::call::bind_frame(target, &a, &kw)?;
    vm.frames[fi].pc = next;
    vm.frames.push(frame);
    if kiln::gc::collection_due() {
        rt::collect_at_safe_point();
    }
    Ok(Some(Step::Reload))
}

/// Propagates an exception from the top frame: to a handler in this frame
/// (`None`: continue there) or out of the frames down to `base`.
pub fn unwind<M: Mode>(m: &mut M, base: usize, exc: W<M>, fresh: bool) -> Option<Step> {
    let mut fresh = fresh;
    let mut first = true;
    let mut first_frame = true;
    loop {
        let vm = vm();
        let fi = vm.frames.len() - 1;
        let f = &mut vm.frames[fi];
        if !first {
            f.pc -= 1;
        }
        first = false;
        let code = f.code;
        // A re-raise (`raise` in a handler, finally, with) adds no entry
        // for the frame that re-raises; every frame it leaves gets one.
        if fresh || !first_frame {
            let cc = kint(m, code as *const Code as u64);
            let pcv = kint(m, f.pc as u64);
            let fr = kint(m, fresh as u64);
            r_add_traceback(m, exc, cc, pcv, fr);
        }
        let vm = crate::runtime::vm();
        let f = &mut vm.frames[fi];
        fresh = false;
        first_frame = false;
        if let Some(h) = code.handler_for(f.pc) {
            let t = kint(m, T_OBJ);
            let idx = code.stack_base() + h.depth as usize;
            wr(m, f, idx, (t, exc));
            f.pc = h.target as usize;
            return None;
        }
        // An exception leaving the trace's base frame ends the trace without
        // a return value, which a trace cannot express.
        if m.inline_depth() <= 1 {
            let _ = m.cannot_trace("exception leaves the traced frame");
        }
        let _ = m.leave_frame();
        let done = vm.frames.pop();
        if let Some(fr) = &done {
            if let Some(g) = fr.gen {
                super::generator_frame_done(g);
            }
        }
        if fi == base {
            return Some(Step::Raised(ObjRef(m.peek_int(exc) as usize)));
        }
    }
}

#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn exec<M: Mode>(m: &mut M, base: usize, fi: usize, f: &mut Frame, code: &'static Code, pc: usize, top: usize, fresh: &mut bool) -> Result<Option<Step>, W<M>> {
    let ins = code.instrs[pc];
    let next = pc + 1;
    match ins {
        Instr::Nop | Instr::SetupAnnotations => f.pc = next,
        Instr::PopTop => f.pc = next,
        Instr::PushNull => {
            let z = konst(m, Value::NULL);
            wr(m, f, top, z);
            f.pc = next;
        }
        Instr::Copy(n) => {
            let v = rd(m, f, top - n as usize);
            wr(m, f, top, v);
            f.pc = next;
        }
        Instr::Swap(n) => {
            let a = rd(m, f, top - 1);
            let b = rd(m, f, top - n as usize);
            wr(m, f, top - 1, b);
            wr(m, f, top - n as usize, a);
            f.pc = next;
        }
        Instr::LoadConst(k) => {
            let v = konst(m, code.consts[k as usize]);
            wr(m, f, top, v);
            f.pc = next;
        }
        Instr::LoadFast(i) => {
            let v = rd(m, f, Frame::local(i as usize));
            let z = m.int_is_zero(v.0);
            if m.cond(z) {
                let (k, c, a) = (kint(m, 0), kint(m, code as *const Code as u64), kint(m, i as u64));
                return Err(r_error(m, k, c, a).err().unwrap_or_else(|| m.int(0)));
            }
            wr(m, f, top, v);
            f.pc = next;
        }
        Instr::StoreFast(i) => {
            let v = rd(m, f, top - 1);
            wr(m, f, Frame::local(i as usize), v);
            f.pc = next;
        }
        Instr::DeleteFast(i) => {
            let v = rd(m, f, Frame::local(i as usize));
            let z = m.int_is_zero(v.0);
            if m.cond(z) {
                let (k, c, a) = (kint(m, 0), kint(m, code as *const Code as u64), kint(m, i as u64));
                return Err(r_error(m, k, c, a).err().unwrap_or_else(|| m.int(0)));
            }
            let n = konst(m, Value::NULL);
            wr(m, f, Frame::local(i as usize), n);
            f.pc = next;
        }
        Instr::MakeCell(i) => {
            let ci = code.varnames.len() + i as usize;
            let init = match code.cell_params.iter().find(|(_, c)| *c == i) {
                Some((li, _)) => rd(m, f, Frame::local(*li as usize)),
                None => konst(m, Value::NULL),
            };
            let cell = r_new_cell(m, init.0, init.1);
            let t = kint(m, T_OBJ);
            wr(m, f, Frame::local(ci), (t, cell));
            f.pc = next;
        }
        Instr::CopyFreeVars(n) => {
            let func = rd(m, f, 0);
            let first = code.varnames.len() + code.cellvars.len();
            for j in 0..n as usize {
                let jj = kint(m, j as u64);
                let cell = r_closure_cell(m, func.1, jj);
                let t = kint(m, T_OBJ);
                wr(m, f, Frame::local(first + j), (t, cell));
            }
            f.pc = next;
        }
        Instr::LoadDeref(i) | Instr::LoadClosure(i) => {
            let cell = rd(m, f, Frame::local(code.varnames.len() + i as usize));
            if let Instr::LoadClosure(_) = ins {
                wr(m, f, top, cell);
            } else {
                let (c, ii) = (kint(m, code as *const Code as u64), kint(m, i as u64));
                let p = r_cell_get(m, cell.1, c, ii)?;
                let v = result(m, p);
                wr(m, f, top, v);
            }
            f.pc = next;
        }
        Instr::StoreDeref(i) | Instr::DeleteDeref(i) => {
            let cell = rd(m, f, Frame::local(code.varnames.len() + i as usize));
            let v = if let Instr::StoreDeref(_) = ins { rd(m, f, top - 1) } else { konst(m, Value::NULL) };
            r_cell_set(m, cell.1, v.0, v.1);
            f.pc = next;
        }
        Instr::LoadClassDeref(n) => {
            let name = code.names[n as usize];
            let sname = rt::str_of(name);
            let idx = code.cellvars.iter().chain(code.freevars.iter()).position(|c| c == sname).unwrap_or(0);
            let ns = rd(m, f, 1);
            let cell = rd(m, f, Frame::local(code.varnames.len() + idx));
            let (nm, c, ii) = (kint(m, name.payload), kint(m, code as *const Code as u64), kint(m, idx as u64));
            let p = rc!(m, r_load_class_deref, r_load_class_deref_nr, ns.1, nm, cell.1, c, ii);
            let v = result(m, p);
            wr(m, f, top, v);
            f.pc = next;
        }
        Instr::LoadName(n) => {
            let ns = rd(m, f, 1);
            let (g, nm) = (kint(m, f.globals.0 as u64), kint(m, code.names[n as usize].payload));
            let p = rc!(m, r_load_name, r_load_name_nr, ns.1, g, nm);
            let v = result(m, p);
            wr(m, f, top, v);
            f.pc = next;
        }
        Instr::StoreName(n) => {
            let ns = rd(m, f, 1);
            let v = rd(m, f, top - 1);
            let nm = kint(m, code.names[n as usize].payload);
            rc!(m, r_store_name, r_store_name_nr, ns.1, nm, v.0, v.1);
            f.pc = next;
        }
        Instr::DeleteName(n) => {
            let ns = rd(m, f, 1);
            let nm = kint(m, code.names[n as usize].payload);
            rc!(m, r_delete_name, r_delete_name_nr, ns.1, nm);
            f.pc = next;
        }
        Instr::LoadGlobal(n) => {
            if !M::RECORDING {
                if let Some(v) = super::cache::load_global(code, pc, f.globals) {
                    f.set(top, v);
                    f.pc = next;
                    return Ok(None);
                }
                let name = code.names[n as usize];
                return match rt::call::load_global(f.globals, name) {
                    Ok(v) => {
                        super::cache::fill_global(code, pc, f.globals, name);
                        f.set(top, v);
                        f.pc = next;
                        Ok(None)
                    }
                    Err(e) => Err(m.int(e.0 as i64)),
                };
            }
            if let Some(v) = super::globals::load(m, f, code.names[n as usize]) {
                wr(m, f, top, v);
                f.pc = next;
                return Ok(None);
            }
            let (g, nm) = (kint(m, f.globals.0 as u64), kint(m, code.names[n as usize].payload));
            let p = r_load_global(m, g, nm)?;
            let v = result(m, p);
            wr(m, f, top, v);
            f.pc = next;
        }
        Instr::StoreGlobal(n) => {
            if !M::RECORDING {
                let v = f.get(top - 1);
                if super::cache::store_global(code, pc, f.globals, v) {
                    f.pc = next;
                    return Ok(None);
                }
                let name = code.names[n as usize];
                let r = rt::as_dict(f.globals.val()).map(|d| d.set(name, v)).unwrap_or(Ok(()));
                return match r {
                    Ok(()) => {
                        super::cache::fill_global(code, pc, f.globals, name);
                        f.pc = next;
                        Ok(None)
                    }
                    Err(e) => Err(m.int(e.0 as i64)),
                };
            }
            let v = rd(m, f, top - 1);
            if super::globals::store(m, f, code.names[n as usize], v) {
                f.pc = next;
                return Ok(None);
            }
            let (g, nm) = (kint(m, f.globals.0 as u64), kint(m, code.names[n as usize].payload));
            rc!(m, r_store_global, r_store_global_nr, g, nm, v.0, v.1);
            f.pc = next;
        }
        Instr::DeleteGlobal(n) => {
            let (g, nm) = (kint(m, f.globals.0 as u64), kint(m, code.names[n as usize].payload));
            rc!(m, r_delete_global, r_delete_global_nr, g, nm);
            f.pc = next;
        }
        Instr::LoadAttr(n) => {
            if !M::RECORDING {
                let ov = f.get(top - 1);
                if let Some(v) = super::cache::load(code, pc, ov) {
                    f.set(top - 1, v);
                    f.pc = next;
                    return Ok(None);
                }
                let name = code.names[n as usize];
                return match rt::attr::getattr(ov, name) {
                    Ok(v) => {
                        super::cache::fill_load(code, pc, ov, name, false);
                        let f = &mut vm().frames[fi];
                        f.set(top - 1, v);
                        f.pc = next;
                        Ok(None)
                    }
                    Err(e) => Err(m.int(e.0 as i64)),
                };
            }
            let o = rd(m, f, top - 1);
            if let Some((v, _)) = super::attrs::load(m, o, code.names[n as usize], false) {
                wr(m, f, top - 1, v);
                f.pc = next;
                return Ok(None);
            }
            let nm = kint(m, code.names[n as usize].payload);
            let p = rc!(m, r_getattr, r_getattr_nr, o.0, o.1, nm);
            let v = result(m, p);
            wr(m, f, top - 1, v);
            f.pc = next;
        }
        Instr::StoreAttr(n) => {
            if !M::RECORDING {
                let ov = f.get(top - 1);
                let v = f.get(top - 2);
                if super::cache::store(code, pc, ov, v) {
                    f.pc = next;
                    return Ok(None);
                }
                let name = code.names[n as usize];
                let before = super::cache::map_of(ov);
                return match rt::attr::setattr(ov, name, v) {
                    Ok(()) => {
                        super::cache::fill_store(code, pc, ov, name, before);
                        vm().frames[fi].pc = next;
                        Ok(None)
                    }
                    Err(e) => Err(m.int(e.0 as i64)),
                };
            }
            let o = rd(m, f, top - 1);
            let v = rd(m, f, top - 2);
            if super::attrs::store(m, o, code.names[n as usize], v) {
                f.pc = next;
                return Ok(None);
            }
            let nm = kint(m, code.names[n as usize].payload);
            rc!(m, r_setattr, r_setattr_nr, o.0, o.1, nm, v.0, v.1);
            f.pc = next;
        }
        Instr::DeleteAttr(n) => {
            let o = rd(m, f, top - 1);
            let nm = kint(m, code.names[n as usize].payload);
            rc!(m, r_delattr, r_delattr_nr, o.0, o.1, nm);
            f.pc = next;
        }
        Instr::LoadMethod(n) => {
            if !M::RECORDING {
                let ov = f.get(top - 1);
                if let Some((func, this)) = super::cache::load_method(code, pc, ov) {
                    f.set(top - 1, func);
                    f.set(top, this);
                    f.pc = next;
                    return Ok(None);
                }
                let name = code.names[n as usize];
                return match rt::attr::load_method(ov, name) {
                    Ok((func, this)) => {
                        super::cache::fill_load(code, pc, ov, name, true);
                        let f = &mut vm().frames[fi];
                        f.set(top - 1, func);
                        f.set(top, this);
                        f.pc = next;
                        Ok(None)
                    }
                    Err(e) => Err(m.int(e.0 as i64)),
                };
            }
            let o = rd(m, f, top - 1);
            if let Some((func, this)) = super::attrs::load(m, o, code.names[n as usize], true) {
                wr(m, f, top - 1, func);
                wr(m, f, top, this);
                f.pc = next;
                return Ok(None);
            }
            let nm = kint(m, code.names[n as usize].payload);
            let p = rc!(m, r_load_method, r_load_method_nr, o.0, o.1, nm);
            let func = result(m, p);
            let st = r_ret2_tag(m);
            let sp = r_ret2_payload(m);
            wr(m, f, top - 1, func);
            wr(m, f, top, (st, sp));
            f.pc = next;
        }
        Instr::BinarySubscr => {
            if !M::RECORDING {
                // list[int] and tuple[int] without the generic protocol.
                let (o, k) = (f.get(top - 2), f.get(top - 1));
                if let (Some(i), Some(r)) = (if k.tag == T_INT { Some(k.i()) } else { None }, o.as_obj()) {
                    let items: Option<&[Value]> = match &r.get().kind {
                        Kind::List(l) if r.get().class == vm().t.list => Some(l),
                        Kind::Tuple(t) if r.get().class == vm().t.tuple => Some(t),
                        _ => None,
                    };
                    if let Some(items) = items {
                        let j = if i < 0 { i + items.len() as i64 } else { i };
                        if j >= 0 && (j as usize) < items.len() {
                            let v = items[j as usize];
                            f.set(top - 2, v);
                            f.pc = next;
                            return Ok(None);
                        }
                    }
                }
            }
            let o = rd(m, f, top - 2);
            let k = rd(m, f, top - 1);
            if M::RECORDING {
                if let Some(v) = super::subscr::getitem(m, o, k) {
                    wr(m, f, top - 2, v);
                    f.pc = next;
                    return Ok(None);
                }
            }
            let p = rc!(m, r_getitem, r_getitem_nr, o.0, o.1, k.0, k.1);
            let v = result(m, p);
            wr(m, f, top - 2, v);
            f.pc = next;
        }
        Instr::StoreSubscr => {
            if !M::RECORDING {
                let (v, o, k) = (f.get(top - 3), f.get(top - 2), f.get(top - 1));
                if let (true, Some(r)) = (k.tag == T_INT, o.as_obj()) {
                    if r.get().class == vm().t.list {
                        if let Kind::List(l) = &mut r.get().kind {
                            let i = k.i();
                            let j = if i < 0 { i + l.len() as i64 } else { i };
                            if j >= 0 && (j as usize) < l.len() {
                                l[j as usize] = v;
                                f.pc = next;
                                return Ok(None);
                            }
                        }
                    }
                }
            }
            let v = rd(m, f, top - 3);
            let o = rd(m, f, top - 2);
            let k = rd(m, f, top - 1);
            if M::RECORDING && super::subscr::setitem(m, o, k, v) {
                f.pc = next;
                return Ok(None);
            }
            rc!(m, r_setitem, r_setitem_nr, o.0, o.1, k.0, k.1, v.0, v.1);
            f.pc = next;
        }
        Instr::DeleteSubscr => {
            let o = rd(m, f, top - 2);
            let k = rd(m, f, top - 1);
            rc!(m, r_delitem, r_delitem_nr, o.0, o.1, k.0, k.1);
            f.pc = next;
        }
        Instr::BinaryOp(op) | Instr::InplaceOp(op) => {
            let a = rd(m, f, top - 2);
            let b = rd(m, f, top - 1);
            let inplace = matches!(ins, Instr::InplaceOp(_));
            let v = super::arith::binary(m, op, a, b, inplace)?;
            wr(m, f, top - 2, v);
            f.pc = next;
        }
        Instr::CompareOp(op) => {
            let a = rd(m, f, top - 2);
            let b = rd(m, f, top - 1);
            let v = super::arith::compare(m, op, a, b)?;
            // Outside recording, a comparison feeding a conditional jump
            // takes the jump directly (one dispatch instead of two).
            if !M::RECORDING && m.peek_int(v.0) as u64 == T_BOOL {
                if let Some(&(Instr::PopJumpIfFalse(t) | Instr::PopJumpIfTrue(t))) = code.instrs.get(next) {
                    let jump_when = matches!(code.instrs[next], Instr::PopJumpIfTrue(_));
                    f.pc = if (m.peek_int(v.1) != 0) == jump_when { t as usize } else { next + 1 };
                    return Ok(None);
                }
            }
            wr(m, f, top - 2, v);
            f.pc = next;
        }
        Instr::UnaryOp(op) => {
            let a = rd(m, f, top - 1);
            let v = super::arith::unary(m, op, a)?;
            wr(m, f, top - 1, v);
            f.pc = next;
        }
        Instr::IsOp(invert) => {
            let a = rd(m, f, top - 2);
            let b = rd(m, f, top - 1);
            let t = m.int_eq(a.0, b.0);
            let p = m.int_eq(a.1, b.1);
            let mut r = m.int_and(t, p);
            if invert {
                let one = m.int(1);
                r = m.int_xor(r, one);
            }
            let bt = kint(m, T_BOOL);
            wr(m, f, top - 2, (bt, r));
            f.pc = next;
        }
        Instr::ContainsOp(invert) => {
            let a = rd(m, f, top - 2);
            let b = rd(m, f, top - 1);
            let mut r = rc!(m, r_contains, r_contains_nr, a.0, a.1, b.0, b.1);
            if invert {
                let one = m.int(1);
                r = m.int_xor(r, one);
            }
            let bt = kint(m, T_BOOL);
            wr(m, f, top - 2, (bt, r));
            f.pc = next;
        }
        Instr::BuildSlice(n) if !M::RECORDING && matches!(code.instrs.get(next), Some(Instr::BinarySubscr)) && slice_fast(m, f, top, n as usize, next)? => {}
        Instr::BuildSlice(n) if !M::RECORDING && matches!(code.instrs.get(next), Some(Instr::StoreSubscr)) && store_slice_fast(m, f, top, n as usize, next)? => {}
        Instr::BuildSlice(n) if M::RECORDING && matches!(code.instrs.get(next), Some(Instr::BinarySubscr | Instr::StoreSubscr)) && traced_slice(m, f, top, n as usize, next, matches!(code.instrs[next], Instr::StoreSubscr))? => {}
        Instr::BuildTuple(n) | Instr::BuildList(n) | Instr::BuildSet(n) | Instr::BuildString(n) | Instr::BuildSlice(n) => {
            let n = n as usize;
            let vals: Vec<V<M>> = (0..n).map(|k| rd(m, f, top - n + k)).collect();
            push_args(m, &vals);
            let kind = match ins {
                Instr::BuildTuple(_) => B_TUPLE,
                Instr::BuildList(_) => B_LIST,
                Instr::BuildSet(_) => B_SET,
                Instr::BuildString(_) => B_STRING,
                _ => B_SLICE,
            };
            let (k, nn) = (kint(m, kind as u64), kint(m, n as u64));
            let p = rc!(m, r_build, r_build_nr, k, nn);
            let v = result(m, p);
            wr(m, f, top - n, v);
            f.pc = next;
        }
        Instr::BuildMap(n) => {
            let n = 2 * n as usize;
            let vals: Vec<V<M>> = (0..n).map(|k| rd(m, f, top - n + k)).collect();
            push_args(m, &vals);
            let (k, nn) = (kint(m, B_MAP as u64), kint(m, n as u64));
            let p = rc!(m, r_build, r_build_nr, k, nn);
            let v = result(m, p);
            wr(m, f, top - n, v);
            f.pc = next;
        }
        Instr::BuildConstKeyMap(n) => {
            let n = n as usize + 1;
            let vals: Vec<V<M>> = (0..n).map(|k| rd(m, f, top - n + k)).collect();
            push_args(m, &vals);
            let (k, nn) = (kint(m, B_CONST_KEY_MAP as u64), kint(m, n as u64));
            let p = rc!(m, r_build, r_build_nr, k, nn);
            let v = result(m, p);
            wr(m, f, top - n, v);
            f.pc = next;
        }
        Instr::ListToTuple => {
            let l = rd(m, f, top - 1);
            push_args(m, &[l]);
            let (k, nn) = (kint(m, B_LIST_TO_TUPLE as u64), kint(m, 1));
            let p = rc!(m, r_build, r_build_nr, k, nn);
            let v = result(m, p);
            wr(m, f, top - 1, v);
            f.pc = next;
        }
        Instr::FormatValue(flags) => {
            let has_spec = flags & 4 != 0;
            let (v, spec, at) = if has_spec { (rd(m, f, top - 2), rd(m, f, top - 1), top - 2) } else { (rd(m, f, top - 1), konst(m, Value::NULL), top - 1) };
            let c = kint(m, (flags & 3) as u64);
            let p = rc!(m, r_format_value, r_format_value_nr, v.0, v.1, c, spec.0, spec.1);
            let r = result(m, p);
            wr(m, f, at, r);
            f.pc = next;
        }
        Instr::ListAppend(n) | Instr::SetAdd(n) | Instr::ListExtend(n) | Instr::SetUpdate(n) | Instr::DictUpdate(n) | Instr::DictMerge(n) => {
            let v = rd(m, f, top - 1);
            let c = rd(m, f, top - 1 - n as usize);
            let kind = match ins {
                Instr::ListAppend(_) => C_LIST_APPEND,
                Instr::SetAdd(_) => C_SET_ADD,
                Instr::ListExtend(_) => C_LIST_EXTEND,
                Instr::SetUpdate(_) => C_SET_UPDATE,
                Instr::DictUpdate(_) => C_DICT_UPDATE,
                _ => C_DICT_MERGE,
            };
            let k = kint(m, kind as u64);
            rc!(m, r_container_op, r_container_op_nr, k, c.0, c.1, v.0, v.1);
            f.pc = next;
        }
        Instr::MapAdd(n) => {
            let k = rd(m, f, top - 2);
            let v = rd(m, f, top - 1);
            let c = rd(m, f, top - 2 - n as usize);
            rc!(m, r_map_add, r_map_add_nr, c.0, c.1, k.0, k.1, v.0, v.1);
            f.pc = next;
        }
        Instr::UnpackSequence(n) | Instr::UnpackEx(n) => {
            let (before, after, star) = match ins {
                Instr::UnpackSequence(_) => (n as usize, 0, false),
                _ => ((n & 0xff) as usize, (n >> 8) as usize, true),
            };
            let total = before + after + star as usize;
            let v = rd(m, f, top - 1);
            if !M::RECORDING && !star {
                // A tuple or list of the right length: its items go straight
                // onto the stack, the first one on top.
                let val = Value { tag: m.peek_int(v.0) as u64, payload: m.peek_int(v.1) as u64 };
                let items: Option<&[Value]> = match rt::kind(val) {
                    Some(Kind::Tuple(t)) => Some(&t[..]),
                    Some(Kind::List(l)) => Some(&l[..]),
                    _ => None,
                };
                if let Some(items) = items.filter(|i| i.len() == total) {
                    for (j, item) in items.iter().enumerate() {
                        f.set(top - 1 + total - 1 - j, *item);
                    }
                    f.pc = next;
                    return Ok(None);
                }
            }
            if M::RECORDING && !star {
                if let Some(items) = super::subscr::unpack(m, v, total) {
                    for (j, item) in items.into_iter().enumerate() {
                        wr(m, f, top - 1 + total - 1 - j, item);
                    }
                    f.pc = next;
                    return Ok(None);
                }
            }
            let (b, a, s) = (kint(m, before as u64), kint(m, after as u64), kint(m, star as u64));
            rc!(m, r_unpack, r_unpack_nr, v.0, v.1, b, a, s);
            let nn = kint(m, total as u64);
            for j in 0..total {
                let jj = kint(m, j as u64);
                let p = r_buffered(m, nn, jj);
                let item = result(m, p);
                wr(m, f, top - 1 + total - 1 - j, item);
            }
            f.pc = next;
        }
        Instr::Jump(t) => f.pc = t as usize,
        Instr::JumpBackward(t) => {
            let t = t as usize;
            f.pc = t;
            if let Some(stop) = m.loop_header(greens(code, t), &f.slots, live(code, t)) {
                match stop {
                    JitStop::Collect => {
                        rt::collect_at_safe_point();
                    }
                    s => return Ok(Some(Step::Stop(s))),
                }
            }
        }
        Instr::PopJumpIfFalse(t) | Instr::PopJumpIfTrue(t) | Instr::JumpIfFalseOrPop(t) | Instr::JumpIfTrueOrPop(t) => {
            let v = rd(m, f, top - 1);
            let b = truth(m, v)?;
            let jump_when = matches!(ins, Instr::PopJumpIfTrue(_) | Instr::JumpIfTrueOrPop(_));
            f.pc = if b == jump_when { t as usize } else { next };
        }
        Instr::PopJumpIfNone(t) | Instr::PopJumpIfNotNone(t) => {
            let v = rd(m, f, top - 1);
            let nt = kint(m, T_NONE);
            let is_none = m.int_eq(v.0, nt);
            let b = m.cond(is_none);
            let jump_when = matches!(ins, Instr::PopJumpIfNone(_));
            f.pc = if b == jump_when { t as usize } else { next };
        }
        Instr::GetIter => {
            let v = rd(m, f, top - 1);
            let p = rc!(m, r_get_iter, r_get_iter_nr, v.0, v.1);
            let it = result(m, p);
            wr(m, f, top - 1, it);
            f.pc = next;
        }
        Instr::ForIter(t) => return super::arith::for_iter(m, f, code, top, t as usize, next),
        Instr::ForIterCheck(t) => {
            let v = rd(m, f, top - 1);
            let z = m.int_is_zero(v.0);
            f.pc = if m.cond(z) { t as usize } else { next };
        }
        Instr::Call(n) => return super::calls::call(m, fi, code, pc, top, n as usize, false),
        Instr::CallKw(n) => return super::calls::call(m, fi, code, pc, top, n as usize, true),
        Instr::CallEx(flag) => {
            let (fpos, kw) = if flag & 1 != 0 { (top - 4, rd(m, f, top - 1)) } else { (top - 3, konst(m, Value::NULL)) };
            let func = rd(m, f, fpos);
            let args = rd(m, f, fpos + 2);
            if !M::RECORDING {
                // A Python function runs as a frame of this loop, not in a
                // nested one (where the GC would have to wait for it).
                let peek = |m: &mut M, v: V<M>| Value { tag: m.peek_int(v.0) as u64, payload: m.peek_int(v.1) as u64 };
                let (fv, av, kv) = (peek(m, func), peek(m, args), peek(m, kw));
                if let Some(step) = call_ex_frame(fv, av, kv, fi, next).map_err(|e| m.int(e.0 as i64))? {
                    return Ok(Some(step));
                }
            }
            let p = rc!(m, r_call_ex, r_call_ex_nr, func.0, func.1, args.0, args.1, kw.0, kw.1);
            let v = result(m, p);
            wr(m, f, fpos, v);
            f.pc = next;
        }
        Instr::MakeFunction(flags) => {
            let c = rd(m, f, top - 1);
            let cp = m.promote_int(c.1) as usize;
            let Some(Kind::Code(cref)) = rt::kind(Value { tag: T_OBJ, payload: cp as u64 }) else { return Ok(None) };
            let cref: &'static Code = cref;
            let n = ((flags & 1) + ((flags >> 1) & 1) + ((flags >> 3) & 1)) as usize;
            let vals: Vec<V<M>> = (0..n).map(|k| rd(m, f, top - 1 - n + k)).collect();
            push_args(m, &vals);
            let (cc, fl, g) = (kint(m, cref as *const Code as u64), kint(m, flags as u64), kint(m, f.globals.0 as u64));
            let p = rc!(m, r_make_function, r_make_function_nr, cc, fl, g);
            let v = result(m, p);
            wr(m, f, top - 1 - n, v);
            f.pc = next;
        }
        Instr::ReturnValue => return Ok(Some(super::calls::ret(m, base, fi, top).unwrap_or(Step::Reload))),
        Instr::YieldValue => {
            let v = rd(m, f, top - 1);
            f.pc = next;
            // A trace cannot end by suspending its frame.
            let _ = m.cannot_trace("yield");
            let _ = m.leave_frame();
            let val = Value { tag: m.peek_int(v.0) as u64, payload: m.peek_int(v.1) as u64 };
            let _ = base;
            return Ok(Some(Step::Yielded(val)));
        }
        Instr::GetYieldFromIter => {
            let v = rd(m, f, top - 1);
            let p = rc!(m, r_get_iter, r_get_iter_nr, v.0, v.1);
            let it = result(m, p);
            wr(m, f, top - 1, it);
            f.pc = next;
        }
        Instr::Send(t) => {
            let _ = m.cannot_trace("yield from");
            let iv = rd(m, f, top - 2);
            let it = Value { tag: m.peek_int(iv.0) as u64, payload: m.peek_int(iv.1) as u64 };
            let sv = rd(m, f, top - 1);
            let sent = Value { tag: m.peek_int(sv.0) as u64, payload: m.peek_int(sv.1) as u64 };
            match super::send(it, sent) {
                Ok(super::GenStep::Yielded(x)) => {
                    let x = konst(m, x);
                    wr(m, f, top - 1, x);
                    f.pc = next;
                }
                Ok(super::GenStep::Returned(r)) => {
                    let r = konst(m, r);
                    wr(m, f, top - 2, r);
                    f.pc = t as usize;
                }
                Err(e) => return Err(m.int(e.0 as i64)),
            }
        }
        Instr::Raise(n) => {
            let n = n as usize;
            let e = if n >= 1 { rd(m, f, top - n) } else { konst(m, Value::NONE) };
            let c = if n == 2 { rd(m, f, top - 1) } else { konst(m, Value::NONE) };
            let nn = kint(m, n as u64);
            rc!(m, r_raise, r_raise_nr, nn, e.0, e.1, c.0, c.1);
            return Err(m.int(0));
        }
        Instr::Reraise => {
            let e = rd(m, f, top - 1);
            *fresh = false;
            return Err(e.1);
        }
        Instr::PushExcInfo => {
            let e = rd(m, f, top - 1);
            let p = r_push_exc_info(m, e.1);
            let prev = result(m, p);
            wr(m, f, top - 1, prev);
            wr(m, f, top, e);
            f.pc = next;
        }
        Instr::PopExcept => {
            let prev = rd(m, f, top - 1);
            r_pop_except(m, prev.0, prev.1);
            f.pc = next;
        }
        Instr::CheckExcMatch => {
            let e = rd(m, f, top - 2);
            let t = rd(m, f, top - 1);
            let r = r_check_exc_match(m, e.1, t.0, t.1)?;
            let bt = kint(m, T_BOOL);
            wr(m, f, top - 1, (bt, r));
            f.pc = next;
        }
        Instr::WithExceptStart => {
            let exit = rd(m, f, top - 3);
            let e = rd(m, f, top - 1);
            let p = rc!(m, r_with_exit, r_with_exit_nr, exit.0, exit.1, e.1);
            let v = result(m, p);
            wr(m, f, top, v);
            f.pc = next;
        }
        Instr::BeforeWith => {
            let mgr = rd(m, f, top - 1);
            let p = rc!(m, r_before_with, r_before_with_nr, mgr.0, mgr.1);
            let exit = result(m, p);
            let et = r_ret2_tag(m);
            let ep = r_ret2_payload(m);
            wr(m, f, top - 1, exit);
            wr(m, f, top, (et, ep));
            f.pc = next;
        }
        Instr::ImportName(n) => {
            let from = rd(m, f, top - 1);
            let nm = kint(m, code.names[n as usize].payload);
            let p = rc!(m, r_import_name, r_import_name_nr, nm, from.0, from.1);
            let v = result(m, p);
            wr(m, f, top - 1, v);
            f.pc = next;
        }
        Instr::ImportFrom(n) => {
            let md = rd(m, f, top - 1);
            let nm = kint(m, code.names[n as usize].payload);
            let p = rc!(m, r_import_from, r_import_from_nr, md.0, md.1, nm);
            let v = result(m, p);
            wr(m, f, top, v);
            f.pc = next;
        }
        Instr::ImportStar => {
            let md = rd(m, f, top - 1);
            let g = kint(m, f.globals.0 as u64);
            rc!(m, r_import_star, r_import_star_nr, md.0, md.1, g);
            f.pc = next;
        }
        Instr::LoadBuildClass => {
            let v = konst(m, crate::builtins::build_class_fn());
            wr(m, f, top, v);
            f.pc = next;
        }
        Instr::LoadAssertionError => {
            let v = konst(m, vm().t.assertion_error.val());
            wr(m, f, top, v);
            f.pc = next;
        }
        Instr::PrintExpr => {
            let v = rd(m, f, top - 1);
            rc!(m, r_print_expr, r_print_expr_nr, v.0, v.1);
            f.pc = next;
        }
    }
    Ok(None)
}

/// After the non-raising variant of an effectful operation (recording
/// only): an exception it stashed ends the recording (its path cannot be
/// traced) and propagates; otherwise a read-only check is recorded that
/// raises in compiled code if the operation failed there.
pub fn pending_check<M: Mode>(m: &mut M) -> Result<(), W<M>> {
    if let Some(e) = vm().pending.take() {
        let _ = m.cannot_trace("an exception raised by an effectful operation");
        return Err(m.int(e.0 as i64));
    }
    r_check_pending(m).map(|_| ())
}

/// The truth of a value for a conditional jump.
fn truth<M: Mode>(m: &mut M, v: V<M>) -> Result<bool, W<M>> {
    let tag = m.promote_int(v.0) as u64;
    match tag {
        T_BOOL | T_INT => {
            let t = m.int_is_true(v.1);
            Ok(m.cond(t))
        }
        T_NONE | T_NULL => Ok(false),
        T_FLOAT => {
            let x = m.bits_to_float(v.1);
            let z = m.float(0.0);
            let ne = m.float_ne(x, z);
            Ok(m.cond(ne))
        }
        _ => {
            let obj = m.int_to_ref(v.1);
            let class = m.getfield_r(obj, &CLASS_FIELD);
            let class = m.promote_ref(class);
            match truth_kind(class) {
                0 => {
                    let r = r_truth_builtin(m, v.1);
                    Ok(m.cond(r))
                }
                1 => Ok(true),
                _ => {
                    let _ = m.cannot_trace("truth of an object with __bool__ or __len__");
                    let val = Value { tag: T_OBJ, payload: m.peek_int(v.1) as u64 };
                    match rt::ops::truth(val) {
                        Ok(b) => Ok(b),
                        Err(e) => Err(m.int(e.0 as i64)),
                    }
                }
            }
        }
    }
}

pub fn compare_op_index(op: CmpOp) -> u64 {
    op as u64
}

pub fn binop_index(op: BinOp) -> u64 {
    op as u64
}

pub fn unop_index(op: UnOp) -> u64 {
    match op {
        UnOp::Neg => 0,
        UnOp::Pos => 1,
        UnOp::Invert => 2,
        UnOp::Not => 3,
    }
}
