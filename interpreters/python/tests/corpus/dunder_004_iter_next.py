# Iterator protocol with __iter__/__next__, StopIteration, reusable iterables.
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
c = Countdown(3)
print(list(c), list(c))
class Range2:
    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi
    def __iter__(self):
        cur = self.lo
        while cur < self.hi:
            yield cur
            cur += 1
r = Range2(2, 6)
print(list(r), list(r), sum(r), max(r), sorted(r, reverse=True))
it = iter(Countdown(2))
print(next(it), next(it), next(it, "done"), next(it, None))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", repr(e), e.args)
class Fib:
    def __init__(self, limit):
        self.limit = limit
    def __iter__(self):
        a, b = 0, 1
        while a < self.limit:
            yield a
            a, b = b, a + b
print(list(Fib(100)), dict(zip(Fib(10), "abcdefg")))
a, b, *rest = Countdown(5)
print(a, b, rest)
print([x * y for x, y in zip(Countdown(3), Range2(10, 20))])
try:
    iter(5)
except TypeError as e:
    print("TypeError:", e)
try:
    next([1, 2])
except TypeError as e:
    print("TypeError:", e)
