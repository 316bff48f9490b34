# Short loops that end by returning from their function every time they
# run: traces that go through the return instead of closing the loop.


def first_positive(xs):
    for x in xs:
        if x > 0:
            return x
    return None


def index_of(xs, want):
    i = 0
    while i < len(xs):
        if xs[i] == want:
            return i
        i += 1
    return -1


class Finder:
    def __init__(self, items):
        self.items = items

    def find(self, pred):
        for it in self.items:
            if pred(it):
                return it
        return "none"


# Mostly found in the second iteration: every time the loop header is
# reached, the loop is about to return.
data = [[-1, 3], [-6, 4], [-5, 7, 8], [0, 9, -6], [-6, 1]]
total = 0
found = []
f = Finder(["apple", "banana", "cherry", "date"])
for n in range(3000):
    xs = data[n % 5]
    r = first_positive(xs)
    total += 0 if r is None else r
    total += index_of(xs, -6) + index_of(xs, 99)
    if n % 500 == 0:
        found.append(f.find(lambda s: s.startswith("c")))
        found.append(f.find(lambda s: len(s) > n % 7))
print(total, found)


# A generator whose loop returns before it yields: its return stops the
# iteration of whoever resumed it, it does not hand back a value.
def until_big(limit):
    for i in range(limit):
        if i * i > 50:
            return
    yield limit


seen = 0
for n in range(2000):
    for v in until_big(n % 12):
        seen += v
print(seen)
