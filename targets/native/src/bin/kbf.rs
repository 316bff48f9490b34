//! `kbf`: runs a Brainfuck program with Kiln's JIT.

use clap::Parser;
use kiln_bf::{parse, run, Input, Output, RunOptions};
use kiln_native::JitArgs;
use std::path::PathBuf;
use std::process::ExitCode;

/// Run a Brainfuck program (stdin and stdout are the program's).
#[derive(Parser, Debug)]
#[command(name = "kbf", version, about)]
struct Cli {
    /// The program.
    file: PathBuf,
    #[command(flatten)]
    jit: JitArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let source = match std::fs::read(&cli.file) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            eprintln!("kbf: cannot read {}: {e}", cli.file.display());
            return ExitCode::from(2);
        }
    };
    let prog = match parse(&source) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("kbf: {}:{e}", cli.file.display());
            return ExitCode::from(2);
        }
    };
    if let Err(e) = cli.jit.apply() {
        eprintln!("kbf: {e}");
        return ExitCode::from(2);
    }
    let input = Input::Reader(Box::new(std::io::stdin()));
    let output = Output::Writer(Box::new(std::io::stdout()));
    let opts = RunOptions { describe: cli.jit.log.is_some() };
    let result = run(&prog, input, output, &opts);
    cli.jit.finish();
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kbf: {}:{e}", cli.file.display());
            ExitCode::from(1)
        }
    }
}
