# Attribute writes that change an object's set of attributes after many iterations (map/shape transitions).
class Obj:
    pass
o = Obj()
o.a = 0
total = 0
for i in range(8000):
    o.a += 1
    if i == 4000:
        o.b = 100
    if i > 4000:
        o.b += 1
        total += o.b
    if i == 6000:
        del o.a
        o.a = -1000
        o.c = "c"
    total += o.a
print(total, sorted(vars(o).items()))
objs = []
for i in range(3000):
    p = Obj()
    p.x = i
    if i % 3 == 0:
        p.y = i * 2
    if i % 5 == 0:
        p.z = -i
    objs.append(p)
print(sum(p.x + getattr(p, "y", 0) + getattr(p, "z", 0) for p in objs))
