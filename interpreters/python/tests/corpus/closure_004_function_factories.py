# Function factories and partial application by closures.
def power(exp):
    def f(base):
        return base ** exp
    f.__name__ = f"power_{exp}"
    return f
sq, cube = power(2), power(3)
print(sq(7), cube(3), sq.__name__, cube.__name__, [power(e)(2) for e in range(6)])
def make_filter(lo, hi):
    return lambda xs: [x for x in xs if lo <= x < hi]
teens = make_filter(13, 20)
print(teens(range(0, 30, 3)))
def pipeline(*steps):
    def run(value):
        for s in steps:
            value = s(value)
        return value
    return run
p = pipeline(str.strip, str.lower, lambda s: s.replace(" ", "_"), lambda s: s + "!")
print(p("  Hello Big World  "))
def make_stack():
    data = []
    def push(x):
        data.append(x)
    def pop():
        return data.pop()
    def size():
        return len(data)
    return {"push": push, "pop": pop, "size": size}
s = make_stack()
for i in range(5):
    s["push"](i * i)
print(s["pop"](), s["pop"](), s["size"]())
