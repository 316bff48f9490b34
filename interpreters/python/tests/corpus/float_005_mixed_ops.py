# int/float mixing, accumulation and comparison.
total = 0
for i in range(10):
    total += 0.1
print(total, total == 1.0, round(total, 10) == 1.0)
x = 1
x = x + 0.5
print(x, type(x).__name__)
x = x * 2
print(x, type(x).__name__, x == 3)
print(3 * 1.5, 3 + 0.0, 7 // 2.0, 7 % 2.5, -7 // 2.0)
print(sum([0.1] * 10), sum([1, 2, 3.5]), sum([], 0.0))
print(max(1, 1.0), max(1.0, 1), min(-0.0, 0.0), min(0.0, -0.0))
print(1e308 * 10, -1e308 * 10, 1e-320 / 1e10)
print(0.1 * 0.1, 0.7 + 0.1, 0.3 - 0.1, 100 * 1.1)
h = [hash(1.0) == hash(1), hash(0.0) == hash(-0.0), hash(2.5) == hash(2.5)]
print(h)
d = {1: "int one"}
d[1.0] = "float one"
print(d)
print(float(int(1e15)) == 1e15, int(float(2 ** 53 + 1)))
