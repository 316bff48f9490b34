//! Interpreter frames: a code object, the instruction index, and the
//! virtualizable slots (function, namespace, locals, cells, value stack).

use crate::bytecode::{Code, HEADER_VALUES};
use crate::value::{ObjRef, Value, T_OBJ};
use kiln::Slots;

pub struct Frame {
    pub code: &'static Code,
    pub slots: Slots,
    pub pc: usize,
    /// The module globals dict.
    pub globals: ObjRef,
    /// The generator that owns this frame, if any.
    pub gen: Option<ObjRef>,
}

impl Frame {
    /// A frame for `code` run by function `func` with namespace `ns` (NULL
    /// for function frames).
    pub fn new(code: &'static Code, func: Value, ns: Value, globals: ObjRef) -> Frame {
        let mut slots = Slots::new(code.frame_words());
        let w = slots.words_mut();
        w[0] = func.tag;
        w[1] = func.payload;
        w[2] = ns.tag;
        w[3] = ns.payload;
        Frame { code, slots, pc: 0, globals, gen: None }
    }

    /// A frame from the reuse pool (or a new one), set up like `new`.
    #[inline]
    pub fn acquire(code: &'static Code, func: Value, ns: Value, globals: ObjRef) -> Box<Frame> {
        let vm = crate::runtime::vm();
        match vm.frame_pool.pop() {
            Some(mut f) => {
                let n = code.frame_words();
                // A larger buffer is kept as is: only the words below the
                // stack top are ever read, traced or recorded.
                if f.slots.len() < n {
                    f.slots.resize(n);
                }
                // Locals and cells must start unbound; stack slots are
                // always written before they are read (and traced).
                let w = f.slots.words_mut();
                w[..2 * code.stack_base()].fill(0);
                let w = f.slots.words_mut();
                w[0] = func.tag;
                w[1] = func.payload;
                w[2] = ns.tag;
                w[3] = ns.payload;
                f.code = code;
                f.pc = 0;
                f.globals = globals;
                f.gen = None;
                f
            }
            None => Box::new(Frame::new(code, func, ns, globals)),
        }
    }

    /// Returns a finished frame to the reuse pool.
    #[inline]
    pub fn release(f: Box<Frame>) {
        let vm = crate::runtime::vm();
        if f.gen.is_none() && vm.frame_pool.len() < 128 {
            vm.frame_pool.push(f);
        }
    }

    #[inline(always)]
    pub fn get(&self, i: usize) -> Value {
        let w = self.slots.words();
        assert!(2 * i + 1 < w.len());
        // SAFETY: checked just above (one check instead of two).
        unsafe { Value { tag: *w.get_unchecked(2 * i), payload: *w.get_unchecked(2 * i + 1) } }
    }

    #[inline(always)]
    pub fn set(&mut self, i: usize, v: Value) {
        let w = self.slots.words_mut();
        assert!(2 * i + 1 < w.len());
        // SAFETY: checked just above.
        unsafe {
            *w.get_unchecked_mut(2 * i) = v.tag;
            *w.get_unchecked_mut(2 * i + 1) = v.payload;
        }
    }

    pub fn func(&self) -> Value {
        self.get(0)
    }

    /// The namespace of module and class code (NULL for functions: their
    /// slot 1 holds, for a constructor's `__init__` frame run by
    /// instantiating a class, the new instance, which RETURN hands back).
    pub fn namespace(&self) -> Value {
        if self.code.flags.uses_namespace {
            self.get(1)
        } else {
            Value::NULL
        }
    }

    /// Value index of local `i`.
    #[inline(always)]
    pub fn local(i: usize) -> usize {
        HEADER_VALUES + i
    }

    /// Value index of the top of the stack at the current pc (1 = top).
    #[inline(always)]
    pub fn stack_index(&self, from_top: usize) -> usize {
        self.code.stack_base() + self.code.depths[self.pc] as usize - from_top
    }

    pub fn trace(&self, t: &mut kiln::gc::Tracer) {
        t.mark(self.globals.0);
        if let Some(g) = self.gen {
            t.mark(g.0);
        }
        let w = self.slots.words();
        // Only the slots below the stack top hold values of this frame
        // (a reused frame's buffer may hold stale words above it).
        let depth = self.code.depths.get(self.pc).copied().unwrap_or(self.code.max_depth) as usize;
        let end = (2 * (self.code.stack_base() + depth)).min(w.len());
        let mut i = 0;
        while i + 1 < end {
            if w[i] == T_OBJ {
                t.mark(w[i + 1] as usize);
            }
            i += 2;
        }
    }
}
