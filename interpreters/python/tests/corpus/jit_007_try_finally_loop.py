# try/finally inside a hot loop including break/continue paths through finally.
count_finally = 0
acc = 0
for i in range(8000):
    try:
        if i % 5 == 0:
            continue
        acc += i
        if acc > 10 ** 7:
            break
    finally:
        count_finally += 1
print(acc, count_finally, i)
def f(n):
    trace = 0
    for j in range(n):
        try:
            try:
                if j % 3 == 0:
                    raise KeyError(j)
                trace += 1
            finally:
                trace += 100
        except KeyError:
            trace += 10000
    return trace
print(f(3000))
