//! `kbf`: runs a Brainfuck program, like the native binary.

use crate::cli;
use crate::host::{self, FdWriter, Host, Stdin};
use kiln_bf::{parse, run, Input, Output, RunOptions};
use std::io::BufReader;
use wasm_bindgen::prelude::*;

const USAGE: &str = "usage: kbf [--jit=on|off] [--jit-threshold N] [--jit-bridge-threshold N] [--jit-stats] [--jit-log FILE] FILE";

/// Runs `kbf` with `args` (without the program name); returns the exit
/// code: 0 on success, 1 when the program failed, 2 for usage errors and
/// unreadable or malformed programs (as the native `kbf`).
#[wasm_bindgen]
pub fn kbf(host: Host, args: Vec<String>) -> i32 {
    host::install(host);
    let code = main(&args);
    host::uninstall();
    code
}

fn main(args: &[String]) -> i32 {
    let args = match cli::parse(args) {
        Ok(a) => a,
        Err(e) => {
            host::eprintln(&format!("kbf: {e}\n{USAGE}"));
            return 2;
        }
    };
    let [file] = args.positional.as_slice() else {
        host::eprintln(&format!("kbf: expected one program file\n{USAGE}"));
        return 2;
    };
    let source = match host::read_file(file) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            host::eprintln(&format!("kbf: cannot read {file}: {e}"));
            return 2;
        }
    };
    let prog = match parse(&source) {
        Ok(p) => p,
        Err(e) => {
            host::eprintln(&format!("kbf: {file}:{e}"));
            return 2;
        }
    };
    if let Err(e) = args.jit.apply() {
        host::eprintln(&format!("kbf: {e}"));
        return 2;
    }
    let input = Input::Reader(Box::new(BufReader::new(Stdin)));
    let output = Output::Writer(Box::new(FdWriter(1)));
    let opts = RunOptions { describe: args.jit.log.is_some() };
    let result = run(&prog, input, output, &opts);
    args.jit.finish();
    match result {
        Ok(_) => 0,
        Err(e) => {
            host::eprintln(&format!("kbf: {file}:{e}"));
            1
        }
    }
}
