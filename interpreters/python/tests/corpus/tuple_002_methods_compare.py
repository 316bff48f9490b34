# Tuple methods, comparisons, concatenation, immutability.
t = (3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5)
print(t.count(5), t.count(7), t.index(1), t.index(5, 5), t[2:6], t[::-1][:3])
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 100), (1, 2) == (1, 2), (1, 2) != [1, 2])
print((1, 2) + (3,), (0,) * 4, (1, "a") * 2, 3 in t, 7 not in t)
print(max(t), min(t), sum(t), sorted(t), tuple(sorted(t, reverse=True)))
try:
    t[0] = 10
except TypeError as e:
    print("TypeError:", e)
try:
    t.index(42)
except ValueError as e:
    print("ValueError:", e)
try:
    (1, 2) < (1, "a")
except TypeError as e:
    print("TypeError:", e)
nested = ([1, 2], 3)
nested[0].append(99)
print(nested)
print(tuple([1, 2]), tuple("abc"), tuple(range(3)), tuple({"a": 1}))
print(((1, 2), (3, 4))[1][0], len(((),)), bool(()), bool((0,)))
