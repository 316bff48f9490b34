# Rich comparisons, reflection, total ordering by hand, __hash__ with __eq__.
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))
    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))
    def __eq__(self, o):
        return isinstance(o, Version) and self.parts == o.parts
    def __lt__(self, o):
        return self.parts < o.parts
    def __le__(self, o):
        return self.parts <= o.parts
    def __hash__(self):
        return hash(self.parts)
vs = [Version(s) for s in ["1.10.0", "1.2", "1.2.0", "0.9.9", "1.2"]]
print(sorted(vs), max(vs), min(vs))
print(vs[1] == vs[4], vs[1] == vs[2], vs[1] < vs[2], vs[0] > vs[1], vs[3] >= vs[1])
print(len(set(vs)), {Version("1.0"): "one"}[Version("1.0")])
print(Version("1.0") == "1.0", Version("1.0") != "1.0")
class Spy:
    def __init__(self, name):
        self.name = name
    def __eq__(self, o):
        print(f"  {self.name}.__eq__({o.name})")
        return NotImplemented
    def __lt__(self, o):
        print(f"  {self.name}.__lt__({o.name})")
        return NotImplemented
    def __gt__(self, o):
        print(f"  {self.name}.__gt__({o.name})")
        return True
p, q = Spy("p"), Spy("q")
print(p == q)
print(p < q)
print(p == p)
try:
    Spy("a") <= Spy("b")
except TypeError as e:
    print("TypeError:", e)
class Always:
    def __eq__(self, o):
        return True
print(Always() == 5, 5 == Always(), [1, 2].count(Always()), Always() in [9])
