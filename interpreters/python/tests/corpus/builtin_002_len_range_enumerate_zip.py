# len, enumerate (with start), zip (unequal lengths, strict), map, filter.
print(len("abc"), len([1, 2]), len((1,)), len({1: 2}), len(set()), len(range(10)), len(b"xy"))
print(list(enumerate("abc")), list(enumerate("abc", start=10)), list(enumerate([], 5)))
for i, (a, b) in enumerate(zip("xy", [1, 2]), 1):
    print(i, a, b)
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1])), list(zip("abc", range(10), [True, False, None])))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print("ValueError:", e)
print(list(map(abs, [-1, 2, -3])), list(map(pow, [2, 3], [5, 2])), list(map(lambda a, b: a + b, "ab", "cde")))
print(list(filter(None, [0, 1, "", "x", [], [0]])), list(filter(str.isdigit, "a1b2c3")))
m = map(str, range(3))
print(next(m), list(m), list(m))
e = enumerate("ab")
print(next(e), type(e).__name__)
