# functools.wraps, cmp_to_key, total_ordering.
import functools
def logged(fn):
    @functools.wraps(fn)
    def inner(*args, **kwargs):
        """inner doc"""
        return ("logged", fn(*args, **kwargs))
    return inner
@logged
def compute(x, y=1):
    """Compute things."""
    return x * y
print(compute(3, 4), compute.__name__, compute.__doc__, compute.__wrapped__(2, 2), compute.__qualname__)
def unwrapped_deco(fn):
    def inner(*a):
        return fn(*a)
    return inner
@unwrapped_deco
def other():
    """Lost doc."""
print(other.__name__, other.__doc__)
def by_len_then_rev_alpha(a, b):
    if len(a) != len(b):
        return len(a) - len(b)
    return (a < b) - (a > b)
words = ["pear", "fig", "apple", "kiwi", "date", "banana", "plum"]
print(sorted(words, key=functools.cmp_to_key(by_len_then_rev_alpha)))
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
def cmp_version(a, b):
    pa, pb = [int(x) for x in a.split(".")], [int(x) for x in b.split(".")]
    return (pa > pb) - (pa < pb)
print(sorted(["1.10", "1.2", "1.1", "2.0", "1.2.1"], key=functools.cmp_to_key(cmp_version)))
@functools.total_ordering
class Grade:
    order = "FDCBA"
    def __init__(self, g):
        self.g = g
    def __eq__(self, o):
        return self.g == o.g
    def __lt__(self, o):
        return self.order.index(self.g) < self.order.index(o.g)
    def __repr__(self):
        return self.g
gs = [Grade(c) for c in "BFAC"]
print(sorted(gs), Grade("A") > Grade("B"), Grade("C") >= Grade("C"), Grade("D") <= Grade("F"))
