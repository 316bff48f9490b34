# Set comprehensions and classic set algorithms on ints.
primes = set(range(2, 60))
for i in range(2, 8):
    primes -= set(range(i * i, 60, i))
print(sorted(primes), len(primes))
multiples = {n for n in range(1, 40) if n % 3 == 0 or n % 5 == 0}
print(sorted(multiples), sum(multiples))
edges = [(1, 2), (2, 3), (4, 5), (6, 6), (3, 1), (7, 8), (8, 4)]
parent = {}
def find(x):
    parent.setdefault(x, x)
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
for u, v in edges:
    ru, rv = find(u), find(v)
    if ru != rv:
        parent[ru] = rv
comps = {}
for node in list(parent):
    comps.setdefault(find(node), set()).add(node)
print(sorted(sorted(c) for c in comps.values()))
print({x * x for x in [-2, -1, 0, 1, 2]}, {(x, x % 2) for x in range(4)} == {(0, 0), (1, 1), (2, 0), (3, 1)})
print(set(range(0, 100, 7)) & set(range(0, 100, 5)))
