# Set algebra on small ints (CPython iteration order for small ints is deterministic).
a = {1, 2, 3, 4, 5}
b = {4, 5, 6, 7}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print(a.union([10, 11], (12,)), a.intersection(range(3, 100)), a.isdisjoint({9}), a.isdisjoint(b))
print({1, 2} <= a, {1, 2} < a, a <= a, a < a, a >= {1}, a > a, {1, 9}.issubset(a), a.issuperset({2, 3}))
print(a == {5, 4, 3, 2, 1}, a != b, len(a | b), 3 in a, 3 not in b)
c = set()
c |= {1, 2}
c &= {2, 3}
c ^= {3, 4}
c -= {4}
print(c)
print(set([3, 3, 1, 2, 1]), set(range(5)), set("aaa"), {x % 4 for x in range(20)})
print(sorted({-5, 10, -1, 3}), sorted({"pear", "apple", "fig"}), sorted(set("mississippi")))
