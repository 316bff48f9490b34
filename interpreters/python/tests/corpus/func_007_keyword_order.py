# Argument evaluation order and keyword binding.
log = []
def val(tag, v):
    log.append(tag)
    return v
def f(a, b, c=0, *args, d=0, **kw):
    return a + b + c + d + sum(args) + sum(kw.values())
r = f(val("a", 1), val("b", 2), *[val("star", 3)], d=val("d", 4), **{"e": val("dstar", 5)})
print(r, log)
log.clear()
d = {val("k1", "x"): val("v1", 1), val("k2", "y"): val("v2", 2)}
print(d, log)
log.clear()
lst = [val(i, i) for i in range(3)]
x = val("left", 1) + val("right", 2) * val("mul", 3)
print(x, log)
log.clear()
print(val("a", 0) or val("b", 0) or val("c", 5), val("d", 1) and val("e", 0) and val("f", 1), log)
log.clear()
def kw(**k):
    return list(k)
print(kw(z=1, a=2, m=3), kw(**{"b": 1}, a=2))
