//! The `array` module: typed arrays of numbers, written in Python over a
//! list (the parts programs use: indexing, slicing, append/extend, tolist,
//! tobytes for byte arrays, the typecode range checks).

use super::*;

const ARRAY_SRC: &str = r#"
_LIMITS = {
    'b': (-128, 127, 'signed char is less than minimum', 'signed char is greater than maximum'),
    'B': (0, 255, 'unsigned byte integer is less than minimum', 'unsigned byte integer is greater than maximum'),
    'h': (-32768, 32767, 'signed short integer is less than minimum', 'signed short integer is greater than maximum'),
    'H': (0, 65535, 'unsigned short is less than minimum', 'unsigned short is greater than maximum'),
    'i': (-2147483648, 2147483647, 'signed integer is less than minimum', 'signed integer is greater than maximum'),
    'I': (0, 4294967295, 'unsigned int is less than minimum', 'unsigned int is greater than maximum'),
    'l': (-9223372036854775808, 9223372036854775807, 'Python int too large to convert to C long', 'Python int too large to convert to C long'),
    'L': (0, 18446744073709551615, 'unsigned int is less than minimum', 'Python int too large to convert to C unsigned long'),
    'q': (-9223372036854775808, 9223372036854775807, 'Python int too large to convert to C long', 'Python int too large to convert to C long'),
    'Q': (0, 18446744073709551615, 'unsigned int is less than minimum', 'Python int too large to convert to C unsigned long'),
}
_SIZES = {'b': 1, 'B': 1, 'u': 4, 'h': 2, 'H': 2, 'i': 4, 'I': 4, 'l': 8, 'L': 8, 'q': 8, 'Q': 8, 'f': 4, 'd': 8}
typecodes = 'bBuhHiIlLqQfd'

def _check(typecode, v):
    if typecode in 'fd':
        if not isinstance(v, (int, float)):
            raise TypeError("must be real number, not " + type(v).__name__)
        return float(v)
    if typecode == 'u':
        if not isinstance(v, str) or len(v) != 1:
            raise TypeError("array item must be unicode character")
        return v
    if not isinstance(v, int):
        raise TypeError("'" + type(v).__name__ + "' object cannot be interpreted as an integer")
    lo, hi, low_msg, high_msg = _LIMITS[typecode]
    if v < lo:
        raise OverflowError(low_msg)
    if v > hi:
        raise OverflowError(high_msg)
    return v

class array:
    def __init__(self, typecode, initializer=()):
        if not isinstance(typecode, str) or len(typecode) != 1 or typecode not in typecodes:
            raise ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
        self.typecode = typecode
        self.itemsize = _SIZES[typecode]
        if isinstance(initializer, (bytes, bytearray)) and typecode in 'bB':
            self._items = [b if typecode == 'B' or b < 128 else b - 256 for b in initializer]
        else:
            self._items = [_check(typecode, v) for v in initializer]

    def __len__(self):
        return len(self._items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return array(self.typecode, self._items[i])
        try:
            return self._items[i]
        except IndexError:
            raise IndexError("array index out of range") from None

    def __setitem__(self, i, v):
        if isinstance(i, slice):
            if not isinstance(v, array) or v.typecode != self.typecode:
                raise TypeError("can only assign array (not \"" + type(v).__name__ + "\") to array slice")
            self._items[i] = v._items
            return
        v = _check(self.typecode, v)
        try:
            self._items[i] = v
        except IndexError:
            raise IndexError("array assignment index out of range") from None

    def __iter__(self):
        return iter(self._items)

    def __contains__(self, v):
        return v in self._items

    def __eq__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items == other._items

    def __add__(self, other):
        if not isinstance(other, array) or other.typecode != self.typecode:
            return NotImplemented
        return array(self.typecode, self._items + other._items)

    def __mul__(self, n):
        return array(self.typecode, self._items * n)

    def __repr__(self):
        if not self._items:
            return "array('" + self.typecode + "')"
        return "array('" + self.typecode + "', " + repr(self._items) + ")"

    def append(self, v):
        self._items.append(_check(self.typecode, v))

    def extend(self, values):
        for v in values:
            self.append(v)

    def insert(self, i, v):
        self._items.insert(i, _check(self.typecode, v))

    def pop(self, i=-1):
        return self._items.pop(i)

    def index(self, v):
        return self._items.index(v)

    def count(self, v):
        return self._items.count(v)

    def remove(self, v):
        self._items.remove(v)

    def reverse(self):
        self._items.reverse()

    def tolist(self):
        return list(self._items)

    def tobytes(self):
        if self.typecode in 'bB':
            return bytes([b & 255 for b in self._items])
        out = []
        for v in self._items:
            out.extend((v & ((1 << (8 * self.itemsize)) - 1)).to_bytes(self.itemsize, 'little'))
        return bytes(out)

    def buffer_info(self):
        return (id(self), len(self._items))

ArrayType = array
"#;

pub fn init() -> PyResult<Value> {
    let (m, d) = new_module("array");
    crate::run_module_source(ARRAY_SRC, "<array>", d, false)?;
    Ok(m)
}
