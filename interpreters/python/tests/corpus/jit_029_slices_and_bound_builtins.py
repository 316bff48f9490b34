a = list(range(10))
for i in range(300):
    b = a[:]
    k = i % 10
    b[:k + 1] = a[k::-1]
    b[5:2] = []
    b[2:2] = (7,)
    b[::2] = (b[1::2] + [0, 0])[:len(b[::2])]
    c = b[-3:100]
    d = b[100:-100:-3]
    e = "hello"[i % 5::-1]
    t = tuple(b)[1:-1:2]
    if i % 97 == 0:
        print(b, c, d, e, t)
try:
    a[::0] = []
except ValueError as ex:
    print("ValueError", ex)
try:
    a[::2] = [1]
except ValueError as ex:
    print("ValueError", ex)
try:
    a[1:2] = 5
except TypeError as ex:
    print("TypeError", ex)
a[:] = a
a[1:3] = a
print(a)

# Bound built-in methods kept in locals, called in hot loops (fannkuch's
# perm1_ins(r, perm1_pop(0))), and slices of subclasses and odd bounds.
perm = list(range(6))
ins, pop = perm.insert, perm.pop
acc = []
add = acc.append
for i in range(400):
    ins(i % 6, pop(0))
    if i % 50 == 0:
        add(tuple(perm))
print(acc)


class L(list):
    def __getitem__(self, k):
        return ("L", k if not isinstance(k, slice) else (k.start, k.stop, k.step))


class Index:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


ll = L([1, 2, 3])
out = []
for i in range(300):
    x = ll[1:2] if i % 2 else perm[Index(1):Index(4)]
    y = perm[True:]
    z = "abcdef"[-2:]
    if i % 60 == 0:
        out.append((x, y, z))
print(out)
try:
    for i in range(300):
        q = perm[1:"x"]
except TypeError as ex:
    print("TypeError", ex, i)
