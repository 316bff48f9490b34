//! Field and array loads and stores of every MemKind, allocation with
//! `new` / `new_array`, the Wasm backend against the evaluator (memory contents
//! are compared after both runs).

use crate::harness::*;
use kiln::backend::Exit;

const FIELDS: &[&str] = &["i8", "u8", "i16", "u16", "i32", "u32", "i64", "f64", "word", "ref"];
const ARRAYS: &[&str] = &["a_i8", "a_u8", "a_i16", "a_u16", "a_i32", "a_u32", "a_i64", "a_f64", "a_word", "a_ref", "a_pair_hi"];

fn ty_of(kind: &str) -> char {
    match kind.trim_start_matches("a_") {
        "f64" => 'f',
        "ref" => 'r',
        _ => 'i',
    }
}

/// Values that exercise sign and zero extension and truncation.
const VALUES: &[u64] =
    &[0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_2345_6789, u64::MAX, 0x8000_0000_0000_0000];

pub fn field_store_then_load_every_kind() {
    for k in FIELDS {
        let t = ty_of(k);
        let text = format!("[r0, {t}1]\nsetfield(r0, {t}1, descr=Obj.{k})\n{t}2 = getfield(r0, descr=Obj.{k})\ni3 = getfield(r0, descr=Obj.i64)\nfinish({t}2, i3)");
        let p = compile(&text);
        for &v in VALUES {
            let obj = new_obj();
            p.check(&Env::new(&[obj as u64, v]).with_objects(&[obj]));
        }
    }
}

pub fn field_loads_extend_correctly() {
    // Fill the object with a byte pattern, then load every field.
    let obj = new_obj();
    let base = obj + HEADER_SIZE;
    for i in 0..(std::mem::size_of::<Obj>() - HEADER_SIZE) {
        unsafe { *((base + i) as *mut u8) = 0x80 | (i * 7) as u8 };
    }
    let mut text = String::from("[r0]\n");
    let mut outs = Vec::new();
    for (n, k) in FIELDS.iter().enumerate() {
        let t = ty_of(k);
        text.push_str(&format!("{t}{} = getfield(r0, descr=Obj.{k})\n", n + 1));
        outs.push(format!("{t}{}", n + 1));
    }
    text.push_str(&format!("finish({})", outs.join(", ")));
    let (_, vals) = compile(&text).outcome(&Env::new(&[obj as u64]).with_objects(&[obj]));
    let o = unsafe { &*(obj as *const Obj) };
    assert_eq!(vals[0], o.i8_ as i64 as u64);
    assert!((vals[0] as i64) < 0, "i8 sign-extends");
    assert_eq!(vals[1], o.u8_ as u64);
    assert_eq!(vals[2], o.i16_ as i64 as u64);
    assert_eq!(vals[3], o.u16_ as u64);
    assert_eq!(vals[4], o.i32_ as i64 as u64);
    assert_eq!(vals[5], o.u32_ as u64);
    assert_eq!(vals[6], o.i64_ as u64);
}

pub fn narrow_stores_truncate_and_leave_neighbours() {
    let p = compile(
        "[r0, i1]
setfield(r0, i1, descr=Obj.i8)
setfield(r0, i1, descr=Obj.u16)
setfield(r0, i1, descr=Obj.i32)
setfield(r0, i1, descr=Obj.word)
finish()",
    );
    for &v in VALUES {
        let obj = new_obj();
        unsafe { std::ptr::write_bytes((obj + HEADER_SIZE) as *mut u8, 0xA5, std::mem::size_of::<Obj>() - HEADER_SIZE) };
        p.check(&Env::new(&[obj as u64, v]).with_objects(&[obj]));
    }
}

pub fn float_values_through_int_fields_and_back() {
    // A float stored in an i64 field keeps its bits; an int stored in an f64
    // field is its bit pattern.
    let p = compile(
        "[r0, f1, i2]
setfield(r0, f1, descr=Obj.i64)
setfield(r0, i2, descr=Obj.f64)
setfield(r0, f1, descr=Obj.u32)
f3 = getfield(r0, descr=Obj.f64)
i4 = getfield(r0, descr=Obj.i64)
finish(f3, i4)",
    );
    for &x in FLOATS {
        let obj = new_obj();
        p.check(&Env::new(&[obj as u64, f(x), f(-x) ^ 7]).with_objects(&[obj]));
    }
}

pub fn array_items_every_kind_variable_and_constant_index() {
    for a in ARRAYS {
        let t = ty_of(a);
        let text = format!(
            "[r0, i1, {t}2]
setarrayitem(r0, i1, {t}2, descr={a})
{t}3 = getarrayitem(r0, i1, descr={a})
setarrayitem(r0, 2, {t}2, descr={a})
{t}4 = getarrayitem(r0, 2, descr={a})
i5 = int_add(i1, 1)
{t}6 = getarrayitem(r0, i5, descr={a})
finish({t}3, {t}4, {t}6)"
        );
        let p = compile(&text);
        for idx in [0u64, 1, 3, 5] {
            for &v in VALUES {
                let arr = new_bytes(128);
                for i in 0..128 {
                    unsafe { *((arr + ARRAY_BASE + i) as *mut u8) = (i * 37) as u8 };
                }
                p.check(&Env::new(&[arr as u64, idx, v]).with_objects(&[arr]));
            }
        }
    }
}

pub fn negative_and_large_indices_wrap_like_the_evaluator() {
    // Addresses are computed with wrapping arithmetic: index -1 of an array
    // whose items start past a pointer is the word before them.
    let arr = new_bytes(64);
    let p = compile("[r0, i1]\ni2 = getarrayitem(r0, i1, descr=a_i64)\ni3 = getarrayitem(r0, -1, descr=a_i64)\nfinish(i2, i3)");
    let (_, v) = p.outcome(&Env::new(&[arr as u64, -1i64 as u64]).with_objects(&[arr]));
    assert_eq!(v, vec![64, 64], "item -1 is the length word");
}

pub fn new_allocates_typed_zeroed_objects() {
    let p = compile(
        "[i0, f1]
r2 = new(descr=Obj)
guard_class(r2, descr=Obj) [0,0: i0]
guard_nonnull(r2) [0,0: i0]
setfield(r2, i0, descr=Obj.i16)
setfield(r2, f1, descr=Obj.f64)
i3 = getfield(r2, descr=Obj.i16)
f4 = getfield(r2, descr=Obj.f64)
i5 = getfield(r2, descr=Obj.u32)
r6 = new(descr=Obj)
i7 = ptr_eq(r2, r6)
finish(r2, i3, f4, i5, i7)",
    );
    for &v in INTS {
        let (exit, vals) = p.outcome(&Env::new(&[v as u64, f(1.5)]));
        assert_eq!(exit, Exit::Finish);
        assert_eq!(vals[1], v as i16 as i64 as u64);
        assert_eq!(vals[3], 0);
        assert_eq!(vals[4], 0);
        assert_eq!(unsafe { kiln::gc::type_of(vals[0] as usize) }.name, "Obj");
    }
}

pub fn new_array_sets_length_and_items() {
    let p = compile(
        "[i0, i1]
r2 = new_array(i0, descr=Words)
i3 = getfield(r2, descr=Array.len)
setarrayitem(r2, 0, i1, descr=a_i64)
i4 = int_sub(i0, 1)
setarrayitem(r2, i4, i1, descr=a_i64)
i5 = getarrayitem(r2, i4, descr=a_i64)
r6 = new_array(3, descr=Bytes)
setarrayitem(r6, 2, i1, descr=a_u8)
i7 = getarrayitem(r6, 2, descr=a_i8)
i8 = getfield(r6, descr=Array.len)
guard_class(r6, descr=Bytes) [0,0: i0]
finish(r2, i3, i5, r6, i7, i8)",
    );
    for n in [1u64, 2, 10, 100] {
        let (exit, vals) = p.outcome(&Env::new(&[n, 0xF0F1]));
        assert_eq!(exit, Exit::Finish);
        assert_eq!(vals[1], n);
        assert_eq!(vals[2], 0xF0F1);
        assert_eq!(vals[4], 0xF1u8 as i8 as i64 as u64);
        assert_eq!(vals[5], 3);
    }
}

pub fn loads_see_stores_and_calls_that_write() {
    // A residual call that writes memory between a store and a load: the
    // load must not be forwarded from the store.
    let obj = new_obj();
    let p = compile(
        "[r0, i1]
setfield(r0, i1, descr=Obj.i64)
i2 = getfield(r0, descr=Obj.i64)
i3 = call(r0, 99, descr=store_i64)
i4 = getfield(r0, descr=Obj.i64)
finish(i2, i4)",
    );
    let (_, v) = p.outcome(&Env::new(&[obj as u64, 5]).with_objects(&[obj]));
    assert_eq!(v, vec![5, 99]);
}

/// The cases of this file, by name.
pub const CASES: &[(&str, fn())] = &[
    ("memory::field_store_then_load_every_kind", field_store_then_load_every_kind),
    ("memory::field_loads_extend_correctly", field_loads_extend_correctly),
    ("memory::narrow_stores_truncate_and_leave_neighbours", narrow_stores_truncate_and_leave_neighbours),
    ("memory::float_values_through_int_fields_and_back", float_values_through_int_fields_and_back),
    ("memory::array_items_every_kind_variable_and_constant_index", array_items_every_kind_variable_and_constant_index),
    ("memory::negative_and_large_indices_wrap_like_the_evaluator", negative_and_large_indices_wrap_like_the_evaluator),
    ("memory::new_allocates_typed_zeroed_objects", new_allocates_typed_zeroed_objects),
    ("memory::new_array_sets_length_and_items", new_array_sets_length_and_items),
    ("memory::loads_see_stores_and_calls_that_write", loads_see_stores_and_calls_that_write),
];
