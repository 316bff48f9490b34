# Tuple packing/unpacking, singleton syntax, swap, nested unpacking.
t = 1, 2, 3
print(t, type(t).__name__, len(t))
a, b, c = t
print(a, b, c)
a, b = b, a
print(a, b)
single = 5,
print(single, (5), (), tuple(), type(()).__name__)
(x, y), z = (1, 2), 3
print(x, y, z)
for i, (p, q) in enumerate([(1, "a"), (2, "b")]):
    print(i, p, q)
first, *rest = t
*init, last = t
print(first, rest, init, last)
try:
    a, b = (1, 2, 3)
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = (1, 2)
except ValueError as e:
    print("ValueError:", e)
try:
    a, b = 5
except TypeError as e:
    print("TypeError:", e)
def minmax(seq):
    return min(seq), max(seq)
lo, hi = minmax([4, 8, 1, 9])
print(lo, hi, minmax("hello"))
