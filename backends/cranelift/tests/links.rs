//! Direct linking: an exit whose link cell holds another trace's entry
//! counts itself there and enters that code with the same buffer, without
//! returning to the driver; with an empty cell it returns its exit code.

mod common;
use common::*;
use kiln::backend::{CompileInfo, CompiledCode, Exit, GuardExit, LinkCell, Links};
use kiln::ir::{parse, Arena, Operand, TraceKind};
use std::rc::Rc;

fn compile_with(backend: &mut kiln_cranelift::CraneliftBackend, text: &str, guards: Vec<GuardExit>, links: Links) -> Rc<kiln_cranelift::CraneliftCode> {
    let arena = Arena::new();
    let t = parse::parse(&arena, TraceKind::Loop, text).unwrap();
    let flag = Box::leak(Box::new(0u64));
    let info = CompileInfo { trace_id: 0, guards, invalidated_flag: flag, links };
    backend.compile_trace(&t, &info).unwrap()
}

fn run(code: &dyn CompiledCode, buf: &mut [u64]) -> Exit {
    Exit::decode(unsafe { code.run(kiln::ctx::ctx_ptr(), buf.as_mut_ptr()) })
}

#[test]
fn a_guard_enters_its_linked_bridge_and_counts() {
    setup();
    let mut backend = kiln_cranelift::CraneliftBackend::new().unwrap();
    // The "bridge": gets the guard's fail arguments (i0 + 1, i0) as inputs.
    let bridge = compile_with(&mut backend, "[i0, i1]\ni2 = int_mul(i0, 100)\ni3 = int_add(i2, i1)\nfinish(i3)", vec![], Links::default());
    assert_ne!(bridge.link_entry(), 0);
    let cell = Box::<LinkCell>::default();
    let links = Links { guards: vec![&*cell as *const LinkCell as usize], jump: 0 };
    let guard = GuardExit { id: 42, fail_args: vec![Operand::Op(1), Operand::Op(0)] };
    let loop_ = compile_with(&mut backend, "[i0]\ni1 = int_add(i0, 1)\ni2 = int_lt(i0, 10)\nguard_true(i2) [0,0: i0]\nfinish(i1)", vec![guard], links);

    // Unlinked: the guard returns its id with its fail arguments.
    let mut buf = [20u64, 0, 0];
    assert_eq!(run(&*loop_, &mut buf), Exit::Guard(42));
    assert_eq!(&buf[..2], &[21, 20]);
    assert_eq!(cell.count.get(), 0);

    // Linked: the bridge runs on the same buffer and its exit is the result.
    cell.entry.set(bridge.link_entry());
    let mut buf = [20u64, 0, 0];
    assert_eq!(run(&*loop_, &mut buf), Exit::Finish);
    assert_eq!(buf[0], 21 * 100 + 20);
    assert_eq!(cell.count.get(), 1);

    // A passing guard never looks at the cell.
    let mut buf = [3u64, 0, 0];
    assert_eq!(run(&*loop_, &mut buf), Exit::Finish);
    assert_eq!((buf[0], cell.count.get()), (4, 1));

    // Cleared again (the bridge was evicted): back to the exit code.
    cell.entry.set(0);
    let mut buf = [20u64, 0, 0];
    assert_eq!(run(&*loop_, &mut buf), Exit::Guard(42));
}

#[test]
fn a_jump_to_another_loop_enters_it_directly_many_times_without_growing_the_stack() {
    setup();
    let mut backend = kiln_cranelift::CraneliftBackend::new().unwrap();
    // Two traces that jump to each other until the counter runs out: a
    // million transitions would overflow the stack unless they are tail calls.
    let cell_a = Box::<LinkCell>::default();
    let cell_b = Box::<LinkCell>::default();
    let b_guard = GuardExit { id: 7, fail_args: vec![Operand::Op(0)] };
    let b = compile_with(
        &mut backend,
        "[i0]\ni1 = int_gt(i0, 0)\nguard_true(i1) [0,0: i0]\ni2 = int_sub(i0, 1)\njump(i2, descr=loop1)",
        vec![b_guard],
        Links { guards: vec![0], jump: &*cell_a as *const LinkCell as usize },
    );
    let a = compile_with(&mut backend, "[i0]\ni1 = int_sub(i0, 1)\njump(i1, descr=loop2)", vec![], Links { guards: vec![], jump: &*cell_b as *const LinkCell as usize });
    cell_a.entry.set(a.link_entry());
    cell_b.entry.set(b.link_entry());
    let mut buf = [2_000_001u64];
    // a: 2_000_001 -> b: 2_000_000 > 0 -> a: 1_999_999 -> ... -> b: 0 fails.
    assert_eq!(run(&*a, &mut buf), Exit::Guard(7));
    assert_eq!(buf[0], 0);
    assert_eq!((cell_a.count.get(), cell_b.count.get()), (1_000_000, 1_000_001));

    // Unlinked jumps return to the driver with the jump's values.
    cell_b.entry.set(0);
    let mut buf = [10u64];
    assert_eq!(run(&*a, &mut buf), Exit::Jump(2));
    assert_eq!(buf[0], 9);
}

#[test]
fn guards_storing_the_same_values_share_an_exit_but_keep_their_codes_and_cells() {
    setup();
    let mut backend = kiln_cranelift::CraneliftBackend::new().unwrap();
    let bridge = compile_with(&mut backend, "[i0, i1]\ni2 = int_mul(i0, 100)\ni3 = int_add(i2, i1)\nfinish(i3)", vec![], Links::default());
    let (a, b) = (Box::<LinkCell>::default(), Box::<LinkCell>::default());
    let links = Links { guards: vec![&*a as *const LinkCell as usize, &*b as *const LinkCell as usize], jump: 0 };
    let same = vec![Operand::Op(1), Operand::Op(0)];
    let guards = vec![GuardExit { id: 7, fail_args: same.clone() }, GuardExit { id: 8, fail_args: same }];
    let text = "[i0]\ni1 = int_add(i0, 1)\ni2 = int_lt(i0, 10)\nguard_true(i2) [0,0: i0]\ni3 = int_ne(i0, 7)\nguard_true(i3) [0,1: i0]\nfinish(i1)";
    let code = compile_with(&mut backend, text, guards, links);
    a.entry.set(bridge.link_entry());

    // The second guard fails: its own code, its own (empty) cell.
    let mut buf = [7u64, 0, 0];
    assert_eq!(run(&*code, &mut buf), Exit::Guard(8));
    assert_eq!(&buf[..2], &[8, 7]);
    // The first fails: its cell is linked, so the bridge runs.
    let mut buf = [20u64, 0, 0];
    assert_eq!(run(&*code, &mut buf), Exit::Finish);
    assert_eq!(buf[0], 21 * 100 + 20);
    assert_eq!((a.count.get(), b.count.get()), (1, 0));
    // Linking the second counts in its own cell.
    b.entry.set(bridge.link_entry());
    let mut buf = [7u64, 0, 0];
    assert_eq!(run(&*code, &mut buf), Exit::Finish);
    assert_eq!(buf[0], 8 * 100 + 7);
    assert_eq!((a.count.get(), b.count.get()), (1, 1));
}

#[test]
fn unlinkable_guards_storing_the_same_values_report_their_own_codes() {
    setup();
    let mut backend = kiln_cranelift::CraneliftBackend::new().unwrap();
    let same = vec![Operand::Op(1), Operand::Op(0)];
    let guards = vec![GuardExit { id: 3, fail_args: same.clone() }, GuardExit { id: 4, fail_args: same.clone() }, GuardExit { id: 5, fail_args: same }];
    let text = "[i0]\ni1 = int_add(i0, 1)\ni2 = int_lt(i0, 10)\nguard_true(i2) [0,0: i0]\ni3 = int_ne(i0, 7)\nguard_true(i3) [0,1: i0]\ni4 = int_ne(i0, 5)\nguard_true(i4) [0,2: i0]\nfinish(i1)";
    let code = compile_with(&mut backend, text, guards, Links::default());
    for (input, exit) in [(20u64, Exit::Guard(3)), (7, Exit::Guard(4)), (5, Exit::Guard(5)), (2, Exit::Finish)] {
        let mut buf = [input, 0, 0];
        assert_eq!(run(&*code, &mut buf), exit, "input {input}");
        assert_eq!(buf[0], input + 1);
    }
}

#[test]
fn a_run_of_guards_storing_the_same_values_stores_them_once() {
    setup();
    let mut backend = kiln_cranelift::CraneliftBackend::new().unwrap();
    // 40 guards that store the same 8 values, and 40 that each store
    // different ones: the first trace's exits are shared.
    let build = |same: bool| {
        let mut text = String::from("[i0, i1, i2, i3, i4, i5, i6, i7]\n");
        let mut guards = Vec::new();
        for g in 0..40 {
            text.push_str(&format!("i{} = int_ne(i0, {g})\nguard_true(i{}) [0,{g}: i0, i1, i2, i3, i4, i5, i6, i7]\n", 8 + g, 8 + g));
            let mut values: Vec<Operand> = (0..8).map(Operand::Op).collect();
            if !same {
                values.rotate_left(g as usize % 8);
                values.push(Operand::Op(8 + 2 * g));
            }
            guards.push(GuardExit { id: g, fail_args: values });
        }
        text.push_str("finish(i0)");
        (text, guards)
    };
    let (text, guards) = build(true);
    let shared = compile_with(&mut backend, &text, guards, Links::default());
    let (text, guards) = build(false);
    let separate = compile_with(&mut backend, &text, guards, Links::default());
    assert!(shared.code_size() * 3 < separate.code_size(), "shared {} bytes, separate {}", shared.code_size(), separate.code_size());
    let mut buf = [17u64, 1, 2, 3, 4, 5, 6, 7];
    assert_eq!(run(&*shared, &mut buf), Exit::Guard(17));
    assert_eq!(buf, [17, 1, 2, 3, 4, 5, 6, 7]);
}
