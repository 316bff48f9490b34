# Slice assignments from slices (`dst[a:b] = src[c:d:e]`), which traces
# fuse without building the temporary list, in every variation that must
# still behave like the plain operations.


def flips(perm):
    # fannkuch's inner loop: the source is the destination.
    count = 0
    k = perm[0]
    while k:
        perm[:k + 1] = perm[k::-1]
        count += 1
        k = perm[0]
    return count


total = 0
for i in range(400):
    p = [(i * 7 + j * 3) % 9 for j in range(9)]
    seen = set()
    q = []
    for x in p:
        if x not in seen:
            seen.add(x)
            q.append(x)
    q += [x for x in range(9) if x not in seen]
    total += flips(q)
print("flips", total)

# Other sources, other lengths (the list grows and shrinks), tuples.
a = list(range(12))
t = tuple(range(100, 112))
out = []
for i in range(300):
    b = a[:]
    b[1:3] = a[::3]
    b[i % 5:] = t[i % 7:i % 7 + 3]
    b[:2] = t[-1:-4:-1]
    b[:] = b[::-1]
    if i % 60 == 0:
        out.append(b)
print(out)


# The source changes between taking the slice and storing it: the stored
# items are the ones the slice had.
def grow(lst):
    lst.append(len(lst))
    return 2


c = [1, 2, 3]
for i in range(200):
    c[:grow(c)] = c[::-1]
    if len(c) > 8:
        del c[3:]
print(c)


# A branch between the slice and the store (a guard whose resume data
# needs the slice, failing often enough to get a bridge).
def cut(k):
    if k % 3:
        return k + 1
    return k


d = list(range(10))
snap = []
for i in range(600):
    k = i % 9
    d[:cut(k)] = d[k::-1]
    if i % 100 == 0:
        snap.append((len(d), sum(d), d[:6]))
print(snap)

# Overflow between the slice and the store.
e = list(range(6))
big = 2 ** 62
for i in range(300):
    n = big if i % 50 == 49 else i
    e[:n + big] = e[::-1]
    e[3:] = e[2::-1] + e[3:]
    del e[6:]
print(e)

# A step that is not constant, sometimes zero.
f = list(range(8))
errors = 0
for i in range(300):
    s = (i % 5) - 2
    try:
        f[:2] = f[::s][:2]
    except ValueError:
        errors += 1
print(f, errors)


# Subclasses take the generic path.
class L(list):
    pass


g = L(range(5))
for i in range(200):
    g[:2] = g[i % 5::-1][:2]
print(g, type(g[::-1]).__name__)
