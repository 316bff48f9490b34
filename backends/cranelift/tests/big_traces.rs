//! Traces over `Config::big_trace` ops are compiled with the one-pass
//! register allocator: the same behaviour, guard exits included.

use kiln::backend::{Backend, CompileInfo, Exit, GuardExit, Links};
use kiln::ir::{parse, Arena, Operand, TraceKind};
use kiln_cranelift::{CraneliftBackend, Config};

const LOOP: &str = "[i0, i1, f2]
label(i0, i1, f2)
i3 = int_add(i0, 1)
i4 = int_mul(i1, 3)
i5 = int_and(i4, 1023)
f6 = cast_int_to_float(i5)
f7 = float_add(f2, f6)
i8 = int_lt(i3, 1000)
guard_true(i8) [0,0: i3, i5, f7]
jump(i3, i5, f7, descr=self)";

fn run(config: &Config) -> (Exit, Vec<u64>) {
    let arena = Arena::new();
    let t = parse::parse(&arena, TraceKind::Loop, LOOP).unwrap();
    let flag = 0u64;
    let guards = vec![GuardExit { id: 9, fail_args: vec![Operand::Op(4), Operand::Op(6), Operand::Op(8)] }];
    let info = CompileInfo { trace_id: 0, guards, invalidated_flag: &flag, links: Links::default() };
    let code = CraneliftBackend::with_config(config).unwrap().compile(&t, &info).unwrap();
    let mut buf = vec![0u64, 7, 0.5f64.to_bits()];
    let exit = Exit::decode(unsafe { code.run(kiln::ctx::ctx_ptr(), buf.as_mut_ptr()) });
    (exit, buf)
}

#[test]
fn the_one_pass_allocator_compiles_the_same_behaviour() {
    let small = run(&Config { verify: true, ..Config::default() });
    let big = run(&Config { verify: true, big_trace: 0, ..Config::default() });
    assert_eq!(small.0, Exit::Guard(9));
    assert_eq!(small.1[0], 1000);
    assert_eq!(small, big);
}
