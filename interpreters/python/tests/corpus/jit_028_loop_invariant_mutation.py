# Values that look loop-invariant but are mutated inside the loop (list length, dict size, object attribute).
lst = [1, 2, 3]
i = 0
steps = 0
while i < len(lst):
    x = lst[i]
    if len(lst) < 5000:
        lst.append((x * 7 + 3) % 1009)
        if x % 2 == 1 and len(lst) < 5000:
            lst.append(x // 3)
    i += 1
    steps += 1
print(len(lst), steps, sum(lst) % 1000007)
class Cfg:
    limit = 100
c = Cfg()
n = 0
total = 0
while n < c.limit:
    n += 1
    total += n
    if n == 50:
        c.limit = 3000
print(n, total)
