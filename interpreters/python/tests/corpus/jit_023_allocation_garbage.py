# A loop whose body allocates objects that immediately become garbage.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
acc = 0
for i in range(20000):
    p = Point(i, -i)
    t = (p.x, p.y, [p.x] * 3)
    d = {"k": t}
    acc += d["k"][2][1] * 3 + p.y + len(t) - (i % 7)
print(acc)
total = 0
for i in range(5000):
    s = str(i) * 3
    l = list(s)
    total += len(l) + int(s[:2] or "0")
print(total)
