# str.format: positional, named, indexing, attributes, auto numbering.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = Point(3, 4)
print("{} {} {}".format(1, "two", 3.0))
print("{0} {1} {0}".format("a", "b"))
print("{name} is {age}".format(name="Bob", age=25))
print("{0[0]} {0[2]} {1[key]}".format([10, 20, 30], {"key": "val"}))
print("{p.x},{p.y} {0.x}".format(p, p=p))
print("{{literal}} {}".format("x"), "{:}".format(5), "{!r}".format("s"), "{!s}".format(1.0), "{!a}".format("é"))
print("{0!r:>10}|".format("hi"), "{:^9}|".format("mid"), "{:*<6}|".format("ab"), "{:=+7}".format(42))
data = {"a": 1, "b": [1, 2]}
print("{a}-{b[1]}".format(**data), "{}{}".format(*"xy"))
for bad in ["{0} {}", "{} {1}", "{x}", "{0}{1}"]:
    try:
        print(bad.format(1))
    except (ValueError, KeyError, IndexError) as e:
        print(type(e).__name__ + ":", e)
print(format(3.5), format("s", ">4"), format(12, "04"), format([1, 2]))
