# Single inheritance, overriding, super().
class Shape:
    def __init__(self, name):
        self.name = name
    def area(self):
        return 0
    def describe(self):
        return f"{self.name} with area {self.area():.2f}"
class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h
class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
        self.name = "square"
    def describe(self):
        return "[" + super().describe() + "]"
class Circle(Shape):
    def __init__(self, r):
        Shape.__init__(self, "circle")
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2
shapes = [Shape("blob"), Rect(2, 3), Square(4), Circle(1)]
for s in shapes:
    print(s.describe())
print(isinstance(shapes[2], Rect), isinstance(shapes[2], Shape), isinstance(shapes[1], Square))
print(issubclass(Square, Shape), issubclass(Shape, Square), issubclass(Circle, (Rect, Shape)), issubclass(Square, Square))
print(isinstance(3, (str, int)), isinstance("s", (list, tuple)), isinstance(True, int))
print([c.__name__ for c in Square.__mro__], Square.__bases__[0].__name__, Shape.__base__.__name__)
class Base:
    def hello(self):
        return "base hello"
class Child(Base):
    def hello(self):
        return "child+" + super().hello()
class GrandChild(Child):
    pass
print(GrandChild().hello(), super(Child, Child()).hello())
