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
fn compile_time_checks_match_cpython() {
    let last_line = |src: &str| {
        let (_, err, code) = run(src);
        assert_eq!(code, 1, "{src}: {err}");
        err.lines().last().unwrap_or("").to_string()
    };
    assert_eq!(last_line("def f(a, a): pass\n"), "SyntaxError: duplicate argument 'a' in function definition");
    assert_eq!(last_line("x = 1; global x\n"), "SyntaxError: name 'x' is assigned to before global declaration");
    assert_eq!(last_line("x: int; global x\n"), "SyntaxError: annotated name 'x' can't be global");
    assert_eq!(last_line("f(a=1, a=2)\n"), "SyntaxError: keyword argument repeated: a");
    assert_eq!(last_line("__debug__ = 1\n"), "SyntaxError: cannot assign to __debug__");
    assert_eq!(last_line("def f():\n    from m import *\n"), "SyntaxError: import * only allowed at module level");
    assert_eq!(last_line("x = 0777\n"), "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
    assert_eq!(last_line("x = 1__0\n"), "SyntaxError: invalid decimal literal");
    assert_eq!(last_line("def f(:\n"), "SyntaxError: invalid syntax");
    assert_eq!(last_line("print(1,\nx = 2\n"), "SyntaxError: '(' was never closed");
    let deep: String = (0..101).map(|i| format!("{}if 1:\n", " ".repeat(i))).collect();
    assert_eq!(last_line(&format!("{deep}{}pass\n", " ".repeat(101))), "IndentationError: too many levels of indentation");
    assert_eq!(run("x = 2j * 2j + 1\nprint(x)\n").0, "(-3+0j)\n");
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

#[test]
fn strings_after_a_multiline_string_on_its_closing_line_are_scanned() {
    let src = "x = (\"\"\"\na\n\"\"\", \"\"\"\\\nb\n\"\"\")\nprint(repr(x))\n";
    assert_eq!(run(src), ("('\\na\\n', 'b\\n')\n".into(), String::new(), 0));
}

#[test]
fn array_and_string_io_modules() {
    let src = "import array, io\na = array.array('B', [0] * 4)\na[1] = 255\nprint(a, a.tobytes(), len(a))\ntry:\n    a[0] = 256\nexcept OverflowError as e:\n    print(e)\ns = io.StringIO()\nprint('x', 1, file=s, end='!')\nprint(repr(s.getvalue()))\n";
    let (out, err, code) = run(src);
    assert_eq!((err.as_str(), code), ("", 0));
    assert_eq!(out, "array('B', [0, 255, 0, 0]) b'\\x00\\xff\\x00\\x00' 4\nunsigned byte integer is greater than maximum\n'x 1!'\n");
}

#[test]
fn star_calls_of_python_functions_bind_like_calls() {
    let src = "def f(a, b=2, *c, d, **e):\n    return (a, b, c, d, e)\nprint(f(*[1], **{'d': 4}))\nprint(f(*(1, 2, 3), d=5, z=6))\nclass K:\n    def m(self, x):\n        return x\nprint(K().m(*[7]))\ntry:\n    f(*[])\nexcept TypeError as e:\n    print(e)\n";
    let (out, _, _) = run(src);
    assert_eq!(out, "(1, 2, (), 4, {})\n(1, 2, (3,), 5, {'z': 6})\n7\nf() missing 1 required positional argument: 'a'\n");
}

#[test]
fn enumerate_loops_unpack_like_cpython() {
    let src = "for i, x in enumerate([10, 20, 30]):\n    print(i, x)\nfor i, x in enumerate(range(3), 5):\n    print(i, x)\ne = enumerate(['a', 'b', 'c'])\nfor i, x in e:\n    if i == 1:\n        break\nprint(list(e))\nfor i, (a, b) in enumerate([(1, 2), (3, 4)]):\n    print(i, a, b)\nfor t in enumerate(range(2)):\n    print(t)\nl = [1, 2]\nfor i, x in enumerate(l):\n    if i == 0:\n        l.append(3)\n    print(i, x)\ntry:\n    for i, x, y in enumerate([1]):\n        pass\nexcept ValueError as ex:\n    print(ex)\nimport sys\nfor i, x in enumerate(range(2), sys.maxsize - 1):\n    print(i, x)\n";
    assert_eq!(run(src).0, "0 10\n1 20\n2 30\n5 0\n6 1\n7 2\n[(2, 'c')]\n0 1 2\n1 3 4\n(0, 0)\n(1, 1)\n0 1\n1 2\n2 3\nnot enough values to unpack (expected 3, got 2)\n9223372036854775806 0\n9223372036854775807 1\n");
}

#[test]
fn slicing_fast_paths_match_the_generic_ones() {
    let (out, err, code) = run("l = list(range(10)); t = tuple(l); s = \"héllo wörld\"; a = \"abcdef\"\nprint(l[2:5], l[::-1], l[-3:], l[:100], l[5:2], l[1:8:3], l[::-2])\nprint(t[2:5], t[::-1], t[1:8:3])\nprint(s[1:4], s[::-1], s[-3:], a[::2], a[1:-1])\nclass L(list): pass\nprint(L([1,2,3])[1:])\nclass G:\n    def __getitem__(self, k): return k\nprint(G()[1:2], G()[::3])\ni = 2\nprint(l[i:i+3], l[None:3], l[True:3])\ntry:\n    l[1:2:0]\nexcept ValueError as e: print(e)\ntry:\n    l['a':2]\nexcept TypeError as e: print(e)\nprint(b'abc'[1:], range(10)[2:8:2], bytearray(b'xyz')[::-1])\ndef f():\n    return l[1:'x']\nf()\n");
    assert_eq!(out, "[2, 3, 4] [9, 8, 7, 6, 5, 4, 3, 2, 1, 0] [7, 8, 9] [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] [] [1, 4, 7] [9, 7, 5, 3, 1]\n(2, 3, 4) (9, 8, 7, 6, 5, 4, 3, 2, 1, 0) (1, 4, 7)\néll dlröw olléh rld ace bcde\n[2, 3]\nslice(1, 2, None) slice(None, None, 3)\n[2, 3, 4] [0, 1, 2] [1, 2]\nslice step cannot be zero\nslice indices must be integers or None or have an __index__ method\nb'bc' range(2, 8, 2) bytearray(b'zyx')\n");
    assert_eq!((err.lines().last(), code), (Some("TypeError: slice indices must be integers or None or have an __index__ method"), 1));
    assert_eq!(run("l = list(range(10))\nl[2:5] = ['a', 'b']; print(l)\nl[::2] = range(5); print(l)\nl[:0] = (x for x in 'xy'); print(l)\nl[-2:] = []; print(l)\ntry:\n    l[::3] = [1]\nexcept ValueError as e: print(e)\nclass M(list):\n    def __setitem__(self, k, v): print('set', k, v)\nm = M([1, 2]); m[0:1] = [5]\nd = {}\ntry:\n    d[1:2] = 3\nexcept TypeError as e: print(e)\nt = (1, 2)\ntry:\n    t[0:1] = [3]\nexcept TypeError as e: print(e)\nperm = [3, 1, 2, 0]\nk = perm[0]\nperm[:k + 1] = perm[k::-1]; print(perm)\ntry:\n    l[1:2] = 5\nexcept TypeError as e: print(e)\n").0, "[0, 1, 'a', 'b', 5, 6, 7, 8, 9]\n[0, 1, 1, 'b', 2, 6, 3, 8, 4]\n['x', 'y', 0, 1, 1, 'b', 2, 6, 3, 8, 4]\n['x', 'y', 0, 1, 1, 'b', 2, 6, 3]\nattempt to assign sequence of size 1 to extended slice of size 3\nset slice(0, 1, None) [5]\nunhashable type: 'slice'\n'tuple' object does not support item assignment\n[0, 2, 1, 3]\ncan only assign an iterable\n");
}

#[test]
fn draining_a_generator_keeps_its_items() {
    assert_eq!(run("def g(n):\n    for i in range(n):\n        junk = [str(i)] * 5\n        yield {'i': i, 's': str(i) * 2, 'l': [i, [i]]}\nr = list(g(50000))\nprint(len(r), r[0], r[-1], sum(x['l'][1][0] for x in r))\nt = tuple(x for x in g(20000) if x['i'] % 3 == 0)\nprint(len(t), t[-1])\ns = sorted(g(20000), key=lambda d: -d['i'])\nprint(s[0]['s'], s[-1]['s'])\ndef outer():\n    for d in g(1000):\n        inner = list(str(k) for k in range(d['i'] % 7))\n        yield (d['s'], inner)\nprint(list(outer())[-1])\ngg = g(5)\nprint(next(gg)['i'], list(gg)[-1]['i'])\n"), ("50000 {'i': 0, 's': '00', 'l': [0, [0]]} {'i': 49999, 's': '4999949999', 'l': [49999, [49999]]} 1249975000\n6667 {'i': 19998, 's': '1999819998', 'l': [19998, [19998]]}\n1999919999 00\n('999999', ['0', '1', '2', '3', '4'])\n0 4\n".to_string(), String::new(), 0));
}
