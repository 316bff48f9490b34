# Generators consumed in hot loops.
def gen(n):
    for i in range(n):
        if i % 3:
            yield i
def squares(src):
    for v in src:
        yield v * v
total = 0
for v in squares(gen(15000)):
    total += v
print(total)
def fib_gen():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
count = 0
last = 0
for f in fib_gen():
    if f > 10 ** 300:
        break
    count += 1
    last = f
print(count, last % 1000000007)
print(sum(x for x in range(20000) if x % 7 == 1), max(x % 1013 for x in range(10000)))
