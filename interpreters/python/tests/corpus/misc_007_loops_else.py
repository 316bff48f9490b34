# for/else and while/else, break/continue interplay, nested loop breaks.
def find(items, target):
    for i, v in enumerate(items):
        if v == target:
            print(f"  found {target} at {i}")
            break
    else:
        print(f"  {target} not found")
find([1, 2, 3], 2)
find([1, 2, 3], 9)
find([], 1)
n = 0
while n < 3:
    n += 1
else:
    print("while finished normally, n =", n)
n = 0
while True:
    n += 1
    if n == 4:
        break
else:
    print("never printed")
print("broke at", n)
for i in range(3):
    for j in range(3):
        if j == 2:
            break
        if (i + j) % 2:
            continue
        print("pair", i, j)
    else:
        print("inner else never")
count = 0
i = 0
while i < 10:
    i += 1
    if i % 2 == 0:
        continue
    count += i
else:
    print("while-else after continue loop, count =", count)
for ch in "abc":
    pass
else:
    print("for-else ran, ch =", ch)
primes = []
for num in range(2, 30):
    for d in range(2, num):
        if num % d == 0:
            break
    else:
        primes.append(num)
print(primes)
