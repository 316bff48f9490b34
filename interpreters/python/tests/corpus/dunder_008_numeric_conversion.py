# __int__/__float__/__index__/__round__/__hash__/__len__/__contains__ interplay.
class Num:
    def __init__(self, v):
        self.v = v
    def __int__(self):
        return int(self.v)
    def __float__(self):
        return float(self.v)
    def __index__(self):
        return int(self.v)
    def __round__(self, nd=None):
        return Num(round(self.v, nd))
    def __repr__(self):
        return f"Num({self.v})"
n = Num(3.7)
print(int(n), float(n), round(n), round(n, 0), "abcdef"[Num(2)], [0, 1, 2, 3][Num(1):Num(3)])
print(bin(Num(5)), hex(Num(255)), list(range(Num(3))), "ab" * Num(2))
class Len:
    def __len__(self):
        return 7
print(len(Len()), bool(Len()))
class BadLen:
    def __len__(self):
        return -1
try:
    len(BadLen())
except ValueError as e:
    print("ValueError:", e)
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return "xyz"[i]
print(list(reversed(Seq())), "y" in Seq(), sorted(Seq(), reverse=True))
class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, o):
        return self.k == o.k
    def __hash__(self):
        return hash(self.k) % 3
d = {Key(i): i for i in range(10)}
print(len(d), d[Key(7)], Key(3) in d, Key(11) in d)
