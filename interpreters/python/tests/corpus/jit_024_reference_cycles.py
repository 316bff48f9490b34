# A loop creating reference cycles; results must be unaffected by when (or whether) they are collected.
class Node:
    def __init__(self, v):
        self.v = v
        self.other = None
total = 0
for i in range(10000):
    a = Node(i)
    b = Node(-i)
    a.other = b
    b.other = a
    total += a.other.other.v + b.other.v
print(total)
keep = []
for i in range(2000):
    lst = [i]
    lst.append(lst)
    if i % 500 == 0:
        keep.append(lst)
print(len(keep), [k[0] for k in keep], keep[1][1][1][1] is keep[1])
d = {}
for i in range(3000):
    d = {"prev": d, "i": i} if i % 100 else {"i": i}
depth = 0
cur = d
while "prev" in cur:
    cur = cur["prev"]
    depth += 1
print(depth, cur["i"])
