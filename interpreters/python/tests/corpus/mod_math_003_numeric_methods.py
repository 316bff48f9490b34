# Numerical computations with math: Newton iteration, series, trigonometric identities.
import math
def newton_sqrt(x, iters=30):
    g = x / 2 if x > 1 else 1.0
    for _ in range(iters):
        g = (g + x / g) / 2
    return g
for v in [2, 10, 12345.678, 1e-6]:
    print(v, newton_sqrt(v), math.sqrt(v), abs(newton_sqrt(v) - math.sqrt(v)) < 1e-12 * max(1, v))
e_series = sum(1 / math.factorial(k) for k in range(20))
print(e_series, math.e, e_series == math.e)
pi_approx = 4 * sum((-1) ** k / (2 * k + 1) for k in range(10000))
print(pi_approx, round(pi_approx, 3))
ok = all(math.isclose(math.sin(x) ** 2 + math.cos(x) ** 2, 1.0) for x in [i * 0.1 for i in range(100)])
print("pythagorean identity holds:", ok)
print([round(math.sin(math.radians(d)), 10) for d in (0, 30, 45, 60, 90)])
print(math.floor(math.log10(2 ** 100)) + 1, len(str(2 ** 100)))
print(math.dist((0, 0), (3, 4)), math.hypot(*[1] * 4))
