# list append/pop/index/insert in hot loops.
lst = []
for i in range(10000):
    lst.append(i * 3 % 1001)
    if i % 4 == 3:
        lst.pop()
print(len(lst), sum(lst), lst[:5], lst[-5:])
stack = []
acc = 0
for i in range(8000):
    if i % 3 == 2 and stack:
        acc += stack.pop() * i
    else:
        stack.append(i)
print(acc, len(stack))
arr = list(range(500))
idx_sum = 0
for i in range(0, 500, 7):
    idx_sum += arr.index(i)
arr2 = []
for i in range(300):
    arr2.insert(i % 7, i)
print(idx_sum, arr2[:10], arr2[-3:])
m = [0] * 100
for i in range(20000):
    m[i % 100] += i
print(sum(m), m[0], m[99])
