# A list nested 10000 deep, built in a loop and measured iteratively (no recursion).
root = []
cur = root
for i in range(10000):
    nxt = [i]
    cur.append(nxt)
    cur = nxt
def depth_iter(x):
    d = 0
    while isinstance(x, list) and x:
        last = x[-1]
        if not isinstance(last, list):
            break
        x = last
        d += 1
    return d
print(depth_iter(root))
total = 0
stack = [root]
while stack:
    node = stack.pop()
    for e in node:
        if isinstance(e, list):
            stack.append(e)
        else:
            total += e
print(total)
d = {}
c = d
for i in range(10000):
    c["child"] = {}
    c = c["child"]
n = 0
while "child" in d:
    d = d["child"]
    n += 1
print(n)
t = ()
for i in range(10000):
    t = (i, t)
s = 0
while t:
    s += t[0]
    t = t[1]
print(s)
