# Functions as values: attributes, higher-order functions, introspection.
def compose(*fs):
    def composed(x):
        for f in reversed(fs):
            x = f(x)
        return x
    return composed
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), compose()(7))
ops = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "pow": pow}
print([ops[k](7, 2) for k in sorted(ops)])
def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x
print(apply_n(dbl, 10, 1), apply_n(str.upper, 1, "abc"))
def documented(a, b=1):
    """Return the sum."""
    return a + b
print(documented.__name__, documented.__doc__, documented.__defaults__)
documented.custom = "attr"
print(documented.custom, callable(documented), callable(3), callable(len), callable(int))
print(inc.__name__, (lambda: 0).__name__, type(inc).__name__)
print(list(map(lambda f: f(3), [inc, dbl, abs, str])))
def noreturn():
    x = 1
print(noreturn(), (lambda: None)())
