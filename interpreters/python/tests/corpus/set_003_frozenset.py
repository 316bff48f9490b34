# frozenset: hashable, usable as dict key / set element, immutable.
f = frozenset([3, 1, 2])
g = frozenset({2, 3, 4})
print(f, f | g, f & g, f - g, type(f | g).__name__, type({1} | f).__name__, type(f | {1}).__name__)
print(hash(f) == hash(frozenset([1, 2, 3])), f == {1, 2, 3}, {1, 2, 3} == f)
groups = {f: "first", g: "second"}
print(groups[frozenset({1, 2, 3})], frozenset() in groups)
nested = {frozenset({1}), frozenset({1}), frozenset({2, 1})}
print(len(nested), sorted(sorted(x) for x in nested))
try:
    f.add(5)
except AttributeError as e:
    print("AttributeError:", e)
print(frozenset("hello") == frozenset("olleh"), sorted(frozenset("hello")))
print(frozenset(), repr(frozenset()), frozenset(range(3)))
