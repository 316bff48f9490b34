# A builtin is shadowed at module level halfway through a hot loop, then restored.
def my_len(x):
    return 1000
def measure(seq):
    return len(seq)
data = [1, 2, 3]
total = 0
for i in range(4000):
    if i == 2000:
        len = my_len
    total += measure(data)
print(total)
del len
total2 = 0
for i in range(1000):
    total2 += measure(data)
print(total2)
s = 0
for i in range(3000):
    if i == 1500:
        abs = lambda v: 0
    if i == 2500:
        del abs
    s += abs(-i)
print(s, abs(-5))
