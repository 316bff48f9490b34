# A global variable is rebound in the middle of a hot loop (invalidates constant-folded globals).
FACTOR = 2
def scaled(x):
    return x * FACTOR
total = 0
for i in range(5000):
    if i == 500:
        FACTOR = 3
    if i == 3000:
        FACTOR = 0.5
    total += scaled(i)
print(total)
def helper():
    return 1
def other():
    return 10
acc = 0
for i in range(4000):
    if i == 2000:
        helper = other
    acc += helper()
print(acc)
def bump():
    global counter
    counter += 1
counter = 0
for i in range(3000):
    bump()
    if i == 1500:
        counter = -10000
print(counter)
