//! The per-thread context shared between compiled code and the runtime:
//! the pending exception of a residual call and the "collection due" flag.
//!
//! Compiled traces receive the context's address and read these words
//! directly, so its layout is fixed (`repr(C)`) and its offsets are public.

use std::cell::UnsafeCell;

/// Words that compiled code reads and writes.
#[repr(C)]
pub struct JitCtx {
    /// Nonzero when a residual call raised.
    pub exc_pending: u64,
    /// The exception, as the interpreter's word (e.g. a reference).
    pub exc_value: u64,
    /// Nonzero when the GC wants a collection at the next safe point.
    pub gc_due: u64,
}

impl JitCtx {
    pub const OFFSET_EXC_PENDING: i32 = 0;
    pub const OFFSET_EXC_VALUE: i32 = 8;
    pub const OFFSET_GC_DUE: i32 = 16;
}

thread_local! {
    static CTX: UnsafeCell<JitCtx> = const { UnsafeCell::new(JitCtx { exc_pending: 0, exc_value: 0, gc_due: 0 }) };
}

/// Address of this thread's context; stable for the thread's lifetime.
pub fn ctx_ptr() -> *mut JitCtx {
    CTX.with(|c| c.get())
}

/// Called by a residual function to raise `exc` (an interpreter-defined
/// word). The function should then return promptly; its return value is
/// ignored.
pub fn raise(exc: u64) {
    // SAFETY: thread-local, no outstanding references.
    unsafe {
        let c = &mut *ctx_ptr();
        c.exc_pending = 1;
        c.exc_value = exc;
    }
}

/// Takes the pending exception, if any.
#[inline]
pub fn take_exception() -> Option<u64> {
    // SAFETY: thread-local, no outstanding references.
    unsafe {
        let c = &mut *ctx_ptr();
        if c.exc_pending != 0 {
            c.exc_pending = 0;
            Some(std::mem::take(&mut c.exc_value))
        } else {
            None
        }
    }
}

pub(crate) fn set_gc_due(due: bool) {
    // SAFETY: thread-local, no outstanding references.
    unsafe { (*ctx_ptr()).gc_due = due as u64 };
}
