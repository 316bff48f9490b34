# Exceptions raised and caught inside a hot loop every Nth iteration.
caught = 0
total = 0
for i in range(10000):
    try:
        if i % 97 == 0:
            raise ValueError(i)
        total += 10 // (i % 50 - 25 or 1)
    except ValueError as e:
        caught += 1
        total += e.args[0] % 7
print(caught, total)
errors = {}
d = {k: k * 2 for k in range(0, 3000, 3)}
for i in range(3000):
    try:
        total += d[i]
    except KeyError:
        errors["key"] = errors.get("key", 0) + 1
print(total, errors)
def parse(s):
    try:
        return int(s)
    except ValueError:
        return -1
print(sum(parse(str(i) if i % 10 else "x" + str(i)) for i in range(5000)))
