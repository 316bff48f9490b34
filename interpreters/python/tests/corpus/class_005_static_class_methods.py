# staticmethod, classmethod, alternative constructors, class-level counters.
class Date:
    created = 0
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d
        type(self).created += 1
    @classmethod
    def from_string(cls, s):
        y, m, d = map(int, s.split("-"))
        return cls(y, m, d)
    @staticmethod
    def is_leap(y):
        return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    def __repr__(self):
        return f"{type(self).__name__}({self.y}, {self.m}, {self.d})"
class MyDate(Date):
    created = 0
d1 = Date(2020, 1, 2)
d2 = Date.from_string("1999-12-31")
d3 = MyDate.from_string("2000-02-29")
print(d1, d2, d3, type(d3).__name__)
print(Date.created, MyDate.created)
print(Date.is_leap(2000), Date.is_leap(1900), d1.is_leap(2024), MyDate.is_leap(2023))
print(type(Date.__dict__["is_leap"]).__name__, type(Date.__dict__["from_string"]).__name__)
f = Date.from_string
print(f("2001-01-01"), f.__self__ is Date)
