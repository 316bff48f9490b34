# while loops with break/continue/else in hot code.
n = 0
skipped = 0
while n < 15000:
    n += 1
    if n % 4 == 0:
        skipped += 1
        continue
    if n * n > 2 * 10 ** 8:
        break
else:
    print("else not expected")
print(n, skipped)
found = []
for target in range(2, 400):
    k = 2
    while k * k <= target:
        if target % k == 0:
            break
        k += 1
    else:
        found.append(target)
print(len(found), found[-3:], sum(found))
i = 0
steps = 0
while True:
    i = (i * 7 + 3) % 10007
    steps += 1
    if i == 0 or steps >= 20000:
        break
print(i, steps)
