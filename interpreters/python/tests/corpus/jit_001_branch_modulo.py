# Hot loop whose branch pattern changes every iteration (i % 7 == 3) plus a second irregular branch.
acc_a = 0
acc_b = 0
hits = 0
for i in range(20000):
    if i % 7 == 3:
        acc_a += i
        hits += 1
    elif i % 11 == 0:
        acc_b -= i
    else:
        acc_b += 1
print(acc_a, acc_b, hits)
