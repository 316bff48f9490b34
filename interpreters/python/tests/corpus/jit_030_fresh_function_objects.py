# Function objects made anew in a loop (closures, lambdas, generator
# expressions, nested defs) are different objects every iteration but run
# the same code: traces guard on the code, and the callee still sees its
# own closure cells.

def make_adder(k):
    def add(x):
        return x + k
    return add

def loop_closures(n):
    total = 0
    for i in range(n):
        f = make_adder(i)
        total += f(i) + (lambda y: y * i)(2)
    return total

def loop_genexprs(n):
    out = []
    for k in range(n):
        out.append(sum(i * k for i in range(4)) + max(j - k for j in range(3)))
    return out[-3:], len(out)

def loop_nested_defs(n):
    acc = []
    for i in range(n):
        def inner(a, b=i):
            t = 0
            for j in range(a):
                t += j * b
            return t
        acc.append(inner(i % 7))
    return sum(acc), acc[-4:]

def pick(i):
    # Two different code objects reach the same call site.
    if i % 3 == 0:
        return lambda v: v - 1
    return lambda v: v + 1

def alternating(n):
    s = 0
    for i in range(n):
        s += pick(i)(i)
    return s

def counter():
    count = 0
    def bump():
        nonlocal count
        count += 1
        return count
    return bump

def many_counters(n):
    bumps = [counter() for _ in range(5)]
    total = 0
    for i in range(n):
        total += bumps[i % 5]()
    return total, [b() for b in bumps]

print(loop_closures(3000))
print(loop_genexprs(2000))
print(loop_nested_defs(2000))
print(alternating(3000))
print(many_counters(3000))
