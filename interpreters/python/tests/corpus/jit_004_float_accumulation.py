# Float accumulation in a hot loop, result printed with repr to catch any reassociation.
s = 0.0
for i in range(1, 20001):
    s += 1.0 / i
print(repr(s))
t = 0.0
for i in range(10000):
    t += 0.1
print(repr(t))
p = 1.0
for i in range(1, 2001):
    p *= 1.0001
    p -= 1e-9 * i
print(repr(p))
alt = 0.0
sign = 1.0
for k in range(20000):
    alt += sign / (2 * k + 1)
    sign = -sign
print(repr(alt * 4))
