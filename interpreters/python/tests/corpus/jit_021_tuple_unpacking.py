# Tuple unpacking a, b = b, a + b in a hot loop; swapping; multi-target unpacking.
a, b = 0, 1
for _ in range(5000):
    a, b = b, a + b
print(a % 1000000007, len(str(a)))
x, y, z = 1, 2, 3
for i in range(10000):
    x, y, z = y, z, (x + y + z) % 1000
print(x, y, z)
p, q = 1, 0
for i in range(3000):
    p, q = q, p
print(p, q)
pairs = [(i, i * i) for i in range(2000)]
s = 0
for i, sq in pairs:
    s += sq - i
print(s)
