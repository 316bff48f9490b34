//! Runs the conformance corpus with the IR evaluator as the JIT's backend
//! (see `support/corpus.rs`; `kiln-native` runs it again with Cranelift).

#[path = "support/corpus.rs"]
mod corpus;
use corpus::{run_mode, Mode};

fn evaluator() {}

#[test]
fn corpus_jit_off() {
    run_mode(Mode::Off, evaluator);
}

#[test]
fn corpus_jit_default() {
    run_mode(Mode::Default, evaluator);
}

#[test]
fn corpus_jit_threshold_1() {
    run_mode(Mode::Eager, evaluator);
}

#[test]
fn corpus_jit_threshold_7() {
    run_mode(Mode::Threshold(7), evaluator);
}
