//! A Brainfuck interpreter written once on Kiln.
//!
//! [`parse`] turns source into a [`Program`]; [`run`] executes it, with the
//! JIT or without. The handlers in [`interp`] are generic over
//! [`kiln::Mode`]: the same code is the interpreter and, while a loop is
//! recorded, the tracer. Nothing here builds IR by hand.
//!
//! Semantics: a tape of byte cells that grows to the right on demand;
//! moving left of the first cell is an error; cells wrap around; `,` at end
//! of input sets the cell to 0.

mod interp;
mod io;
mod program;

pub use interp::{run, RunError, RunOptions};
pub use io::{Input, Output};
pub use program::{parse, Instr, ParseError, Program};
