# dict comprehensions, dict(zip()), dict(**kw), nested dicts.
sq = {i: i * i for i in range(8)}
print(sq)
even = {k: v for k, v in sq.items() if k % 2 == 0}
print(even)
keys = ["name", "lang", "year"]
vals = ["kiln", "python", 2024]
print(dict(zip(keys, vals)), dict(zip(keys, vals[:2])))
def f(**kw):
    return kw
print(f(a=1, b=2), dict(**{"x": 1}, y=2), f(**sq.__class__(z=26)))
nested = {"outer": {"inner": {"leaf": [1, 2, {"deep": True}]}}}
print(nested["outer"]["inner"]["leaf"][2]["deep"], nested)
matrix = {(i, j): i * j for i in range(3) for j in range(3) if i != j}
print(matrix)
word_len = {w: len(w) for w in "the quick brown fox".split()}
print(word_len)
print({c: "abc".count(c) for c in "abcab"})
