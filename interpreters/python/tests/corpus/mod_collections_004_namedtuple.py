# namedtuple: construction, fields, _replace, _asdict, _make, defaults, tuple behaviour.
from collections import namedtuple
Point = namedtuple("Point", ["x", "y"])
p = Point(3, 4)
q = Point(y=1, x=2)
print(p, q, p.x, p[1], p + q, len(p), p == (3, 4))
x, y = p
print(x, y, Point._fields, p._asdict(), p._replace(x=10), Point._make([7, 8]))
print(sorted([Point(2, 1), Point(1, 5), Point(1, 2)]), max(Point(2, 1), Point(1, 5)))
Color = namedtuple("Color", "r g b alpha", defaults=[255])
print(Color(1, 2, 3), Color(1, 2, 3, 0), Color._field_defaults)
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)
class Vec(namedtuple("VecBase", "x y")):
    def norm2(self):
        return self.x ** 2 + self.y ** 2
v = Vec(3, 4)
print(v, v.norm2(), isinstance(v, tuple), type(v).__name__)
d = {Point(0, 0): "origin"}
print(d[(0, 0)], hash(Point(1, 2)) == hash((1, 2)))
