# A branch that is always taken for the first 1000 iterations and never afterwards (guard failure / bridge).
total = 0
flips = []
for i in range(10000):
    if i < 1000:
        total += 2 * i
    else:
        total -= i % 13
    if i == 999 or i == 1000:
        flips.append(total)
print(total, flips)
state = 0
for i in range(6000):
    if i >= 3000:
        state = state * 3 % 1000003 + 1
    else:
        state += i & 15
print(state)
