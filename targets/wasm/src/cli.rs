//! Command-line options shared by every program of the wasm32 build, and
//! the JIT wiring: the same flags as the native binaries (`--jit=on|off`,
//! `--jit-threshold N`, `--jit-bridge-threshold N`, `--jit-stats`,
//! `--jit-log FILE`), parsed without clap to keep the module small.

use crate::host;
use std::io::BufWriter;

/// The JIT options (see `kiln_native::JitArgs` for the native twin).
#[derive(Clone, Debug, PartialEq)]
pub struct JitArgs {
    pub jit: bool,
    pub threshold: Option<u32>,
    pub bridge_threshold: Option<u32>,
    pub stats: bool,
    pub log: Option<String>,
}

impl Default for JitArgs {
    fn default() -> Self {
        JitArgs { jit: true, threshold: None, bridge_threshold: None, stats: false, log: None }
    }
}

/// Parsed arguments: the JIT options, then the program's positional
/// arguments (the first is its file).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Args {
    pub jit: JitArgs,
    pub positional: Vec<String>,
}

fn parse_on_off(s: &str) -> Result<bool, String> {
    match s {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(format!("--jit: expected 'on' or 'off', got {s:?}")),
    }
}

fn parse_count(flag: &str, s: &str) -> Result<u32, String> {
    s.parse().map_err(|_| format!("{flag}: expected a non-negative number, got {s:?}"))
}

/// Parses `args`. Options may be written `--opt value` or `--opt=value`;
/// everything from the first positional argument (or after `--`) on
/// belongs to the program.
pub fn parse(args: &[String]) -> Result<Args, String> {
    let mut out = Args::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if !out.positional.is_empty() {
            out.positional.push(a.clone());
            continue;
        }
        if a == "--" {
            out.positional.extend(it.by_ref().cloned());
            break;
        }
        if !a.starts_with("--") || a == "-" {
            out.positional.push(a.clone());
            continue;
        }
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (a.as_str(), None),
        };
        let mut value = || -> Result<String, String> {
            match &inline {
                Some(v) => Ok(v.clone()),
                None => it.next().cloned().ok_or_else(|| format!("{name} needs a value")),
            }
        };
        match name {
            "--jit" => out.jit.jit = parse_on_off(&value()?)?,
            "--jit-threshold" => out.jit.threshold = Some(parse_count(name, &value()?)?),
            "--jit-bridge-threshold" => out.jit.bridge_threshold = Some(parse_count(name, &value()?)?),
            "--jit-log" => out.jit.log = Some(value()?),
            "--jit-stats" if inline.is_none() => out.jit.stats = true,
            _ => return Err(format!("unknown option {a:?}")),
        }
    }
    Ok(out)
}

impl JitArgs {
    /// The warm-up parameters these options ask for.
    pub fn params(&self) -> kiln::JitParams {
        let mut p = kiln::JitParams { enabled: self.jit && cfg!(feature = "jit"), ..kiln::JitParams::default() };
        if let Some(t) = self.threshold {
            p.threshold = t.max(1);
            p.bridge_threshold = p.bridge_threshold.min(p.threshold);
            p.function_threshold = p.function_threshold.min(p.threshold);
        }
        if let Some(b) = self.bridge_threshold {
            p.bridge_threshold = b.max(1);
        }
        p
    }

    /// Configures this thread's JIT: parameters, the Wasm backend when the
    /// JIT is on, the log. Errors are for the user (an unwritable log).
    pub fn apply(&self) -> Result<(), String> {
        kiln::driver::reset();
        kiln::driver::set_params(self.params());
        #[cfg(feature = "jit")]
        if self.jit {
            let backend = kiln_wasm::WasmBackend::new().map_err(|e| format!("cannot start the Wasm backend: {e}"))?;
            kiln::driver::set_backend(Box::new(backend));
        }
        if let Some(path) = &self.log {
            let w = host::create_file(path).map_err(|e| format!("cannot write the JIT log {path}: {e}"))?;
            kiln::driver::set_log(Box::new(BufWriter::new(w)));
        }
        Ok(())
    }

    /// Prints statistics if they were asked for.
    pub fn finish(&self) {
        if self.stats {
            host::write_fd(2, kiln::driver::stats().report().as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn parses_the_native_flags_in_both_spellings() {
        let a = parse(&args(&["--jit=off", "--jit-threshold", "7", "--jit-bridge-threshold=3", "--jit-stats", "--jit-log", "t.log", "p.b"])).unwrap();
        assert_eq!(
            a.jit,
            JitArgs { jit: false, threshold: Some(7), bridge_threshold: Some(3), stats: true, log: Some("t.log".into()) }
        );
        assert_eq!(a.positional, vec!["p.b".to_string()]);
        let b = parse(&args(&["--jit", "on", "--jit-threshold=1", "p.b", "--jit=off", "x"])).unwrap();
        assert!(b.jit.jit);
        assert_eq!(b.jit.threshold, Some(1));
        // Everything after the program file is the program's.
        assert_eq!(b.positional, args(&["p.b", "--jit=off", "x"]));
        assert_eq!(parse(&args(&["--", "--jit=off"])).unwrap().positional, args(&["--jit=off"]));
    }

    #[test]
    fn rejects_bad_flags_with_messages() {
        assert!(parse(&args(&["--jit=maybe", "p.b"])).unwrap_err().contains("'on' or 'off'"));
        assert!(parse(&args(&["--jit-threshold", "many"])).unwrap_err().contains("number"));
        assert!(parse(&args(&["--jit-log"])).unwrap_err().contains("needs a value"));
        assert!(parse(&args(&["--frobnicate"])).unwrap_err().contains("unknown option"));
        assert!(parse(&args(&["--jit-stats=yes"])).unwrap_err().contains("unknown option"));
    }

    #[test]
    fn threshold_lowers_the_bridge_threshold_like_native() {
        let p = JitArgs { threshold: Some(5), ..JitArgs::default() }.params();
        assert_eq!((p.threshold, p.bridge_threshold, p.function_threshold), (5, 5, 5));
        let p = JitArgs { threshold: Some(0), bridge_threshold: Some(0), ..JitArgs::default() }.params();
        assert_eq!((p.threshold, p.bridge_threshold), (1, 1));
        assert!(!JitArgs { jit: false, ..JitArgs::default() }.params().enabled);
    }
}
