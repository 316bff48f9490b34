# Numeric algorithms: gcd, sieve, fast power, base conversion, fractions by hand.
def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)
print(gcd(48, 18), gcd(17, 5), gcd(0, 9), gcd(-12, 18), gcd(2 ** 100, 6 ** 50))
def sieve(n):
    is_p = [True] * (n + 1)
    is_p[0] = is_p[1] = False
    for i in range(2, int(n ** 0.5) + 1):
        if is_p[i]:
            is_p[i * i::i] = [False] * len(range(i * i, n + 1, i))
    return [i for i, p in enumerate(is_p) if p]
ps = sieve(200)
print(len(ps), ps[-5:], sum(ps))
def fast_pow(b, e, m):
    r = 1
    b %= m
    while e:
        if e & 1:
            r = r * b % m
        b = b * b % m
        e >>= 1
    return r
print(fast_pow(3, 10 ** 18, 10 ** 9 + 7), pow(3, 10 ** 18, 10 ** 9 + 7))
def to_base(n, b):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = ""
    while n:
        n, r = divmod(n, b)
        out = digits[r] + out
    return sign + out
print(to_base(255, 2), to_base(255, 16), to_base(-1295, 36), to_base(2 ** 64, 7), int(to_base(2 ** 64, 7), 7) == 2 ** 64)
def frac_add(a, b):
    n = a[0] * b[1] + b[0] * a[1]
    d = a[1] * b[1]
    g = gcd(n, d)
    return (n // g, d // g)
h = (0, 1)
for k in range(1, 21):
    h = frac_add(h, (1, k))
print("H20 =", h, h[0] / h[1])
def isqrt(n):
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x
print(isqrt(10 ** 40), isqrt(2 * 10 ** 30), isqrt(99))
