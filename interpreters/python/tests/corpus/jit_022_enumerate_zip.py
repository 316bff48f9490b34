# for i, x in enumerate(...) and zip(...) in hot loops.
data = [(i * 37) % 101 for i in range(10000)]
weighted = 0
for i, x in enumerate(data):
    weighted += i * x
print(weighted)
a = list(range(5000))
b = [i * 2 for i in range(5000)]
dot = 0
for x, y in zip(a, b):
    dot += x * y
print(dot)
m = 0
for i, (x, y) in enumerate(zip(a, reversed(b)), 1):
    if (x + y) % 17 == 0:
        m += i
print(m)
