# Generator expression scoping, laziness with side effects and exhaustion.
log = []
def noisy(x):
    log.append(x)
    return x
g = (noisy(i) for i in range(5))
print(log)
print(next(g), log)
print(list(g), log)
first = next((i for i in range(100) if i * i > 50), None)
missing = next((i for i in range(5) if i > 10), "none")
print(first, missing)
print(list(x for x in range(3)), tuple(c.upper() for c in "ab"), set(n % 3 for n in range(10)))
print(sorted((len(w), w) for w in "bb a ccc".split()))
pairs = ((i, j) for i in range(3) for j in range(i))
print(list(pairs))
it = iter([1, 2, 3, 4, 5, 6])
print(list(zip(it, it)))
gen = (i for i in range(3))
print(3 in gen, list(gen))
gen = (i for i in range(10))
print(4 in gen, list(gen))
