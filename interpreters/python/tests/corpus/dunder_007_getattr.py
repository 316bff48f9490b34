# __getattr__ (fallback only), __setattr__, __delattr__, __getattribute__ basics.
class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "log", [])
    def __getattr__(self, name):
        self.log.append(name)
        return getattr(self._target, name)
    def __setattr__(self, name, value):
        self.log.append("set " + name)
        setattr(self._target, name, value)
class Target:
    def __init__(self):
        self.x = 1
    def method(self):
        return "method result"
t = Target()
p = Proxy(t)
print(p.x, p.method(), p.log)
p.y = 5
print(t.y, p.y, p.log)
try:
    p.nope
except AttributeError as e:
    print("AttributeError:", e)
class Defaults:
    a = 1
    def __getattr__(self, name):
        if name.startswith("dyn_"):
            return name[4:] * 2
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
d = Defaults()
print(d.a, d.dyn_ab, getattr(d, "dyn_x"), hasattr(d, "other"), getattr(d, "other", "fallback"))
class Frozen:
    def __init__(self):
        object.__setattr__(self, "v", 10)
    def __setattr__(self, k, v):
        raise AttributeError(f"cannot set {k}")
    def __delattr__(self, k):
        raise AttributeError(f"cannot delete {k}")
f = Frozen()
for action in (lambda: setattr(f, "v", 2), lambda: delattr(f, "v")):
    try:
        action()
    except AttributeError as e:
        print("AttributeError:", e)
print(f.v)
class Counting:
    def __init__(self):
        self.hits = 0
    def __getattribute__(self, name):
        if name != "hits":
            object.__setattr__(self, "hits", object.__getattribute__(self, "hits") + 1)
        return object.__getattribute__(self, name)
    def m(self):
        return "m"
c = Counting()
c.m()
c.m()
_ = c.__class__
print(c.hits)
class Foo:
    pass
try:
    Foo().x
except AttributeError as e:
    print("AttributeError:", e)
try:
    Foo.y
except AttributeError as e:
    print("AttributeError:", e)
