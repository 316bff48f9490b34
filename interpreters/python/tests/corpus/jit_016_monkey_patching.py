# Class attributes and methods are replaced mid-loop (monkey patching invalidates method caches).
class Greeter:
    bonus = 1
    def value(self, x):
        return x + self.bonus
g = Greeter()
total = 0
for i in range(6000):
    if i == 2000:
        Greeter.value = lambda self, x: x * 2 + self.bonus
    if i == 4000:
        Greeter.bonus = 100
    if i == 5000:
        g.value = lambda x: -x
    total += g.value(i)
print(total)
class Base:
    def f(self):
        return 1
class Derived(Base):
    pass
d = Derived()
acc = 0
for i in range(3000):
    if i == 1000:
        Derived.f = lambda self: 2
    if i == 2000:
        del Derived.f
        Base.f = lambda self: 3
    acc += d.f()
print(acc)
