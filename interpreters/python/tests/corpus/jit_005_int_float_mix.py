# The same variable holds an int for some iterations and a float for others.
v = 0
kinds = {"int": 0, "float": 0}
for i in range(10000):
    if i % 3 == 0:
        v = v + 1.5
    else:
        v = int(v) + 1
    kinds[type(v).__name__] += 1
print(v, kinds)
w = 1
for i in range(5000):
    if i == 2500:
        w = float(w)
    w = w + i % 5
print(w, type(w).__name__)
z = 10
for i in range(4000):
    z = z / 2 if i % 2 else z * 2
print(z, type(z).__name__)
