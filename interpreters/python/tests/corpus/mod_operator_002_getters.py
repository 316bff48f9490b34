# operator.itemgetter / attrgetter / methodcaller.
import operator as op
rows = [{"name": "ann", "age": 31, "city": "Oslo"}, {"name": "bob", "age": 25, "city": "Rome"}, {"name": "cy", "age": 31, "city": "Bern"}]
print(sorted(rows, key=op.itemgetter("age", "name")))
print(list(map(op.itemgetter("name"), rows)), op.itemgetter(0, -1)("abcdef"), op.itemgetter(slice(1, 3))([0, 1, 2, 3]))
class P:
    def __init__(self, name, pos):
        self.name = name
        self.pos = pos
    def greet(self, greeting, punct="!"):
        return f"{greeting} {self.name}{punct}"
class Pos:
    def __init__(self, x, y):
        self.x, self.y = x, y
ps = [P("zed", Pos(1, 9)), P("amy", Pos(3, 2)), P("max", Pos(2, 5))]
print([p.name for p in sorted(ps, key=op.attrgetter("name"))], [p.name for p in sorted(ps, key=op.attrgetter("pos.y"))])
print(op.attrgetter("name", "pos.x")(ps[0]))
print(list(map(op.methodcaller("greet", "hi"), ps)), op.methodcaller("greet", "yo", punct="?")(ps[1]))
print(list(map(op.methodcaller("upper"), ["a", "b"])), op.methodcaller("split", ",")("a,b,c"))
pairs = [(1, "b"), (0, "c"), (1, "a")]
print(sorted(pairs, key=op.itemgetter(1)), max(pairs, key=op.itemgetter(0)), min(pairs, key=op.itemgetter(0, 1)))
try:
    op.itemgetter(5)([1, 2])
except IndexError as e:
    print("IndexError:", e)
try:
    op.attrgetter("nope")(ps[0])
except AttributeError as e:
    print("AttributeError:", e)
