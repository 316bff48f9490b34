# One hot loop sees ints, floats, strings and lists flowing through the same operations.
values = [1, 2.5, "ab", [1], 10 ** 20, -3, True, (1, 2)]
doubled = []
for i in range(4000):
    v = values[i % len(values)]
    doubled.append(v + v)
print(len(doubled), doubled[:8])
total_len = 0
num_sum = 0
for v in doubled:
    if isinstance(v, (str, list, tuple)):
        total_len += len(v)
    else:
        num_sum += v
print(total_len, num_sum)
