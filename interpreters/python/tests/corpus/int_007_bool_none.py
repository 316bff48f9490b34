# bool is a subclass of int; None behaviour.
print(True + True, True * 10, False - 1, True / 2, True // 1, -True)
print(sum([True, False, True, True]), True == 1, False == 0)
print(isinstance(True, int), issubclass(bool, int), type(True).__name__)
print(str(True), repr(False), int(True), float(False))
print(bool(0), bool(1), bool(-1), bool(""), bool("a"), bool([]), bool([0]), bool(None), bool(0.0), bool({}))
print(not 0, not 5, not None, True and 5, 0 or "x", None or 0, "" and 1)
print(1 < True + 1, True < 2, max(True, 0), {True: "a", 1: "b"})
x = None
print(x, repr(x), x is None, x is not None, type(x).__name__)
def f():
    pass
print(f(), f() is None)
print(None == None, None == 0, None != False)
try:
    None + 1
except TypeError as e:
    print("TypeError:", e)
try:
    None < 1
except TypeError as e:
    print("TypeError:", e)
print(hash(True), hash(False), hash(None) == hash(None))
print(True.__class__.__name__, (3 > 2).__class__.__name__)
