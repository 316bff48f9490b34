# repr/str of nested containers.
print([1, "a", 2.5, None, True, [1, [2, []]], (), (1,), {}, {"k": (1, 2)}])
print((1, "two", [3]), ([],), ((),))
print({1: {2: {3: "deep"}}}, {(1, 2): [3, 4], "s": {"t": None}})
print(repr("x"), str("x"), repr(["x"]), str(["x"]))
print({1, 2, 3}, set(), frozenset(), frozenset({5}), {0: set()})
print(range(5), range(1, 10, 2), slice(1, 2), slice(None, 5, -1))
print(b"bytes", bytearray(b"ba"), [b"x", b"'", b'"'])
print(type(1), type("s"), type([]), type(None), int, str, dict)
l = [1, 2]
l.append(l)
print(l)
dd = {"a": 1}
dd["self"] = dd
print(dd)
print(repr(1.0), repr(-0.0), [1e20, 1e-20, float("nan")], (float("inf"),))
print(str((1, "a")), str({"a": "b"}), repr({"a": "b"}))
