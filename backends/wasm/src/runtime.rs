//! Runtime helpers that compiled code calls through the shared function
//! table: `extern "C"` shims around the framework's allocator, and the slow
//! path of the overflow check of 64-bit multiplication (Wasm has no
//! widening multiply). All use the uniform word-in, word-out ABI of
//! residual calls, `(i64 × n) -> i64` on wasm32.

use kiln::ir::TypeDescr;

/// `new(descr=T)`: allocates a zeroed fixed-size object of type `ty`.
///
/// `ty` is the address of a `'static` [`TypeDescr`] without a variable
/// part (checked when the trace was compiled).
extern "C" fn new(ty: u64) -> u64 {
    // SAFETY: the emitter only passes addresses of `&'static TypeDescr`s.
    let ty: &'static TypeDescr = unsafe { &*(ty as usize as *const TypeDescr) };
    kiln::gc::alloc(ty) as u64
}

/// `new_array(len, descr=T)`: allocates a variable-sized object of type
/// `ty` with `len` items (the type has a variable part, checked when the
/// trace was compiled).
extern "C" fn new_array(ty: u64, len: u64) -> u64 {
    // SAFETY: as for `new`.
    let ty: &'static TypeDescr = unsafe { &*(ty as usize as *const TypeDescr) };
    kiln::gc::alloc_var(ty, len as usize) as u64
}

/// Whether `a * b` overflows `i64` (1) or not (0).
extern "C" fn mul_overflows(a: u64, b: u64) -> u64 {
    (a as i64).overflowing_mul(b as i64).1 as u64
}

/// A shim compiled code may call.
#[derive(Copy, Clone, Debug)]
pub(crate) enum Shim {
    New,
    NewArray,
    MulOverflows,
}

impl Shim {
    /// The shim's address: on wasm32, its index in the function table.
    pub(crate) fn index(self) -> usize {
        match self {
            Shim::New => new as extern "C" fn(u64) -> u64 as usize,
            Shim::NewArray => new_array as extern "C" fn(u64, u64) -> u64 as usize,
            Shim::MulOverflows => mul_overflows as extern "C" fn(u64, u64) -> u64 as usize,
        }
    }
}
