//! `kpy`: runs Python programs with Kiln's JIT (`kpy FILE.py [ARGS]`,
//! `kpy -c CODE`, `kpy -m MODULE`, or an interactive prompt).

use clap::Parser;
use kiln_native::JitArgs;
use kiln_python::{run_on_big_stack, run_source, RunConfig};
use std::io::{BufWriter, IsTerminal};
use std::process::ExitCode;

/// Run a Python program.
#[derive(Parser, Debug, Clone)]
#[command(name = "kpy", version, about)]
struct Cli {
    /// Program passed in as a string.
    #[arg(short = 'c', value_name = "CODE")]
    command: Option<String>,
    /// Run a built-in module as a script.
    #[arg(short = 'm', value_name = "MODULE")]
    module: Option<String>,
    #[command(flatten)]
    jit: JitArgs,
    /// The script and its arguments.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = run_on_big_stack(move || run(cli));
    ExitCode::from(code.clamp(0, 255) as u8)
}

fn run(cli: Cli) -> i32 {
    if let Err(e) = cli.jit.apply() {
        eprintln!("kpy: {e}");
        return 2;
    }
    let describe = cli.jit.log.is_some();
    let out = Box::new(BufWriter::with_capacity(1 << 16, std::io::stdout()));
    let err = Box::new(std::io::stderr());
    let code = if let Some(src) = &cli.command {
        let mut argv = vec!["-c".to_string()];
        argv.extend(cli.args.iter().cloned());
        run_source(src, "<string>", &RunConfig { argv, describe, interactive: false, stdin: None }, out, err)
    } else if let Some(m) = &cli.module {
        if !kiln_python::modules::is_builtin_module(m) {
            eprintln!("kpy: No module named {m}");
            return 1;
        }
        let mut argv = vec![m.clone()];
        argv.extend(cli.args.iter().cloned());
        let src = format!("import {m}\n");
        run_source(&src, "<string>", &RunConfig { argv, describe, interactive: false, stdin: None }, out, err)
    } else if let Some(path) = cli.args.first() {
        let source = match std::fs::read(path) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                let msg = e.to_string();
                let msg = msg.split(" (os error").next().unwrap_or(&msg).to_string();
                eprintln!("kpy: can't open file '{}': [Errno {}] {}", path, e.raw_os_error().unwrap_or(2), msg);
                return 2;
            }
        };
        run_source(&source, path, &RunConfig { argv: cli.args.clone(), describe, interactive: false, stdin: None }, out, err)
    } else if std::io::stdin().is_terminal() {
        kiln_native::repl::run(describe)
    } else {
        let mut src = String::new();
        let _ = std::io::Read::read_to_string(&mut std::io::stdin(), &mut src);
        run_source(&src, "<stdin>", &RunConfig { argv: vec!["-".into()], describe, interactive: false, stdin: None }, out, err)
    };
    cli.jit.finish();
    code
}
