# repr of dicts with various key types; equality of mixed numeric keys.
d = {}
d[1] = "int"
d["1"] = "str"
d[(1,)] = "tuple"
d[None] = "none"
d[2.5] = "float"
d[b"1"] = "bytes"
d[frozenset([1])] = "fs"
print(d)
print(len(d), d[1.0], d[True])
d2 = {0: "zero"}
d2[False] = "false"
d2[0.0] = "float zero"
print(d2)
e = {"b": 1, "a": 2}
e["c"] = 0
del e["b"]
e["b"] = 5
print(e, list(e.items()))
print(str({"q": "'"}), repr({'"': 1}), {1: [1, {2: (3,)}]})
