# __call__, __repr__ vs __str__ in print/format/containers, __bool__, __len__ fallback.
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __repr__(self):
        return f"Money({self.cents})"
    def __str__(self):
        return f"${self.cents // 100}.{self.cents % 100:02d}"
    def __bool__(self):
        return self.cents != 0
m = Money(12345)
print(m)
print(str(m), repr(m), f"{m}", f"{m!r}", "%s %r" % (m, m), "{} {!r}".format(m, m))
print([m, Money(5)], (m,), {"k": m})
print(bool(m), bool(Money(0)), "truthy" if Money(1) else "falsy", not Money(0))
class OnlyRepr:
    def __repr__(self):
        return "<OnlyRepr>"
print(OnlyRepr(), str(OnlyRepr()), [OnlyRepr()])
class Adder:
    def __init__(self, n):
        self.n = n
        self.calls = 0
    def __call__(self, x, *more, scale=1):
        self.calls += 1
        return (self.n + x + sum(more)) * scale
add5 = Adder(5)
print(add5(1), add5(1, 2, 3), add5(1, scale=10), add5.calls, callable(add5), list(map(add5, [0, 1])))
class BadBool:
    def __bool__(self):
        return 1
try:
    bool(BadBool())
except TypeError as e:
    print("TypeError:", e)
class BadRepr:
    def __repr__(self):
        return 42
try:
    repr(BadRepr())
except TypeError as e:
    print("TypeError:", e)
