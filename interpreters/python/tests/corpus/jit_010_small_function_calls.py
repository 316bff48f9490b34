# Loops that call small functions (inlining candidates), including default args and keyword calls.
def sq(x):
    return x * x
def clamp(x, lo=0, hi=100):
    return lo if x < lo else hi if x > hi else x
def add3(a, b, c):
    return a + b + c
total = 0
for i in range(20000):
    total += sq(i % 100) - clamp(i % 150 - 20) + add3(i, c=1, b=2)
print(total)
def is_even(n):
    return n % 2 == 0
evens = 0
for i in range(10000):
    if is_even(i):
        evens += 1
print(evens)
def poly(x):
    return ((3 * x + 2) * x - 7) * x + 1
print(sum(poly(i) for i in range(-2000, 2000)) % 1000000007)
