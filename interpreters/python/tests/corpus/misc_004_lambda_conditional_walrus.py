# lambdas, conditional expressions, walrus operator.
sq = lambda x: x * x
add = lambda a, b=10, *r, **k: a + b + sum(r) + len(k)
print(sq(7), add(1), add(1, 2), add(1, 2, 3, 4, z=0), (lambda: "no args")())
print((lambda *a: a)(1, 2), (lambda **k: sorted(k))(b=1, a=2), (lambda x: lambda y: x + y)(3)(4))
print([(lambda n: "even" if n % 2 == 0 else "odd")(i) for i in range(4)])
x = 7
print("big" if x > 5 else "small", "a" if 0 else "b" if None else "c", (1 if True else 2) + 1)
data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long list", n)
print([y for v in data if (y := v * 2) > 6], y)
values = iter([5, 3, 0, 7])
total = 0
while (v := next(values)) != 0:
    total += v
print(total, v)
print((z := 10) + z, z)
import math
print([w for w in (math.isqrt(k) for k in range(30)) if (w2 := w * w) and w2 > 10][:3])
sorted_by = sorted(["bb", "a", "ccc"], key=lambda s: -len(s))
print(sorted_by)
print(max(range(10), key=lambda i: (i % 4, -i)))
