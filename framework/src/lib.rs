//! Kiln: a meta-tracing JIT framework.
//!
//! An interpreter written on Kiln gets a tracing JIT from hints. Its
//! instruction handlers are written once, generic over [`Mode`]; run in
//! [`Concrete`] mode they are the interpreter, run in [`Recorder`] mode on
//! a hot loop of the user's program they write the loop's trace. The
//! [`driver`] decides what to trace, the [`opt`]imizer improves the trace,
//! a [`backend`] compiles it, and guard failures [`resume`] the interpreter.
//!
//! This crate knows nothing of any particular language.
//!
//! Map of the crate:
//! * [`ir`] — the trace IR, its descriptors, text form and parser;
//! * [`mode`] — the [`Mode`] trait, [`Concrete`] mode, virtualizable [`Slots`];
//! * [`recorder`] — the recording mode;
//! * [`residual`] — calls into plain Rust with declared effects ([`residual!`]);
//! * [`opt`] — the optimizer;
//! * [`resume`] — snapshots turned into resume data, frame rebuilding;
//! * [`driver`] — warm-up policy, compilation, execution, statistics;
//! * [`backend`] — the code generator interface; [`eval`] — the IR evaluator;
//! * [`gc`] — the precise garbage collector; [`ctx`] — state shared with compiled code.

pub mod backend;
pub mod clock;
pub mod ctx;
pub mod driver;
pub mod eval;
pub mod gc;
pub mod ir;
pub mod mode;
pub mod opt;
pub mod recorder;
pub mod residual;
pub mod resume;

pub use driver::{execute, finish_recording, quasi_immut_changed, ExitState, JitParams, JitStats};
pub use ir::Greens;
pub use mode::{Arg, Concrete, JitStop, Mode, ProducingCall, Ret, Slots};
pub use recorder::{AbortReason, BridgeStart, Recorder, Traced};
pub use residual::{ModeValue, Ref, RefWord, Word};
