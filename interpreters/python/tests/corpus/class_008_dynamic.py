# Dynamic class features: type(), adding methods, getattr dispatch, __class__.
def hello(self):
    return "hello from " + self.name
Dyn = type("Dyn", (object,), {"name": "dyn", "hello": hello})
d = Dyn()
print(d.hello(), Dyn.__name__, type(d).__name__)
Dyn.extra = lambda self, x: x * 2
print(d.extra(21))
class Calc:
    def op_add(self, a, b):
        return a + b
    def op_mul(self, a, b):
        return a * b
    def run(self, op, a, b):
        fn = getattr(self, "op_" + op, None)
        return fn(a, b) if fn else f"unknown op {op}"
c = Calc()
print(c.run("add", 2, 3), c.run("mul", 4, 5), c.run("pow", 1, 1))
class A:
    def kind(self):
        return "A"
class B:
    def kind(self):
        return "B"
obj = A()
print(obj.kind())
obj.__class__ = B
print(obj.kind(), isinstance(obj, B))
Sub = type("Sub", (Calc,), {})
print(Sub().run("add", 1, 1), [k.__name__ for k in Sub.__mro__])
