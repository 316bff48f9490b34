# Default arguments, evaluated once; the mutable default gotcha.
def greet(name, greeting="Hello", punct="!"):
    return f"{greeting}, {name}{punct}"
print(greet("Ann"), greet("Bob", "Hi"), greet("Cy", punct="?"), greet(greeting="Yo", name="Di"))
def append_to(x, acc=[]):
    acc.append(x)
    return acc
print(append_to(1), append_to(2), append_to(3, []), append_to(4))
def append_fixed(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc
print(append_fixed(1), append_fixed(2))
counter = 10
def snapshot(v=counter):
    return v
counter = 20
print(snapshot(), snapshot(5))
print(greet.__defaults__, append_to.__defaults__, greet.__name__)
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)
print(f(1, c=3), f(1, 2, 3, 4, c=5, e=6), f(a=0, c=0, z=9))
