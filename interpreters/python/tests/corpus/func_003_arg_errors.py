# TypeError messages for bad calls.
def f(a, b):
    return a + b
def g(a, *, k):
    return a
def h(a, /, b):
    return a
five = 5
def v(*args, x=1):
    return x
cases = [
    lambda: f(1),
    lambda: f(),
    lambda: f(1, 2, 3),
    lambda: f(1, 2, c=3),
    lambda: f(1, a=1),
    lambda: g(1),
    lambda: g(1, 2),
    lambda: h(a=1, b=2),
    lambda: v(y=2),
    lambda: f(*[1], **{"a": 2}),
    lambda: len(),
    lambda: len(1, 2),
    lambda: (lambda: 0)(1),
    lambda: int("1", "2", "3"),
    lambda: "x".join(),
    lambda: five(),
]
for c in cases:
    try:
        c()
    except TypeError as e:
        print("TypeError:", e)
class K:
    def m(self, x):
        return x
try:
    K().m()
except TypeError as e:
    print("TypeError:", e)
try:
    K().m(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    K.m(1)
except TypeError as e:
    print("TypeError:", e)
