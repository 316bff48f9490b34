//! Type objects: the built-in types and exception classes, class creation
//! with the C3 method resolution order, and version tags for lookups.

use super::*;
use crate::object::{Layout, TypeData};

macro_rules! types_struct {
    ($($f:ident),* $(,)?) => {
        /// The built-in types of this VM.
        pub struct Types { $(pub $f: ObjRef,)* pub ellipsis_obj: Value, pub not_implemented_obj: Value }
        impl Types {
            pub fn placeholder() -> Types { Types { $($f: ObjRef(0),)* ellipsis_obj: Value::NONE, not_implemented_obj: Value::NONE } }
            pub fn trace(&self, t: &mut kiln::gc::Tracer) { $(t.mark(self.$f.0);)* mark(t, self.ellipsis_obj); mark(t, self.not_implemented_obj); }
        }
    };
}

types_struct!(
    object, type_, int, bool_, float, str_, bytes, bytearray, list, tuple, dict, set, frozenset, range, slice, none_type,
    function, builtin_function, method, cell, module, code, generator, iterator, property, staticmethod, classmethod, super_,
    deque, file, partial, itemgetter, attrgetter, methodcaller, lru_wrapper, random, dict_keys, dict_values, dict_items,
    not_implemented_type, ellipsis_type, defaultdict, counter, ordereddict, complex,
    base_exception, system_exit, keyboard_interrupt, generator_exit, exception, stop_iteration, arithmetic_error,
    zero_division_error, overflow_error, assertion_error, attribute_error, lookup_error, index_error, key_error,
    name_error, unbound_local_error, runtime_error, recursion_error, not_implemented_error, type_error, value_error,
    unicode_error, unicode_decode_error, unicode_encode_error, import_error, module_not_found_error, os_error,
    file_not_found_error, eof_error, syntax_error, indentation_error, memory_error, floating_point_error,
    permission_error, is_a_directory_error, file_exists_error, warning, user_warning, deprecation_warning,
    stop_async_iteration, buffer_error, connection_error, timeout_error, reference_error, tab_error,
);

#[inline]
pub fn type_data(t: ObjRef) -> &'static mut TypeData {
    match &mut t.get().kind {
        Kind::Type(td) => td,
        _ => panic!("not a type object"),
    }
}

pub fn is_type(v: Value) -> bool {
    matches!(kind(v), Some(Kind::Type(_)))
}

/// Makes a type object. `dict` entries are added later.
pub fn make_type(name: &str, bases: &[ObjRef], layout: Layout, builtin: bool) -> ObjRef {
    let vm = vm();
    let dict = new_dict().objref();
    let meta = if vm.t.type_.0 == 0 { ObjRef(0) } else { vm.t.type_ };
    let td = TypeData {
        name: name.to_string(),
        qualname: name.to_string(),
        module: "builtins".into(),
        bases: bases.to_vec(),
        mro: vec![],
        dict,
        layout,
        version: 0,
        is_builtin: builtin,
        subclasses: vec![],
        cache: Default::default(),
        expected_attrs: 0,
    };
    let t = object::alloc(meta, Kind::Type(Box::new(td)));
    let mro = compute_mro(t, bases).unwrap_or_else(|_| vec![t]);
    let td = type_data(t);
    td.mro = mro;
    td.version = next_version();
    for b in bases {
        type_data(*b).subclasses.push(t);
    }
    t
}

pub fn next_version() -> u64 {
    let vm = vm();
    vm.type_versions += 1;
    vm.type_versions
}

/// The C3 linearization of a new class with `bases`.
pub fn compute_mro(t: ObjRef, bases: &[ObjRef]) -> Result<Vec<ObjRef>, String> {
    let mut seqs: Vec<Vec<ObjRef>> = bases.iter().map(|b| type_data(*b).mro.clone()).collect();
    seqs.push(bases.to_vec());
    let mut out = vec![t];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut found = None;
        for s in &seqs {
            let cand = s[0];
            if !seqs.iter().any(|o| o[1..].contains(&cand)) {
                found = Some(cand);
                break;
            }
        }
        match found {
            Some(c) => {
                out.push(c);
                for s in seqs.iter_mut() {
                    if s[0] == c {
                        s.remove(0);
                    }
                }
            }
            None => {
                let mut names: Vec<String> = vec![];
                for s in &seqs {
                    let n = type_data(s[0]).name.clone();
                    if !names.contains(&n) {
                        names.push(n);
                    }
                }
                return Err(format!("Cannot create a consistent method resolution\norder (MRO) for bases {}", names.join(", ")));
            }
        }
    }
}

/// Whether `t` is `base` or a subclass of it.
#[inline]
pub fn is_subtype(t: ObjRef, base: ObjRef) -> bool {
    t == base || type_data(t).mro.contains(&base)
}

pub fn isinstance(v: Value, t: ObjRef) -> bool {
    is_subtype(type_of(v), t)
}

/// Marks `t` and its subclasses as changed (their cached lookups are stale).
pub fn type_changed(t: ObjRef) {
    let td = type_data(t);
    td.version = next_version();
    td.cache.clear();
    // Traces that looked attributes up on this type depend on its version.
    kiln::quasi_immut_changed(td as *const crate::object::TypeData as usize, crate::interp::layout::layouts().type_version);
    let subs = td.subclasses.clone();
    for s in subs {
        type_changed(s);
    }
}

/// Looks `name` (interned) up along the MRO of `t`.
pub fn lookup(t: ObjRef, name: Value) -> Option<Value> {
    let td = type_data(t);
    let key = name.payload as usize;
    if let Some(v) = td.cache.get(&key) {
        return if v.is_null() { None } else { Some(*v) };
    }
    let mut found = Value::NULL;
    for c in td.mro.iter() {
        let d = as_dict(type_data(*c).dict.val()).expect("type dict");
        if let Some(v) = d.get_str(name) {
            found = v;
            break;
        }
    }
    td.cache.insert(key, found);
    if found.is_null() {
        None
    } else {
        Some(found)
    }
}

pub fn lookup_str(t: ObjRef, name: &'static str) -> Option<Value> {
    lookup(t, intern_static(name))
}

/// The layout that instances of a class with these bases use.
pub fn solid_layout(bases: &[ObjRef]) -> Layout {
    for b in bases {
        let l = type_data(*b).layout;
        if l != Layout::Object {
            return l;
        }
    }
    Layout::Object
}

fn set_attr(t: ObjRef, name: &str, v: Value) {
    let d = as_dict(type_data(t).dict.val()).expect("type dict");
    let _ = d.set(intern(name), v);
}

/// Creates the built-in types and exception classes.
pub fn init_types() {
    let vm = vm();
    // object and type first: `type`'s class is itself.
    let object = make_type("object", &[], Layout::Object, true);
    vm.t.object = object;
    let ty = make_type("type", &[object], Layout::Type, true);
    vm.t.type_ = ty;
    object.get().class = ty;
    ty.get().class = ty;
    // The dicts were made before `dict` existed: fix their classes below.
    let mk = |name: &str, layout: Layout| make_type(name, &[object], layout, true);
    let t = &mut vm.t;
    t.int = mk("int", Layout::Int);
    t.bool_ = make_type("bool", &[t.int], Layout::Bool, true);
    t.float = mk("float", Layout::Float);
    t.str_ = mk("str", Layout::Str);
    t.bytes = mk("bytes", Layout::Bytes);
    t.bytearray = mk("bytearray", Layout::ByteArray);
    t.list = mk("list", Layout::List);
    t.tuple = mk("tuple", Layout::Tuple);
    t.dict = mk("dict", Layout::Dict);
    t.set = mk("set", Layout::Set);
    t.frozenset = mk("frozenset", Layout::FrozenSet);
    t.range = mk("range", Layout::Other);
    t.slice = mk("slice", Layout::Other);
    t.none_type = mk("NoneType", Layout::NoneType);
    t.function = mk("function", Layout::Other);
    t.builtin_function = mk("builtin_function_or_method", Layout::Other);
    t.method = mk("method", Layout::Other);
    t.cell = mk("cell", Layout::Other);
    t.module = mk("module", Layout::Other);
    t.code = mk("code", Layout::Other);
    t.generator = mk("generator", Layout::Other);
    t.iterator = mk("iterator", Layout::Other);
    t.property = mk("property", Layout::Other);
    t.staticmethod = mk("staticmethod", Layout::Other);
    t.classmethod = mk("classmethod", Layout::Other);
    t.super_ = mk("super", Layout::Other);
    t.deque = mk("deque", Layout::Other);
    t.file = mk("TextIOWrapper", Layout::Other);
    t.partial = mk("partial", Layout::Other);
    t.itemgetter = mk("itemgetter", Layout::Other);
    t.attrgetter = mk("attrgetter", Layout::Other);
    t.methodcaller = mk("methodcaller", Layout::Other);
    t.lru_wrapper = mk("_lru_cache_wrapper", Layout::Other);
    t.random = mk("Random", Layout::Other);
    t.dict_keys = mk("dict_keys", Layout::Other);
    t.dict_values = mk("dict_values", Layout::Other);
    t.dict_items = mk("dict_items", Layout::Other);
    t.not_implemented_type = mk("NotImplementedType", Layout::Other);
    t.ellipsis_type = mk("ellipsis", Layout::Other);
    t.complex = mk("complex", Layout::Other);
    t.defaultdict = make_type("defaultdict", &[t.dict], Layout::Dict, true);
    t.counter = make_type("Counter", &[t.dict], Layout::Dict, true);
    t.ordereddict = make_type("OrderedDict", &[t.dict], Layout::Dict, true);
    for x in [t.defaultdict, t.counter, t.ordereddict] {
        type_data(x).module = "collections".into();
    }
    type_data(t.deque).module = "collections".into();
    // Every dict made so far (type dicts) gets its class.
    let dict_t = t.dict;
    let all: Vec<ObjRef> = vec![
        t.object, t.type_, t.int, t.bool_, t.float, t.str_, t.bytes, t.bytearray, t.list, t.tuple, t.dict, t.set, t.frozenset, t.range, t.slice,
        t.none_type, t.function, t.builtin_function, t.method, t.cell, t.module, t.code, t.generator, t.iterator, t.property, t.staticmethod,
        t.classmethod, t.super_, t.deque, t.file, t.partial, t.itemgetter, t.attrgetter, t.methodcaller, t.lru_wrapper, t.random, t.dict_keys,
        t.dict_values, t.dict_items, t.not_implemented_type, t.ellipsis_type, t.defaultdict, t.counter, t.ordereddict, t.complex,
    ];
    for x in &all {
        x.get().class = ty;
        type_data(*x).dict.get().class = dict_t;
    }
    t.ellipsis_obj = alloc(t.ellipsis_type, Kind::Ellipsis);
    t.not_implemented_obj = alloc(t.not_implemented_type, Kind::NotImplemented);
    // str objects made before `str` existed (interned names) get their class.
    let str_t = t.str_;
    for r in vm.interned.values() {
        r.get().class = str_t;
    }
    init_exceptions();
    let chars: Vec<Value> = (0u8..128).map(|b| new_string((b as char).to_string())).collect();
    vm.chars = chars;
}

fn exc_type(name: &str, base: ObjRef) -> ObjRef {
    
    make_type(name, &[base], Layout::Exception, true)
}

fn init_exceptions() {
    let vm = vm();
    let t = &mut vm.t;
    t.base_exception = make_type("BaseException", &[t.object], Layout::Exception, true);
    let be = t.base_exception;
    t.system_exit = exc_type("SystemExit", be);
    t.keyboard_interrupt = exc_type("KeyboardInterrupt", be);
    t.generator_exit = exc_type("GeneratorExit", be);
    t.exception = exc_type("Exception", be);
    let e = t.exception;
    t.stop_iteration = exc_type("StopIteration", e);
    t.stop_async_iteration = exc_type("StopAsyncIteration", e);
    t.arithmetic_error = exc_type("ArithmeticError", e);
    t.zero_division_error = exc_type("ZeroDivisionError", t.arithmetic_error);
    t.overflow_error = exc_type("OverflowError", t.arithmetic_error);
    t.floating_point_error = exc_type("FloatingPointError", t.arithmetic_error);
    t.assertion_error = exc_type("AssertionError", e);
    t.attribute_error = exc_type("AttributeError", e);
    t.buffer_error = exc_type("BufferError", e);
    t.lookup_error = exc_type("LookupError", e);
    t.index_error = exc_type("IndexError", t.lookup_error);
    t.key_error = exc_type("KeyError", t.lookup_error);
    t.name_error = exc_type("NameError", e);
    t.unbound_local_error = exc_type("UnboundLocalError", t.name_error);
    t.runtime_error = exc_type("RuntimeError", e);
    t.recursion_error = exc_type("RecursionError", t.runtime_error);
    t.not_implemented_error = exc_type("NotImplementedError", t.runtime_error);
    t.type_error = exc_type("TypeError", e);
    t.value_error = exc_type("ValueError", e);
    t.unicode_error = exc_type("UnicodeError", t.value_error);
    t.unicode_decode_error = exc_type("UnicodeDecodeError", t.unicode_error);
    t.unicode_encode_error = exc_type("UnicodeEncodeError", t.unicode_error);
    t.import_error = exc_type("ImportError", e);
    t.module_not_found_error = exc_type("ModuleNotFoundError", t.import_error);
    t.os_error = exc_type("OSError", e);
    t.file_not_found_error = exc_type("FileNotFoundError", t.os_error);
    t.permission_error = exc_type("PermissionError", t.os_error);
    t.is_a_directory_error = exc_type("IsADirectoryError", t.os_error);
    t.file_exists_error = exc_type("FileExistsError", t.os_error);
    t.connection_error = exc_type("ConnectionError", t.os_error);
    t.timeout_error = exc_type("TimeoutError", t.os_error);
    t.eof_error = exc_type("EOFError", e);
    t.syntax_error = exc_type("SyntaxError", e);
    t.indentation_error = exc_type("IndentationError", t.syntax_error);
    t.tab_error = exc_type("TabError", t.indentation_error);
    t.memory_error = exc_type("MemoryError", e);
    t.reference_error = exc_type("ReferenceError", e);
    t.warning = exc_type("Warning", e);
    t.user_warning = exc_type("UserWarning", t.warning);
    t.deprecation_warning = exc_type("DeprecationWarning", t.warning);
}

/// The exception classes exposed as builtins.
pub fn exception_types() -> Vec<ObjRef> {
    let t = &vm().t;
    vec![
        t.base_exception, t.system_exit, t.keyboard_interrupt, t.generator_exit, t.exception, t.stop_iteration, t.stop_async_iteration,
        t.arithmetic_error, t.zero_division_error, t.overflow_error, t.floating_point_error, t.assertion_error, t.attribute_error,
        t.buffer_error, t.lookup_error, t.index_error, t.key_error, t.name_error, t.unbound_local_error, t.runtime_error, t.recursion_error,
        t.not_implemented_error, t.type_error, t.value_error, t.unicode_error, t.unicode_decode_error, t.unicode_encode_error,
        t.import_error, t.module_not_found_error, t.os_error, t.file_not_found_error, t.permission_error, t.is_a_directory_error,
        t.file_exists_error, t.connection_error, t.timeout_error, t.eof_error, t.syntax_error, t.indentation_error, t.tab_error,
        t.memory_error, t.reference_error, t.warning, t.user_warning, t.deprecation_warning,
    ]
}

pub fn set_type_attr(t: ObjRef, name: &str, v: Value) {
    set_attr(t, name, v);
    type_changed(t);
}
