//! The text form prints and parses back to the same trace.

mod common;
use common::*;
use kiln::ir::*;

const SAMPLES: &[&str] = &[
    "[i0, i1]
label(i0, i1)
debug_merge_point(7, 12, \"loop.py:3 LOAD_FAST \\\"i\\\" # not a comment\")
i2 = int_add(i0, 1)
i3 = int_lt(i2, i1)
guard_true(i3) [7,12: i2, i1]
jump(i2, i1, descr=self)
",
    "[r0, f1, i2]
label(r0, f1, i2)
i3 = getfield(r0, descr=Point.x)
f4 = getfield(r0, descr=Point.y)
f5 = float_add(f4, f1)
setfield(r0, f5, descr=Point.y)
r6 = new(descr=Point)
setfield(r6, i3, descr=Point.x)
r7 = new_array(3, descr=IntArray)
setarrayitem(r7, 1, -5, descr=IntArray.items)
i8 = getarrayitem(r7, i2, descr=IntArray.items)
i9 = call(i8, descr=noisy)
guard_no_exception() [1,2: r0, f5, i9] [1,40: i3, 2.5, -inf, nan, null, ptr(0x1000)]
guard_class(r0, descr=Point) [1,2: r0, v0, v1] {v0=new(Point; Point.x=i3, Point.y=1e-7), v1=new_array(IntArray, 2; IntArray.items[0]=i8, IntArray.items[1]=v0)}
i10 = guard_exception() [1,3: r0]
i11 = int_add_ovf(i10, 9223372036854775807)
guard_no_overflow() [1,3: r0]
i12 = call_pure(i11, 2, 3, descr=add3)
jump(r0, f5, i12, descr=loop4)
",
    "[]
finish()
",
];

#[test]
fn print_parse_round_trip() {
    for s in SAMPLES {
        let arena = Arena::new();
        let t = parse(&arena, s);
        let printed = text::print(&t);
        assert_eq!(&printed, s, "printing changed the text");
        let t2 = parse(&arena, &printed);
        assert_eq!(text::print(&t2), printed);
    }
}

#[test]
fn names_are_renumbered_canonically() {
    let c = canonical("[i7, p9]\nlabel(i7, p9)\nix = int_mul(i7, i7)  # a comment\njump(ix, p9, descr=self)\n");
    assert_eq!(c, "[i0, r1]\nlabel(i0, r1)\ni2 = int_mul(i0, i0)\njump(i2, r1, descr=self)\n");
}

#[test]
fn parse_errors_name_the_line() {
    register_all();
    let arena = Arena::new();
    let cases = [
        ("[i0]\ni1 = int_add(i0, i9)\n", "line 2", "unknown value"),
        ("[i0]\ni1 = frobnicate(i0)\n", "line 2", "unknown operation"),
        ("[i0]\nguard_true(i0)\n", "line 2", "snapshot"),
        ("[i0]\ni1 = getfield(i0, descr=Nope.x)\n", "line 2", "unknown descriptor"),
        ("[i0]\ni0 = int_add(i0, 1)\n", "line 2", "defined twice"),
    ];
    for (text, line, what) in cases {
        let err = match parse::parse(&arena, TraceKind::Loop, text) {
            Ok(_) => panic!("{text:?} parsed"),
            Err(e) => e,
        };
        assert!(err.contains(line) && err.contains(what), "{text:?}: {err}");
    }
}

#[test]
fn verify_rejects_use_before_definition() {
    register_all();
    let arena = Arena::new();
    let mut t = Trace::new(&arena, TraceKind::Loop);
    let i0 = t.add_input(Type::Int);
    t.emit(Opcode::IntAdd, Type::Int, &[i0, Operand::Op(5)], Descr::None);
    t.emit(Opcode::Finish, Type::Void, &[], Descr::None);
    assert!(t.verify().unwrap_err().contains("before it is defined"));
}
