# Counter: counting, most_common ordering, arithmetic, elements, update/subtract.
from collections import Counter
c = Counter("abracadabra")
print(c, c["a"], c["z"], len(c))
print(c.most_common(), c.most_common(2), c.most_common(0))
words = "the cat and the hat and the bat".split()
wc = Counter(words)
print(wc.most_common(3), sorted(wc.elements())[:5])
a = Counter(a=3, b=1, c=2)
b = Counter(a=1, b=2, d=4)
print(a + b, a - b, a & b, a | b)
a.update("aab")
print(a)
a.subtract({"a": 10})
print(a, +a, -a)
print(sum(Counter([1, 1, 2, 3, 3, 3]).values()), Counter([1, 1, 2]) == Counter({1: 2, 2: 1}))
print(Counter({"x": 0, "y": -1}).most_common(), list(Counter("aab").elements()))
inv = Counter()
for item, qty in [("apple", 3), ("pear", 2), ("apple", 5), ("kiwi", 1)]:
    inv[item] += qty
print(inv.most_common(), inv.total())
