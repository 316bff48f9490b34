# Dict and set comprehensions.
words = ["apple", "banana", "cherry", "avocado", "blueberry", "cranberry", "date"]
by_letter = {w[0]: [x for x in words if x[0] == w[0]] for w in words}
print(by_letter)
lengths = {w: len(w) for w in words if "e" in w}
print(lengths)
print({i: i ** 3 for i in range(-3, 4)})
print({v: k for k, v in {"a": 1, "b": 2, "c": 1}.items()})
print({n % 7 for n in range(0, 100, 3)}, {abs(x) for x in [-3, 3, -2, 1]})
print(sorted({w[-1] for w in words}), sorted({len(w) for w in words}))
grid = {(r, c): "#" if (r + c) % 2 else "." for r in range(3) for c in range(3)}
print("".join(grid[r, c] for r in range(3) for c in range(3)))
print({k: {kk: kk * k for kk in range(2)} for k in range(3)})
print(dict((k, v) for k, v in zip("xyz", range(3))), {**{k: 0 for k in "ab"}, "c": 1})
