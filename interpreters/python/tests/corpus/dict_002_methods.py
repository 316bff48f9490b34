# get, setdefault, pop, popitem, copy, clear, fromkeys, views.
d = {"a": 1, "b": 2, "c": 3}
print(d.get("a"), d.get("z"), d.get("z", 0), d.setdefault("a", 100), d.setdefault("d", 4), d)
print(d.pop("b"), d.pop("zz", "default"), d)
try:
    d.pop("zz")
except KeyError as e:
    print("KeyError:", e)
print(d.popitem(), d.popitem(), d)
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)
c = d.copy()
c["new"] = 1
print(d, c)
c.clear()
print(c, dict.fromkeys("abc"), dict.fromkeys([1, 2], 0))
e = {"x": 10, "y": 20, "z": 30}
k, v, it = e.keys(), e.values(), e.items()
e["w"] = 40
print(k, v, it)
print(list(k), list(v), list(it), len(k), "x" in k, 20 in v, ("y", 20) in it)
print(sorted(k & {"x", "w", "q"}), sorted(k | {"q"}), sorted(k - {"x"}))
print(reversed(e) is not None, list(reversed(e)), list(reversed(e.items())))
groups = {}
for word in ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]:
    groups.setdefault(word[0], []).append(word)
print(groups)
m = {"a": 1} | {"b": 2, "a": 3}
m |= {"c": 4}
print(m)
