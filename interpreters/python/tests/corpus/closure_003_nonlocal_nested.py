# nonlocal through several nesting levels; closures over closures.
def level1():
    a = 1
    def level2():
        b = 2
        def level3():
            nonlocal a, b
            a += 10
            b += 20
            return a + b
        r = level3()
        return r, b
    r2 = level2()
    return r2, a
print(level1())
def memoize(f):
    cache = {}
    hits = 0
    def wrapped(n):
        nonlocal hits
        if n in cache:
            hits += 1
        else:
            cache[n] = f(n)
        return cache[n]
    def stats():
        return hits, len(cache)
    wrapped.stats = stats
    return wrapped
@memoize
def slow_fib(n):
    return n if n < 2 else slow_fib(n - 1) + slow_fib(n - 2)
print(slow_fib(60), slow_fib.stats())
def gen_closure():
    total = 0
    def add(x):
        nonlocal total
        total += x
        return total
    return [add(i) for i in range(5)], total
print(gen_closure())
x = 0
def outer():
    x = 1
    def inner():
        global x
        x = 99
    inner()
    return x
print(outer(), x)
