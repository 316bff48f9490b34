# sorted, reversed, min/max with key and default, sum with start.
data = [("a", 3), ("b", 1), ("c", 2), ("d", 3)]
print(sorted(data, key=lambda t: t[1]), sorted(data, key=lambda t: t[1], reverse=True))
print(list(reversed(data)), list(reversed("abc")), list(reversed(range(3))), list(reversed((1, 2))))
print(min(data, key=lambda t: t[1]), max(data, key=lambda t: t[1]), max(3, 1, 2), min("b", "a", "c"))
print(min([], default=None), max((), default=-1), min([5], default=0), max("hello", key=ord))
print(max([1, 3, 3, 2], key=lambda x: x), max([(1, "first"), (1, "second")], key=lambda t: t[0]))
print(min(range(-5, 5), key=lambda x: x * x), max({"a": 1, "b": 2}), min({"a": 9, "b": 2}, key={"a": 9, "b": 2}.get))
print(sum([1, 2, 3]), sum([1, 2, 3], 10), sum([0.1, 0.2]), sum([[1], [2]], []), sum(((1,), (2,)), ()), sum(range(5), start=100))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
try:
    min(1)
except TypeError as e:
    print("TypeError:", e)
try:
    max([], key=len)
except ValueError as e:
    print("ValueError:", e)
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError:", e)
