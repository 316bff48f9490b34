# Division and modulo with negative operands in a hot loop (floor semantics, not truncation).
s_div = 0
s_mod = 0
s_fdiv = 0.0
for i in range(-5000, 5000):
    d = (i % 13) - 6 or 7
    s_div += i // d
    s_mod += i % d
    s_fdiv += (i / 3.0) // 2.0 + (i * 0.5) % 3.0
print(s_div, s_mod, repr(s_fdiv))
h = 0
for i in range(10000):
    h = (h * 31 - i) % -1000003
print(h)
q = 0
for i in range(1, 3000):
    q += (-i) // 7 + (-i) % 7 + i // -7 + i % -7
print(q)
