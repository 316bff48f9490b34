# dict construction, access, insertion order, update, deletion.
d = {"one": 1, "two": 2}
d["three"] = 3
d["one"] = 11
print(d, len(d), d["two"], list(d))
print(dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict(zip("abc", range(3))), dict({"k": 0}, extra=1), dict())
d.update({"four": 4, "two": 22})
d.update(five=5)
d.update([("six", 6)])
print(d)
del d["three"]
print(d, "three" in d, "four" in d, 4 in d)
d["three"] = 3
print(list(d.keys()))
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e, repr(e.args[0]))
try:
    del d["nope"]
except KeyError as e:
    print("KeyError:", e)
try:
    {}[(1, 2)]
except KeyError as e:
    print("KeyError:", e)
print({1: "a", 1.0: "b", True: "c"}, {(1, 2): "t", None: "n", 3.5: "f"})
print(d == dict(d), {"a": 1, "b": 2} == {"b": 2, "a": 1}, {"a": 1} != {"a": 1.0})
