def f(n):
    a = [0] * 100
    for i in range(n):
        j = i % 100
        a[j] = a[j] + i
    return sum(a)
print(f(20000000))
