# Late binding of loop variables in closures and the default-arg fix.
fns = [lambda: i for i in range(4)]
print([f() for f in fns])
fns2 = [lambda i=i: i for i in range(4)]
print([f() for f in fns2])
def make_multipliers():
    out = []
    for k in range(1, 4):
        def m(x, k=k):
            return x * k
        out.append(m)
    return out
print([m(10) for m in make_multipliers()])
def late():
    fs = []
    for k in range(1, 4):
        fs.append(lambda x: x * k)
    return fs
print([m(10) for m in late()])
def outer():
    v = "first"
    def show():
        return v
    v = "second"
    return show
print(outer()())
