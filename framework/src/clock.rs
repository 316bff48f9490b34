//! A monotonic clock that also works on wasm32-unknown-unknown, where
//! `std::time::Instant` is unavailable: the host installs its own source.

use std::sync::atomic::{AtomicUsize, Ordering};

static SOURCE: AtomicUsize = AtomicUsize::new(0);

/// Installs the function that returns seconds from an arbitrary origin
/// (e.g. `performance.now() / 1000` on the Web).
pub fn set_source(f: fn() -> f64) {
    SOURCE.store(f as usize, Ordering::Relaxed);
}

/// Seconds since an arbitrary origin.
pub fn now() -> f64 {
    let f = SOURCE.load(Ordering::Relaxed);
    if f != 0 {
        // SAFETY: only `set_source` stores into SOURCE, always a `fn() -> f64`.
        let f: fn() -> f64 = unsafe { std::mem::transmute::<usize, fn() -> f64>(f) };
        return f();
    }
    default_now()
}

#[cfg(not(target_family = "wasm"))]
fn default_now() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

#[cfg(target_family = "wasm")]
fn default_now() -> f64 {
    0.0
}
