//! The interactive prompt of `kpy` (line editing and history with rustyline).

use kiln_python::{RunConfig, Session};
use rustyline::error::ReadlineError;
use rustyline::DefaultEditor;

/// Whether a chunk of input needs more lines (an open block or bracket).
fn incomplete(src: &str) -> bool {
    let mut depth = 0i32;
    for c in src.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    if depth > 0 {
        return true;
    }
    let last = src.lines().last().unwrap_or("");
    last.trim_end().ends_with(':') || (src.lines().count() > 1 && !last.trim().is_empty())
}

/// Runs the read-eval-print loop; returns the exit code.
pub fn run(describe: bool) -> i32 {
    let mut ed = match DefaultEditor::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("kpy: cannot start the line editor: {e}");
            return 1;
        }
    };
    let history = std::env::var("HOME").map(|h| format!("{h}/.kpy_history")).unwrap_or_else(|_| ".kpy_history".into());
    let _ = ed.load_history(&history);
    println!("Python 3.11 (Kiln) -- type exit() or Ctrl-D to quit");
    let cfg = RunConfig { argv: vec![String::new()], describe, interactive: true, stdin: None };
    let mut session = Session::new("<stdin>", &cfg, Box::new(std::io::stdout()), Box::new(std::io::stderr()));
    let mut buf = String::new();
    let code = loop {
        let prompt = if buf.is_empty() { ">>> " } else { "... " };
        match ed.readline(prompt) {
            Ok(line) => {
                buf.push_str(&line);
                buf.push('\n');
                if incomplete(&buf) && !(line.trim().is_empty() && !buf.trim().is_empty() && buf.lines().count() > 1) {
                    continue;
                }
                let _ = ed.add_history_entry(buf.trim_end());
                let src = std::mem::take(&mut buf);
                if let Err(code) = session.run_interactive(&src) {
                    break code;
                }
            }
            Err(ReadlineError::Interrupted) => {
                buf.clear();
                eprintln!("KeyboardInterrupt");
            }
            Err(_) => break 0,
        }
    };
    let _ = ed.save_history(&history);
    code
}
