# Multiple inheritance and C3 linearization.
class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B>" + super().who()
class C(A):
    def who(self):
        return "C>" + super().who()
class D(B, C):
    def who(self):
        return "D>" + super().who()
print(D().who())
print([k.__name__ for k in D.__mro__])
class X: pass
class Y: pass
class Z: pass
class K1(X, Y): pass
class K2(Y, Z): pass
class K3(X, Z): pass
class M(K1, K2, K3): pass
print([k.__name__ for k in M.__mro__])
print([k.__name__ for k in M.mro()])
try:
    class Bad(A, B):
        pass
except TypeError as e:
    print("TypeError:", e)
class Mixin:
    def greet(self):
        return "mixin greets " + self.name()
class Named:
    def name(self):
        return "named"
class Both(Mixin, Named):
    pass
print(Both().greet(), [k.__name__ for k in Both.__mro__])
class Init1:
    def __init__(self):
        self.trail = getattr(self, "trail", []) + ["Init1"]
        super().__init__()
class Init2:
    def __init__(self):
        self.trail = getattr(self, "trail", []) + ["Init2"]
        super().__init__()
class Init3(Init1, Init2):
    def __init__(self):
        self.trail = ["Init3"]
        super().__init__()
print(Init3().trail)
