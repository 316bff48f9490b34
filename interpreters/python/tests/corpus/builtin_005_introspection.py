# isinstance/issubclass/type/hasattr/getattr/setattr/delattr/callable/id/hash/repr/vars/dir.
class A:
    cls_attr = 1
    def method(self):
        return "m"
class B(A):
    pass
b = B()
print(isinstance(b, A), isinstance(b, (int, B)), isinstance(1, (str, float)), issubclass(B, A), issubclass(B, (int, A)))
print(type(b) is B, type(b) == A, type(3).__name__, type(type).__name__, type(len).__name__, type(A.method).__name__, type(b.method).__name__)
print(hasattr(b, "method"), hasattr(b, "nope"), getattr(b, "cls_attr"), getattr(b, "nope", "default"))
setattr(b, "dyn", 42)
print(b.dyn, getattr(b, "dyn"), "dyn" in vars(b))
delattr(b, "dyn")
print(hasattr(b, "dyn"))
try:
    getattr(b, "nope")
except AttributeError as e:
    print("AttributeError:", e)
try:
    delattr(b, "nope")
except AttributeError as e:
    print("AttributeError:", e)
x = [1]
y = x
print(id(x) == id(y), id(x) == id([1]), isinstance(id(x), int))
print(hash(42), hash(-7), hash(0), hash((1, 2)) == hash((1, 2)), hash(1) == hash(1.0) == hash(True))
print(repr("a'b"), repr([1, "2"]), repr(None), str(b"x"), repr(3.0))
print(callable(A), callable(b), callable(b.method), callable(None))
print([n for n in dir(b) if not n.startswith("_")], vars(A)["cls_attr"])
print(isinstance(None, type(None)), isinstance(A, type), isinstance(int, type), issubclass(bool, (int, str)))
try:
    isinstance(b, "A")
except TypeError as e:
    print("TypeError:", e)
