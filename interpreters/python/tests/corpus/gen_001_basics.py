# Generator functions: laziness, state, multiple generators, generator expressions.
def count_up(n):
    print("  start")
    i = 0
    while i < n:
        print(f"  yielding {i}")
        yield i
        i += 1
    print("  end")
g = count_up(3)
print("created", type(g).__name__)
for v in g:
    print("got", v)
print(list(g))
def squares():
    n = 0
    while True:
        yield n * n
        n += 1
s = squares()
print([next(s) for _ in range(6)], next(s))
ge = (x * 2 for x in range(5) if x != 2)
print(type(ge).__name__, list(ge), list(ge))
print(sum(x * x for x in range(10)), max(len(w) for w in ["a", "abc", "ab"]), any(x > 3 for x in [1, 5]))
a = count_up(2)
b = count_up(2)
print(next(a), next(b), next(a))
def evens_then_odds(n):
    yield from range(0, n, 2)
    yield from range(1, n, 2)
print(list(evens_then_odds(9)))
print(list(zip(squares(), "abc")), dict(enumerate(x for x in "xy")))
