# Tuples as dict keys and set members; hash of tuples of ints.
grid = {}
for r in range(3):
    for c in range(3):
        grid[(r, c)] = r * 3 + c
print(grid[(1, 2)], grid.get((5, 5), "missing"), (2, 2) in grid, len(grid))
print(sorted(k for k, v in grid.items() if v % 2 == 0))
print(hash((1, 2)) == hash((1, 2)), hash((1, 2)) != hash((2, 1)), hash(()) == hash(()))
print(hash((1, 2, 3)), hash(()), hash((0,)), hash((-1,)), hash(((1, 2), 3)))
print(hash(-1), hash(-2), hash(0), hash(10 ** 20), hash(-(10 ** 20)))
pts = {(0, 0), (1, 1), (0, 0), (2, 2), (1, 1)}
print(sorted(pts), len(pts))
try:
    hash(([1], 2))
except TypeError as e:
    print("TypeError:", e)
try:
    {[1, 2]: "x"}
except TypeError as e:
    print("TypeError:", e)
memo = {}
def paths(r, c):
    if r == 0 or c == 0:
        return 1
    if (r, c) not in memo:
        memo[(r, c)] = paths(r - 1, c) + paths(r, c - 1)
    return memo[(r, c)]
print(paths(16, 16), len(memo))
