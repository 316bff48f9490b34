# iter/next with default; all/any short circuit; iterators are exhausted once.
it = iter([10, 20])
print(next(it), next(it), next(it, "default"), next(it, None))
calls = []
def check(x):
    calls.append(x)
    return x > 2
print(any(check(x) for x in [1, 2, 3, 4, 5]), calls)
calls.clear()
print(all(check(x) for x in [3, 4, 1, 5]), calls)
print(any([]), all([]), any(iter([0, 0, 1])), all(x for x in range(1, 5)))
s = iter("abc")
print(list(s), list(s), next(s, "exhausted"))
d = iter({"a": 1, "b": 2})
print(next(d), list(d))
class Seq:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i
print(list(Seq()), sum(Seq()), iter(it) is it)
