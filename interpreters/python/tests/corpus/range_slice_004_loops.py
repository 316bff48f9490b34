# Using range in various loop forms.
acc = []
for i in range(3):
    for j in range(i, 3):
        acc.append((i, j))
print(acc)
print([i for i in range(100) if i % 17 == 0], list(range(1, 2)), list(range(1, 1)))
total = 0
for k in range(-5, 6, 5):
    total += k * k
print(total)
r = range(5)
it = iter(r)
print(next(it), next(it), list(it), list(it))
print(list(map(lambda i: i ** 2, range(6))), list(zip(range(3), range(10, 13))))
for i in range(3):
    pass
print("loop var after loop:", i)
for q in range(0):
    pass
try:
    q
except NameError as e:
    print("NameError:", e)
