//! Runtime helpers that compiled code calls: `extern "C"` shims around
//! the framework's allocator, with the uniform word-in, word-out ABI of
//! residual calls.

use kiln::ir::TypeDescr;

/// `new(descr=T)`: allocates a zeroed fixed-size object of type `ty`.
///
/// `ty` is the address of a `'static` [`TypeDescr`] without a variable
/// part (checked when the trace was compiled).
pub(crate) extern "C" fn new(ty: u64) -> u64 {
    // SAFETY: the lowering only passes addresses of `&'static TypeDescr`s.
    let ty: &'static TypeDescr = unsafe { &*(ty as usize as *const TypeDescr) };
    kiln::gc::alloc(ty) as u64
}

/// `new_array(len, descr=T)`: allocates a variable-sized object of type
/// `ty` with `len` items (the type has a variable part, checked when the
/// trace was compiled).
pub(crate) extern "C" fn new_array(ty: u64, len: u64) -> u64 {
    // SAFETY: as for `new`.
    let ty: &'static TypeDescr = unsafe { &*(ty as usize as *const TypeDescr) };
    kiln::gc::alloc_var(ty, len as usize) as u64
}
