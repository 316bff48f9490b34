# Exceptions thrown into and out of generators.
def gen():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("  gen caught", repr(e))
        yield "recovered"
    finally:
        print("  gen finally")
g = gen()
print(next(g))
print(g.throw(ValueError("injected")))
try:
    next(g)
except StopIteration:
    print("exhausted")
def failing():
    yield 1
    raise KeyError("from gen")
try:
    for x in failing():
        print("got", x)
except KeyError as e:
    print("KeyError:", e)
g2 = gen()
next(g2)
g2.close()
print("closed")
def returns():
    yield 1
    return "retval"
it = returns()
next(it)
try:
    next(it)
except StopIteration as e:
    print("StopIteration value:", e.value, e.args)
def bad():
    raise StopIteration("inside")
    yield
try:
    next(bad())
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)
