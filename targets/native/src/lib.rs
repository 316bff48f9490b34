//! Shared pieces of the native command-line front ends: the JIT options
//! every binary accepts and the wiring of the Cranelift backend.

use clap::Args;
use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;

/// The interpreters allocate many small, short-lived Rust values (frames,
/// iterator states, list and dict storage); mimalloc serves them markedly
/// faster than glibc's allocator. Version 2: version 3 returns freed memory
/// to the system so eagerly that big lists made again and again cost page
/// faults (the float benchmark ran 1.4x slower).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `--jit=on|off`, `--jit-threshold N`, `--jit-stats`, `--jit-log FILE`.
#[derive(Args, Debug, Clone)]
pub struct JitArgs {
    /// Turn the JIT on or off.
    #[arg(long = "jit", value_name = "on|off", default_value = "on", value_parser = parse_on_off, action = clap::ArgAction::Set)]
    pub jit: bool,
    /// Loop iterations (or calls of a function) before a loop (or the function's entry) is traced.
    #[arg(long = "jit-threshold", value_name = "N")]
    pub threshold: Option<u32>,
    /// Guard failures before a bridge is traced (defaults to the threshold when that is lower).
    #[arg(long = "jit-bridge-threshold", value_name = "N")]
    pub bridge_threshold: Option<u32>,
    /// Print JIT statistics to stderr at exit.
    #[arg(long = "jit-stats")]
    pub stats: bool,
    /// Write every trace before and after optimization to FILE.
    #[arg(long = "jit-log", value_name = "FILE")]
    pub log: Option<PathBuf>,
}

fn parse_on_off(s: &str) -> Result<bool, String> {
    match s {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(format!("expected 'on' or 'off', got {s:?}")),
    }
}

impl JitArgs {
    /// Configures this thread's JIT. Returns an error message for problems
    /// the user can fix (an unwritable log file).
    pub fn apply(&self) -> Result<(), String> {
        let mut p = kiln::JitParams { enabled: self.jit && cfg!(feature = "jit"), ..kiln::JitParams::default() };
        if let Some(t) = self.threshold {
            p.threshold = t.max(1);
            p.bridge_threshold = p.bridge_threshold.min(p.threshold);
            p.function_threshold = p.function_threshold.min(p.threshold);
        }
        if let Some(b) = self.bridge_threshold {
            p.bridge_threshold = b.max(1);
        }
        kiln::driver::set_params(p);
        #[cfg(feature = "jit")]
        if self.jit {
            let backend = kiln_cranelift::CraneliftBackend::new().map_err(|e| format!("cannot start the Cranelift backend: {e}"))?;
            kiln::driver::set_backend(Box::new(backend));
        }
        if let Some(path) = &self.log {
            let f = File::create(path).map_err(|e| format!("cannot write the JIT log {}: {e}", path.display()))?;
            kiln::driver::set_log(Box::new(BufWriter::new(f)));
        }
        Ok(())
    }

    /// Prints statistics if they were asked for.
    pub fn finish(&self) {
        if self.stats {
            eprint!("{}", kiln::driver::stats().report());
        }
    }
}

pub mod repl;
