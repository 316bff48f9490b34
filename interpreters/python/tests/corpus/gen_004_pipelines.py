# Generator pipelines and infinite generators with itertools.islice.
import itertools
def naturals(start=1):
    n = start
    while True:
        yield n
        n += 1
def primes():
    found = []
    for n in naturals(2):
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n
def take(n, it):
    return list(itertools.islice(it, n))
print(take(15, primes()))
print(list(itertools.islice(primes(), 100, 105)))
def read_lines(text):
    for line in text.splitlines():
        yield line
def strip_comments(lines):
    for l in lines:
        l = l.split("#", 1)[0].strip()
        if l:
            yield l
def parse(lines):
    for l in lines:
        k, _, v = l.partition("=")
        yield k.strip(), v.strip()
cfg = """# config
name = kiln   # the name
level=3

# blank above
mode = fast
"""
print(dict(parse(strip_comments(read_lines(cfg)))))
def collatz(n):
    while n != 1:
        yield n
        n = 3 * n + 1 if n % 2 else n // 2
    yield 1
print(list(collatz(27))[:10], sum(1 for _ in collatz(27)), max(collatz(27)))
evens = (n for n in naturals() if n % 2 == 0)
squares = (n * n for n in evens)
print(take(5, squares))
