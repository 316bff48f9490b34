//! The two-word Python value (`tag`, `payload`) and the reference type of
//! heap objects. Small ints, floats, bools and None are never allocated.

use crate::object::Obj;

pub const T_NULL: u64 = 0;
pub const T_NONE: u64 = 1;
pub const T_BOOL: u64 = 2;
pub const T_INT: u64 = 3;
pub const T_FLOAT: u64 = 4;
pub const T_OBJ: u64 = 5;

/// A Python value: see docs/python-design.md. A zeroed pair is `NULL`
/// (an unbound local), never visible to Python code.
#[repr(C)]
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Value {
    pub tag: u64,
    pub payload: u64,
}

/// A reference to a live heap object.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
pub struct ObjRef(pub usize);

impl kiln::RefWord for ObjRef {
    #[inline(always)]
    fn addr(self) -> usize {
        self.0
    }
    #[inline(always)]
    fn from_addr(a: usize) -> Self {
        ObjRef(a)
    }
}

impl ObjRef {
    /// The object. Objects are owned by the GC heap; the interpreter only
    /// collects at safe points where every live reference is rooted.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub fn get(self) -> &'static mut Obj {
        // SAFETY: an ObjRef is only made from a live heap object address.
        unsafe { &mut *(self.0 as *mut Obj) }
    }
    #[inline(always)]
    pub fn val(self) -> Value {
        Value::obj(self)
    }
}

impl Value {
    pub const NULL: Value = Value { tag: T_NULL, payload: 0 };
    pub const NONE: Value = Value { tag: T_NONE, payload: 0 };
    pub const TRUE: Value = Value { tag: T_BOOL, payload: 1 };
    pub const FALSE: Value = Value { tag: T_BOOL, payload: 0 };

    #[inline(always)]
    pub fn int(i: i64) -> Value {
        Value { tag: T_INT, payload: i as u64 }
    }
    #[inline(always)]
    pub fn float(f: f64) -> Value {
        Value { tag: T_FLOAT, payload: f.to_bits() }
    }
    #[inline(always)]
    pub fn bool(b: bool) -> Value {
        Value { tag: T_BOOL, payload: b as u64 }
    }
    #[inline(always)]
    pub fn obj(r: ObjRef) -> Value {
        Value { tag: T_OBJ, payload: r.0 as u64 }
    }
    #[inline(always)]
    pub fn is_null(self) -> bool {
        self.tag == T_NULL
    }
    #[inline(always)]
    pub fn is_none(self) -> bool {
        self.tag == T_NONE
    }
    #[inline(always)]
    pub fn is_obj(self) -> bool {
        self.tag == T_OBJ
    }
    #[inline(always)]
    pub fn as_obj(self) -> Option<ObjRef> {
        if self.tag == T_OBJ {
            Some(ObjRef(self.payload as usize))
        } else {
            None
        }
    }
    /// The object of a value known to be `OBJ`.
    #[inline(always)]
    pub fn objref(self) -> ObjRef {
        debug_assert_eq!(self.tag, T_OBJ);
        ObjRef(self.payload as usize)
    }
    #[inline(always)]
    pub fn as_int(self) -> Option<i64> {
        if self.tag == T_INT || self.tag == T_BOOL {
            Some(self.payload as i64)
        } else {
            None
        }
    }
    #[inline(always)]
    pub fn as_float(self) -> Option<f64> {
        if self.tag == T_FLOAT {
            Some(f64::from_bits(self.payload))
        } else {
            None
        }
    }
    #[inline(always)]
    pub fn f(self) -> f64 {
        f64::from_bits(self.payload)
    }
    #[inline(always)]
    pub fn i(self) -> i64 {
        self.payload as i64
    }
    /// Identity (`is`).
    #[inline(always)]
    pub fn is(self, o: Value) -> bool {
        self.tag == o.tag && self.payload == o.payload
    }
}
