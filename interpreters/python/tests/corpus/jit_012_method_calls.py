# Method calls on instances in a hot loop, including a subclass instance appearing mid-loop (polymorphic site).
class Counter:
    def __init__(self):
        self.n = 0
    def inc(self, by):
        self.n += by
        return self.n
class Doubler(Counter):
    def inc(self, by):
        self.n += 2 * by
        return self.n
objs = [Counter(), Counter()]
total = 0
for i in range(10000):
    if i == 5000:
        objs.append(Doubler())
    o = objs[i % len(objs)]
    total += o.inc(i % 10)
print(total, [o.n for o in objs], [type(o).__name__ for o in objs])
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def add(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def dot(self, o):
        return self.x * o.x + self.y * o.y
v = Vec(0, 0)
d = Vec(1, -2)
for i in range(5000):
    v = v.add(d)
print(v.x, v.y, v.dot(d))
