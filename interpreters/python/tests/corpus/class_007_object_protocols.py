# Default object behaviour: equality is identity, hashing, str/repr defaults avoided.
class Plain:
    pass
p, q = Plain(), Plain()
print(p == p, p == q, p != q, p is p, hash(p) == hash(p))
s = {p, q, p}
print(len(s))
print(str(p).startswith("<__main__.Plain object at "), repr(q)[:17])
class WithEq:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, WithEq) and self.v == other.v
print(WithEq(1) == WithEq(1), WithEq(1) != WithEq(2), WithEq.__hash__ is None)
try:
    hash(WithEq(1))
except TypeError as e:
    print("TypeError:", e)
print(type(Plain).__name__, type(type).__name__, isinstance(Plain, type), Plain.__module__)
print(object.__name__, Plain.__bases__ == (object,), issubclass(Plain, object))
