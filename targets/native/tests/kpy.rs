//! The `kpy` binary: running files and `-c` code with and without the JIT,
//! exit codes, and errors for missing files and modules.

use std::process::Command;

fn kpy(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_kpy")).args(args).output().expect("run kpy");
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code().unwrap_or(-1))
}

const PROGRAM: &str = "
total = 0
for i in range(3000):
    if i % 3 == 0:
        total += i * i
    else:
        total -= i
print(total, [x * 2 for x in range(5)])
";

#[test]
fn code_runs_the_same_with_and_without_the_jit() {
    let off = kpy(&["--jit=off", "-c", PROGRAM]);
    let on = kpy(&["--jit=on", "--jit-threshold", "1", "-c", PROGRAM]);
    assert_eq!(off.0, "2992501500 [0, 2, 4, 6, 8]\n");
    assert_eq!(off, on);
}

#[test]
fn exit_codes_follow_cpython() {
    assert_eq!(kpy(&["-c", "import sys; sys.exit(4)"]).2, 4);
    let (_, err, code) = kpy(&["-c", "1/0"]);
    assert_eq!(code, 1);
    assert!(err.ends_with("ZeroDivisionError: division by zero\n"), "{err}");
    let (_, err, code) = kpy(&["-c", "if True print(1)"]);
    assert_eq!(code, 1);
    assert!(err.contains("SyntaxError"), "{err}");
}

#[test]
fn argv_and_modules() {
    assert_eq!(kpy(&["-c", "import sys; print(sys.argv)", "a", "b"]).0, "['-c', 'a', 'b']\n");
    assert_eq!(kpy(&["-m", "no_such_module_kiln"]).2, 1);
    let (_, err, code) = kpy(&["/nonexistent/prog.py"]);
    assert_eq!(code, 2);
    assert!(err.contains("can't open file"), "{err}");
}

#[test]
fn os_environ_is_the_process_environment() {
    let out = Command::new(env!("CARGO_BIN_EXE_kpy"))
        .args(["-c", "import os; print(os.environ.get('KILN_TEST_VAR'), os.environ.get('KILN_NO_SUCH_VAR', 'absent'), 'KILN_TEST_VAR' in os.environ)"])
        .env("KILN_TEST_VAR", "hello")
        .env_remove("KILN_NO_SUCH_VAR")
        .output()
        .expect("run kpy");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hello absent True\n");
}

#[test]
fn recursion_compiles_at_function_entry() {
    let program = "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint(fib(20))\n";
    let off = kpy(&["--jit=off", "-c", program]);
    let on = kpy(&["--jit-stats", "-c", program]);
    assert_eq!(off.0, "6765\n");
    assert_eq!(on.0, off.0);
    let stats = on.1.lines().find(|l| l.starts_with("jit: function entries")).unwrap_or_default().to_string();
    let compiled: u64 = stats.split("compiled ").nth(1).and_then(|s| s.split(',').next()).and_then(|n| n.trim().parse().ok()).unwrap_or(0);
    assert!(compiled >= 1, "{}", on.1);
}
