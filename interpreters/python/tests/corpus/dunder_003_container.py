# Container protocol: __getitem__/__setitem__/__delitem__/__len__/__contains__/__iter__.
class SparseList:
    def __init__(self, size):
        self.size = size
        self.data = {}
    def __len__(self):
        return self.size
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.size))]
        if i < 0:
            i += self.size
        if not 0 <= i < self.size:
            raise IndexError("sparse index out of range")
        return self.data.get(i, 0)
    def __setitem__(self, i, v):
        self.data[i] = v
    def __delitem__(self, i):
        self.data.pop(i, None)
    def __contains__(self, v):
        print("  __contains__", v)
        return v in self.data.values() or (v == 0 and len(self.data) < self.size)
s = SparseList(8)
s[2] = 5
s[7] = 9
print(len(s), s[2], s[-1], s[0], s[1:8:2], list(s))
print(5 in s, 4 in s)
del s[2]
print(list(s), bool(s), sum(s))
try:
    s[8]
except IndexError as e:
    print("IndexError:", e)
class OnlyGetitem:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError
        return i * 10
print(list(OnlyGetitem()), 20 in OnlyGetitem(), 25 in OnlyGetitem(), [x for x in OnlyGetitem()])
class Grid:
    def __init__(self):
        self.cells = {}
    def __getitem__(self, key):
        r, c = key
        return self.cells.get((r, c), ".")
    def __setitem__(self, key, v):
        self.cells[key] = v
g = Grid()
g[0, 1] = "#"
g[2, 2] = "@"
print("\n".join("".join(g[r, c] for c in range(3)) for r in range(3)))
class Empty:
    def __len__(self):
        return 0
print(bool(Empty()), len(Empty()), "yes" if Empty() else "no")
