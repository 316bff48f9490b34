# groupby semantics: consecutive runs only, key functions, group iterators invalidated.
import itertools as it
print([(k, list(g)) for k, g in it.groupby("aaabbcaaa")])
print([(k, len(list(g))) for k, g in it.groupby([1, 1, 2, 3, 3, 3, 1])])
words = ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]
print([(k, list(g)) for k, g in it.groupby(words, key=lambda w: w[0])])
print([(k, list(g)) for k, g in it.groupby(sorted(words), key=lambda w: w[0])])
data = [(1, "a"), (1, "b"), (2, "c"), (3, "d"), (3, "e")]
print({k: [v for _, v in g] for k, g in it.groupby(data, key=lambda t: t[0])})
groups = list(it.groupby("aabb"))
print([(k, list(g)) for k, g in groups])
print([k for k, _ in it.groupby([])], [(k, list(g)) for k, g in it.groupby(range(10), key=lambda n: n // 4)])
