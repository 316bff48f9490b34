//! Runs the Python conformance corpus with Cranelift as the JIT's backend:
//! JIT off, default threshold, threshold 1 and threshold 7 (recordings
//! that start a few iterations in, and bridges after a few failures), each
//! compared with CPython's recorded output (the runner lives in
//! `kiln-python`'s tests).

#[path = "../../../interpreters/python/tests/support/corpus.rs"]
mod corpus;
use corpus::{run_mode, Mode};

fn cranelift() {
    let backend = kiln_cranelift::CraneliftBackend::new().expect("Cranelift backend");
    kiln::driver::set_backend(Box::new(backend));
}

#[test]
fn corpus_cranelift_jit_off() {
    run_mode(Mode::Off, cranelift);
}

#[test]
fn corpus_cranelift_jit_default() {
    run_mode(Mode::Default, cranelift);
}

#[test]
fn corpus_cranelift_jit_threshold_1() {
    run_mode(Mode::Eager, cranelift);
}

#[test]
fn corpus_cranelift_jit_threshold_7() {
    run_mode(Mode::Threshold(7), cranelift);
}
