# Class attribute mutation vs rebinding; shared mutable class attributes.
class Bag:
    items = []
    tags = ()
    def add(self, x):
        self.items.append(x)
    def tag(self, t):
        self.tags = self.tags + (t,)
a, b = Bag(), Bag()
a.add(1)
b.add(2)
a.tag("x")
print(a.items, b.items, Bag.items, a.tags, b.tags, Bag.tags)
print("tags" in a.__dict__, "items" in a.__dict__)
class Counter:
    n = 0
    def bump(self):
        self.n += 1
c1, c2 = Counter(), Counter()
c1.bump()
c1.bump()
print(c1.n, c2.n, Counter.n)
Counter.n = 10
print(c1.n, c2.n)
print(getattr(c2, "n"), getattr(c2, "missing", "dflt"))
setattr(c2, "n", 77)
print(c2.n, Counter.n)
delattr(c2, "n")
print(c2.n)
class Outer:
    class Inner:
        val = "inner"
    ref = Inner.val
print(Outer.Inner.val, Outer.ref, Outer.Inner.__qualname__)
