# Arithmetic dunders including reflected and in-place variants.
class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"V({self.x}, {self.y})"
    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x, self.y + o.y)
        if isinstance(o, (int, float)):
            return V(self.x + o, self.y + o)
        return NotImplemented
    def __radd__(self, o):
        print("  radd called with", o)
        return self.__add__(o)
    def __iadd__(self, o):
        print("  iadd called")
        self.x += o.x
        self.y += o.y
        return self
    def __sub__(self, o):
        return V(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return V(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __truediv__(self, k):
        return V(self.x / k, self.y / k)
    def __floordiv__(self, k):
        return V(self.x // k, self.y // k)
    def __mod__(self, k):
        return V(self.x % k, self.y % k)
    def __neg__(self):
        return V(-self.x, -self.y)
    def __pos__(self):
        return V(+self.x, +self.y)
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __pow__(self, n):
        return V(self.x ** n, self.y ** n)
a, b = V(1, 2), V(3, 4)
print(a + b, a - b, a * 3, 3 * a, b / 2, b // 2, V(-7, 7) % 3, -a, +a, abs(b), a ** 2)
print(a + 10, 10 + a)
print(sum([a, b, V(5, 5)], V(0, 0)))
print(sum([a, b]))
c = a
c += b
print(c, a, c is a)
try:
    a + "s"
except TypeError as e:
    print("TypeError:", e)
try:
    "s" - a
except TypeError as e:
    print("TypeError:", e)
class OnlyAdd:
    def __add__(self, o):
        return "OnlyAdd.__add__"
x = OnlyAdd()
x += 1
print(x)
