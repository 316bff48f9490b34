//! Field descriptors for the memory that traces read and write directly:
//! instance attributes, list and tuple items, iterator state, cells, dict
//! entries, type versions.
//!
//! Objects are Rust values (`Obj` with a `Kind` enum payload; `Vec` and
//! boxed slices inside). Rust fixes, but does not document, where an enum
//! variant's payload or a `Vec`'s pointer and length lie, so they are found
//! once at start-up by building sample values and measuring addresses. The
//! descriptors are then exact for this build, on every target.

use crate::object::{Instance, IterKind, Kind, Map, Obj, TypeData, ValueVec, VALUE_ARRAY_ITEMS};
use crate::runtime::dict::Dict;
use crate::value::{ObjRef, Value};
use kiln::ir::{ArrayDescr, FieldDescr, MemKind};
use std::sync::OnceLock;

/// All descriptors (see the module documentation).
pub struct Layouts {
    /// `Kind::Instance`: the map, the values' array object and length.
    pub inst_map: &'static FieldDescr,
    pub inst_values_arr: &'static FieldDescr,
    pub inst_values_len: &'static FieldDescr,
    /// `Kind::List`: the items' pointer and length.
    pub list_ptr: &'static FieldDescr,
    pub list_len: &'static FieldDescr,
    /// `Kind::Tuple`: the items' pointer and length (immutable).
    pub tuple_ptr: &'static FieldDescr,
    pub tuple_len: &'static FieldDescr,
    /// `Kind::Iter`: the boxed iterator state.
    pub iter_box: &'static FieldDescr,
    /// `IterKind::Range` fields, relative to the boxed state.
    pub range_next: &'static FieldDescr,
    pub range_stop: &'static FieldDescr,
    pub range_step: &'static FieldDescr,
    /// `IterKind::Seq` fields, relative to the boxed state.
    pub seq_tag: &'static FieldDescr,
    pub seq_payload: &'static FieldDescr,
    pub seq_index: &'static FieldDescr,
    /// `IterKind::Enumerate` fields, relative to the boxed state.
    pub enum_it_tag: &'static FieldDescr,
    pub enum_it_payload: &'static FieldDescr,
    pub enum_count_tag: &'static FieldDescr,
    pub enum_count_payload: &'static FieldDescr,
    /// `Kind::Cell`: the value.
    pub cell_tag: &'static FieldDescr,
    pub cell_payload: &'static FieldDescr,
    /// `Kind::Type`: the boxed type data, and its version (quasi-immutable).
    pub type_box: &'static FieldDescr,
    pub type_version: &'static FieldDescr,
    /// `Kind::Dict`: the boxed dict; in it, the entries' pointer, and the
    /// version (quasi-immutable for watched dicts).
    pub dict_box: &'static FieldDescr,
    pub dict_entries_ptr: &'static FieldDescr,
    pub dict_version: &'static FieldDescr,
    /// A dict entry's value (tag and payload) in the entry array.
    pub entry_tag: &'static ArrayDescr,
    pub entry_payload: &'static ArrayDescr,
}

/// Items of a `ValueArray` object: tag and payload words.
pub static ARR_VALUE_TAG: ArrayDescr = ArrayDescr::new("py.values[].tag", VALUE_ARRAY_ITEMS, 16, MemKind::I64);
pub static ARR_VALUE_PAYLOAD: ArrayDescr = ArrayDescr::new("py.values[].payload", VALUE_ARRAY_ITEMS + 8, 16, MemKind::I64);

/// Items of a `[Value]` array: tag and payload words.
pub static VALUE_TAG: ArrayDescr = ArrayDescr::new("py.value[].tag", 0, 16, MemKind::I64);
pub static VALUE_PAYLOAD: ArrayDescr = ArrayDescr::new("py.value[].payload", 8, 16, MemKind::I64);

fn leak_field(name: &'static str, offset: usize, kind: MemKind, immutable: bool) -> &'static FieldDescr {
    let d = FieldDescr::new(name, offset, kind);
    Box::leak(Box::new(if immutable { d.immutable() } else { d }))
}

fn quasi(name: &'static str, offset: usize, kind: MemKind) -> &'static FieldDescr {
    Box::leak(Box::new(FieldDescr::new(name, offset, kind).quasi_immutable()))
}

fn addr<T>(r: &T) -> usize {
    r as *const T as usize
}

/// Position of the word holding `needle` among the first words of `v`.
fn word_position<T>(v: &T, needle: usize) -> usize {
    let n = std::mem::size_of::<T>() / std::mem::size_of::<usize>();
    let words = addr(v) as *const usize;
    for i in 0..n {
        // SAFETY: reading the words of a live value of size n words.
        if unsafe { *words.add(i) } == needle {
            return i * std::mem::size_of::<usize>();
        }
    }
    panic!("layout discovery: value {needle:#x} not found in a {}-word {}", n, std::any::type_name::<T>());
}

/// (pointer offset, length offset) inside a `Vec<T>`.
fn vec_layout<T: Default + Clone>() -> (usize, usize) {
    let mut v: Vec<T> = Vec::with_capacity(23);
    v.resize(17, T::default());
    (word_position(&v, v.as_ptr() as usize), word_position(&v, 17))
}

/// (pointer offset, length offset) inside a `Box<[T]>`.
fn boxed_slice_layout<T: Default + Clone>() -> (usize, usize) {
    let b: Box<[T]> = vec![T::default(); 19].into_boxed_slice();
    (word_position(&b, b.as_ptr() as usize), word_position(&b, 19))
}

fn sample(kind: Kind) -> Box<Obj> {
    // Not a heap object: only addresses inside it are measured.
    let header = kiln::gc::GcHeader { ty: &crate::object::OBJ_TYPE, flags: 0 };
    Box::new(Obj { header, class: ObjRef(8), kind })
}

fn discover() -> Layouts {
    let word = MemKind::Word;
    let (vec_ptr, vec_len) = vec_layout::<Value>();
    let (bs_ptr, bs_len) = boxed_slice_layout::<Value>();

    let inst = sample(Kind::Instance(Instance { map: Map::empty(), values: ValueVec::EMPTY, base: Value::NULL, exc: None }));
    let Kind::Instance(i) = &inst.kind else { unreachable!() };
    let inst_at = addr(i) - addr(&*inst);
    let values_at = inst_at + std::mem::offset_of!(Instance, values);

    let list = sample(Kind::List(Vec::new()));
    let Kind::List(l) = &list.kind else { unreachable!() };
    let list_at = addr(l) - addr(&*list);

    let tuple = sample(Kind::Tuple(Box::new([])));
    let Kind::Tuple(t) = &tuple.kind else { unreachable!() };
    let tuple_at = addr(t) - addr(&*tuple);

    let it = sample(Kind::Iter(Box::new(IterKind::Range { next: 0, stop: 0, step: 1 })));
    let Kind::Iter(b) = &it.kind else { unreachable!() };
    let iter_box_at = addr(b) - addr(&*it);
    let IterKind::Range { next, stop, step } = &**b else { unreachable!() };
    let state = addr(&**b);
    let (r_next, r_stop, r_step) = (addr(next) - state, addr(stop) - state, addr(step) - state);
    let seq_state = Box::new(IterKind::Seq { seq: Value::NULL, index: 0 });
    let IterKind::Seq { seq, index } = &*seq_state else { unreachable!() };
    let seq_base = addr(&*seq_state);
    let (s_seq, s_index) = (addr(seq) - seq_base, addr(index) - seq_base);

    let enum_state = Box::new(IterKind::Enumerate { it: Value::NULL, count: Value::NULL });
    let IterKind::Enumerate { it: e_it, count: e_count } = &*enum_state else { unreachable!() };
    let enum_base = addr(&*enum_state);
    let (e_it, e_count) = (addr(e_it) - enum_base, addr(e_count) - enum_base);

    let cell = sample(Kind::Cell(Value::NULL));
    let Kind::Cell(c) = &cell.kind else { unreachable!() };
    let cell_at = addr(c) - addr(&*cell);

    let ty = sample(Kind::Type(Box::new(TypeData::placeholder())));
    let Kind::Type(tb) = &ty.kind else { unreachable!() };
    let type_box_at = addr(tb) - addr(&*ty);

    let dict = sample(Kind::Dict(Box::new(Dict::new())));
    let Kind::Dict(db) = &dict.kind else { unreachable!() };
    let dict_box_at = addr(db) - addr(&*dict);
    let entries_at = Dict::entries_offset() + vec_ptr;
    let (entry_size, entry_value_at) = Dict::entry_layout();

    Layouts {
        // Maps are not GC objects: a plain word (never a GC root).
        inst_map: leak_field("py.instance.map", inst_at + std::mem::offset_of!(Instance, map), MemKind::Word, false),
        inst_values_arr: leak_field("py.instance.values.arr", values_at + std::mem::offset_of!(ValueVec, arr), MemKind::Ref, false),
        inst_values_len: leak_field("py.instance.values.len", values_at + std::mem::offset_of!(ValueVec, len), word, false),
        list_ptr: leak_field("py.list.ptr", list_at + vec_ptr, word, false),
        list_len: leak_field("py.list.len", list_at + vec_len, word, false),
        tuple_ptr: leak_field("py.tuple.ptr", tuple_at + bs_ptr, word, true),
        tuple_len: leak_field("py.tuple.len", tuple_at + bs_len, word, true),
        iter_box: leak_field("py.iter.state", iter_box_at, word, true),
        range_next: leak_field("py.range_iter.next", r_next, MemKind::I64, false),
        range_stop: leak_field("py.range_iter.stop", r_stop, MemKind::I64, true),
        range_step: leak_field("py.range_iter.step", r_step, MemKind::I64, true),
        seq_tag: leak_field("py.seq_iter.seq.tag", s_seq, MemKind::I64, true),
        seq_payload: leak_field("py.seq_iter.seq.payload", s_seq + 8, MemKind::I64, true),
        seq_index: leak_field("py.seq_iter.index", s_index, word, false),
        enum_it_tag: leak_field("py.enumerate.it.tag", e_it, MemKind::I64, true),
        enum_it_payload: leak_field("py.enumerate.it.payload", e_it + 8, MemKind::I64, true),
        enum_count_tag: leak_field("py.enumerate.count.tag", e_count, MemKind::I64, false),
        enum_count_payload: leak_field("py.enumerate.count.payload", e_count + 8, MemKind::I64, false),
        cell_tag: leak_field("py.cell.tag", cell_at, MemKind::I64, false),
        cell_payload: leak_field("py.cell.payload", cell_at + 8, MemKind::I64, false),
        type_box: leak_field("py.type.data", type_box_at, word, true),
        type_version: quasi("py.type.version", std::mem::offset_of!(TypeData, version), MemKind::I64),
        dict_box: leak_field("py.dict.data", dict_box_at, word, true),
        dict_entries_ptr: leak_field("py.dict.entries.ptr", entries_at, word, false),
        dict_version: quasi("py.dict.version", Dict::version_offset(), MemKind::I64),
        entry_tag: Box::leak(Box::new(ArrayDescr::new("py.dict.entry.tag", entry_value_at, entry_size, MemKind::I64))),
        entry_payload: Box::leak(Box::new(ArrayDescr::new("py.dict.entry.payload", entry_value_at + 8, entry_size, MemKind::I64))),
    }
}

/// `Kind::Function`: the boxed function data and, in it, the code and the
/// globals (all immutable).
pub struct FunctionFields {
    pub data: &'static FieldDescr,
    pub code: &'static FieldDescr,
    pub globals: &'static FieldDescr,
}

/// The function descriptors, measured on `sample` (any function object:
/// making one here would need a code object) the first time.
pub fn function_fields(sample: ObjRef) -> &'static FunctionFields {
    static F: OnceLock<FunctionFields> = OnceLock::new();
    F.get_or_init(|| {
        let Kind::Function(b) = &sample.get().kind else { panic!("function_fields: not a function") };
        let data_at = addr(b) - sample.0;
        FunctionFields {
            data: leak_field("py.function.data", data_at, MemKind::Word, true),
            code: leak_field("py.function.code", std::mem::offset_of!(crate::object::Function, code), MemKind::Word, true),
            globals: leak_field("py.function.globals", std::mem::offset_of!(crate::object::Function, globals), MemKind::Word, true),
        }
    })
}

/// The descriptors (discovered on first use).
pub fn layouts() -> &'static Layouts {
    static L: OnceLock<Layouts> = OnceLock::new();
    L.get_or_init(discover)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_read_what_rust_wrote() {
        let l = layouts();
        let mut values = ValueVec::with_capacity(9);
        values.push(Value::int(5));
        values.push(Value::int(6));
        let inst = sample(Kind::Instance(Instance { map: Map::empty(), values, base: Value::NULL, exc: None }));
        let a = addr(&*inst);
        // SAFETY: reading fields of a live object at their discovered offsets.
        unsafe {
            assert_eq!(l.inst_map.kind.load(a + l.inst_map.offset as usize) as usize, Map::empty() as *const Map as usize);
            assert_eq!(l.inst_values_len.kind.load(a + l.inst_values_len.offset as usize), 2);
            let p = l.inst_values_arr.kind.load(a + l.inst_values_arr.offset as usize) as usize;
            assert_eq!(*((p + ARR_VALUE_PAYLOAD.offset as usize + 16) as *const u64), 6);
        }
        let list = sample(Kind::List(vec![Value::int(1), Value::int(2), Value::int(3)]));
        let a = addr(&*list);
        unsafe {
            assert_eq!(l.list_len.kind.load(a + l.list_len.offset as usize), 3);
        }
        let it = sample(Kind::Iter(Box::new(IterKind::Range { next: 4, stop: 40, step: 3 })));
        let a = addr(&*it);
        unsafe {
            let s = l.iter_box.kind.load(a + l.iter_box.offset as usize) as usize;
            assert_eq!(l.range_next.kind.load(s + l.range_next.offset as usize), 4);
            assert_eq!(l.range_stop.kind.load(s + l.range_stop.offset as usize), 40);
            assert_eq!(l.range_step.kind.load(s + l.range_step.offset as usize), 3);
        }
    }
}
