# Recursive functions: fib(20), mutual recursion, recursion with accumulators.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
print(fib(20))
def tak(x, y, z):
    if y < x:
        return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
    return z
print(tak(12, 8, 4))
def even(n):
    return True if n == 0 else odd(n - 1)
def odd(n):
    return False if n == 0 else even(n - 1)
print(sum(1 for i in range(300) if even(i)))
def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)
print(sum(gcd(i, 360) for i in range(1, 3000)))
