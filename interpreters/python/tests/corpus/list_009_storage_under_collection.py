# List storage while collections run: items reachable only through lists
# survive, slots a list vacates hold nothing, arrays grow and shrink.
def churn(n):
    s = 0
    for i in range(n):
        t = [i, str(i), [i]]
        s += len(t[1])
    return s

keep = [[str(i), [i] * 3] for i in range(3000)]
grow = []
for i in range(20000):
    grow.append(str(i))
    if i % 7 == 0:
        grow.insert(0, 'h%d' % i)
    if i % 11 == 0:
        grow.pop(0)
    if i % 13 == 0:
        grow.pop()
churn(50000)
print(len(keep), keep[0], keep[1234][0], keep[-1][1])
print(len(grow), grow[:3], grow[-3:])
del grow[100:5000]
grow[10:20] = [x * 2 for x in 'abc']
grow[:0] = grow[-2:]
churn(50000)
print(len(grow), grow[:4], grow[9:14], grow[-2:])
l = list(range(10))
l[2:5] = l
print(l)
l += l
l *= 2
print(len(l), l[:5], l[-3:])
l[::2] = [str(x) for x in range(len(l[::2]))]
print(l[:6])
l[:] = ()
print(l, len(l))
l.extend(x for x in range(5))
l.extend(l)
print(l)
s = [str(i) for i in range(500)]
s.sort(key=lambda x: (churn(3), x[::-1]))
print(s[:5], s[-2:])
r = sorted(([i % 10, str(i)] for i in range(2000)), reverse=True)
churn(20000)
print(r[:2], r[-1])
e = []
print(e[0:0], e[:], e[::-1], [] == e, e + [1], 0 in e)
e.insert(5, 'x'); e.insert(-9, 'y'); print(e, e.pop(), e.pop(), e)
m = [[1, 2], [3, 4]]
a, b = m
(c, d), (f, g) = m
print(a, b, c, d, f, g, m[-1][-1], m[1][0])
class L(list):
    pass
x = L([3, 1, 2]); x.append(0); x.sort(); x[1:3] = x; print(x, len(x), type(x[:]).__name__)
z = [0] * 5
for i, v in enumerate(z):
    z[i] = i * i
print(z, z[::-2], list(reversed(z)), 16 in z, z.index(9), z.count(0))
big = list(range(100000))
big[10:99990] = []
print(big, sum(big))
# Empty and cleared lists read in loops (no items array, or a cleared one).
hits = 0
for i in range(300):
    w = [] if i % 3 == 0 else [i, i + 1]
    if i % 5 == 0:
        w.clear()
    try:
        hits += w[0] + w[-1]
    except IndexError:
        hits -= 1
    for v in w:
        hits += v
    if len(w) == 2:
        p, q = w
        w[1] = p * q
        hits += w[1] % 7
    else:
        [] = w
print(hits)
