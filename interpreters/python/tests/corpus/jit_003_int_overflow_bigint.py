# Multiply by 3 each iteration: the value crosses 2**63 and 2**64 and keeps growing as a big int.
x = 1
crossed63 = None
crossed64 = None
for i in range(1, 3001):
    x *= 3
    if crossed63 is None and x > 2 ** 63 - 1:
        crossed63 = i
    if crossed64 is None and x >= 2 ** 64:
        crossed64 = i
print(crossed63, crossed64, x.bit_length(), x % 1000000007, str(x)[:20], len(str(x)))
y = 2 ** 62
vals = []
for i in range(8):
    y = y + y // 2 + 1
    vals.append(y)
print(vals[-1], [v > 2 ** 63 for v in vals])
s = 0
for i in range(5000):
    s += i * i * i * i * i
print(s, s > 2 ** 64)
n = -(2 ** 62)
for i in range(4):
    n -= 2 ** 62
print(n, n < -(2 ** 63))
