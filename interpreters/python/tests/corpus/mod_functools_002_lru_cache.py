# functools.lru_cache (bounded and unbounded), cache_info, cache_clear, cache.
import functools
@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(100), fib.cache_info())
fib.cache_clear()
print(fib.cache_info())
calls = []
@functools.lru_cache(maxsize=2)
def slow_square(x):
    calls.append(x)
    return x * x
for v in [1, 2, 1, 3, 1, 2, 2]:
    slow_square(v)
print(calls, slow_square.cache_info())
@functools.lru_cache
def no_parens(x):
    return x + 1
print(no_parens(1), no_parens(1), no_parens.cache_info().hits)
@functools.cache
def paths(n, k):
    if k == 0 or k == n:
        return 1
    return paths(n - 1, k - 1) + paths(n - 1, k)
print(paths(60, 30), paths.cache_info().currsize)
@functools.lru_cache(maxsize=None)
def kw(a, b=0):
    return a + b
print(kw(1), kw(1, 0), kw(a=1), kw(1, b=0), kw(2, 3))
print(kw.cache_info().currsize >= 2, kw.__name__, kw.__wrapped__(5, 5))
