//! Focused tests of the compiler, the object model and error reporting,
//! run through the public entry point (`run_source`) with captured output.

use kiln_python::{run_source, RunConfig};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

#[derive(Clone, Default)]
struct Buf(Rc<RefCell<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `src` on a big-stack thread; returns (stdout, stderr, exit code).
fn run(src: &str) -> (String, String, i32) {
    let src = src.to_string();
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            kiln::driver::set_params(kiln::JitParams { enabled: false, ..Default::default() });
            let (out, err) = (Buf::default(), Buf::default());
            let cfg = RunConfig { argv: vec!["t.py".into()], stdin: Some(vec![]), ..Default::default() };
            let code = run_source(&src, "t.py", &cfg, Box::new(out.clone()), Box::new(err.clone()));
            let o = String::from_utf8_lossy(&out.0.borrow()).into_owned();
            let e = String::from_utf8_lossy(&err.0.borrow()).into_owned();
            (o, e, code)
        })
        .expect("spawn")
        .join()
        .expect("no panic")
}

fn out(src: &str) -> String {
    run(src).0
}

#[test]
fn hashes_match_cpython() {
    assert_eq!(out("print(hash((1, 2)), hash((1, 2, 3)), hash(-1), hash(2**61 - 1))"), "-3550055125485641917 529344067295497451 -2 0\n");
    assert_eq!(out("print(hash(1.5), hash(-0.5), hash(frozenset({1, 2, 3})))"), "1152921504606846977 -1152921504606846976 -272375401224217160\n");
}

#[test]
fn sets_of_small_ints_iterate_in_cpython_order() {
    assert_eq!(out("print({33, 1, 5, 17, 9})"), "{33, 1, 17, 5, 9}\n");
}

#[test]
fn float_repr_is_shortest_round_trip() {
    assert_eq!(out("print(1e16, 1e15, 1e-05, 0.1 + 0.2, 1e15 + 0.25, round(2.675, 2))"), "1e+16 1000000000000000.0 1e-05 0.30000000000000004 1000000000000000.2 2.67\n");
}

#[test]
fn big_ints_and_the_digit_limit() {
    assert_eq!(out("print(2**100, -(2**64) // 3, (10**30) % 7)"), "1267650600228229401496703205376 -6148914691236517206 1\n");
    let (_, err, code) = run("x = int('9' * 5000)");
    assert_eq!(code, 1);
    assert!(err.contains("Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits"), "{err}");
}

#[test]
fn closures_generators_and_exceptions_compile_correctly() {
    let src = "
def counter():
    n = 0
    def bump():
        nonlocal n
        n += 1
        return n
    return bump
b = counter(); b(); print(b())
def gen():
    try:
        yield 1
        yield 2
    finally:
        print('closed')
print(list(gen()))
for i in range(3):
    try:
        if i == 1:
            continue
        print('body', i)
    finally:
        print('finally', i)
";
    assert_eq!(out(src), "2\nclosed\n[1, 2]\nbody 0\nfinally 0\nfinally 1\nbody 2\nfinally 2\n");
}

#[test]
fn tracebacks_show_location_markers() {
    let (_, err, code) = run("def f(d):\n    return d['k'] * 2\nf({})\n");
    assert_eq!(code, 1);
    assert_eq!(err, "Traceback (most recent call last):\n  File \"t.py\", line 3, in <module>\n    f({})\n  File \"t.py\", line 2, in f\n    return d['k'] * 2\n           ~^^^^^\nKeyError: 'k'\n");
}

#[test]
fn syntax_errors_are_reported_like_cpython() {
    let (_, err, code) = run("if x\n    pass\n");
    assert_eq!(code, 1);
    assert_eq!(err, "  File \"t.py\", line 1\n    if x\n        ^\nSyntaxError: expected ':'\n");
    let (_, err, _) = run("def f():\n    pass\nreturn 1\n");
    assert!(err.ends_with("SyntaxError: 'return' outside function\n"), "{err}");
    let (_, err, _) = run("x = (1,\n");
    assert!(err.ends_with("SyntaxError: '(' was never closed\n"), "{err}");
}

#[test]
fn system_exit_codes() {
    assert_eq!(run("import sys; sys.exit(3)").2, 3);
    assert_eq!(run("raise SystemExit").2, 0);
    let (_, err, code) = run("import sys; sys.exit('bye')");
    assert_eq!((err.as_str(), code), ("bye\n", 1));
}

#[test]
fn runaway_recursion_is_a_recursion_error() {
    let (_, err, code) = run("def f(n):\n    return f(n + 1)\nf(0)\n");
    assert_eq!(code, 1);
    assert!(err.ends_with("RecursionError: maximum recursion depth exceeded\n"), "{err}");
    let (_, err, code) = run("class R:\n    def __repr__(self):\n        return repr(self)\nrepr(R())\n");
    assert_eq!(code, 1);
    assert!(err.ends_with("RecursionError: maximum recursion depth exceeded\n"), "{err}");
}

#[test]
fn deep_nesting_does_not_crash() {
    let src = format!("x = {}1{}\nprint(x)\n", "[".repeat(150), "]".repeat(150));
    let (o, _, code) = run(&src);
    assert_eq!(code, 0);
    assert!(o.starts_with("[[[["));
}
