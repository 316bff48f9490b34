# Decorators: plain, with arguments, stacked, class-based, functools.wraps.
import functools
def shout(fn):
    def wrapper(*a, **k):
        return fn(*a, **k).upper() + "!"
    return wrapper
def repeat(times):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            return [fn(*a, **k) for _ in range(times)]
        return wrapper
    return deco
def trace(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        print(f"  -> {fn.__name__}{a}")
        r = fn(*a, **k)
        print(f"  <- {fn.__name__} = {r!r}")
        return r
    return wrapper
@shout
def greet(name):
    """Greets."""
    return "hello " + name
@repeat(3)
def roll(x):
    return x * 2
@trace
@repeat(2)
def pair(a, b):
    """Docstring survives."""
    return a + b
print(greet("bob"), greet.__name__, greet.__doc__)
print(roll(4), roll.__name__)
print(pair(1, 2), pair.__name__, pair.__doc__, pair.__wrapped__.__name__)
class CountCalls:
    def __init__(self, fn):
        functools.update_wrapper(self, fn)
        self.fn = fn
        self.calls = 0
    def __call__(self, *a):
        self.calls += 1
        return self.fn(*a)
@CountCalls
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(15), fib.calls, fib.__name__)
registry = {}
def register(name):
    def deco(fn):
        registry[name] = fn
        return fn
    return deco
@register("double")
def _d(x):
    return 2 * x
@register("neg")
def _n(x):
    return -x
print(sorted(registry), registry["double"](21), registry["neg"](5))
def add_attr(cls):
    cls.decorated = True
    return cls
@add_attr
class Thing:
    pass
print(Thing.decorated)
order = []
def mark(tag):
    order.append("factory " + tag)
    def deco(fn):
        order.append("apply " + tag)
        return fn
    return deco
@mark("outer")
@mark("inner")
def marked():
    pass
print(order)
