# Extended unpacking in assignments, calls, and literals.
a, *b, c = range(6)
print(a, b, c)
*init, last = "hello"
print(init, last)
first, *rest = [1]
print(first, rest)
(x, *y), z = "abc", "d"
print(x, y, z)
a, (b, *c), *d = 1, (2, 3, 4), 5, 6
print(a, b, c, d)
def f(*args, **kw):
    return args, kw
xs = [1, 2, 3]
kw = {"k": "v"}
print(f(*xs, **kw), f(0, *xs, 4, *"ab", **kw, z=1))
l1, l2 = [1, 2], (3, 4)
print([*l1, *l2], (*l1, *l2), {*l1, *l2}, [*"ab", *range(2)], (*l1,))
d1 = {"a": 1, "b": 2}
d2 = {"b": 20, "c": 30}
print({**d1, **d2}, {**d2, **d1}, {"z": 0, **d1, "a": 100})
for head, *tail in [(1, 2, 3), (4,), "xyz"]:
    print(head, tail)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)
print(*[1, 2, 3], sep="-")
print(*"abc")
[p, q] = 7, 8
print(p, q)
