def f(n):
    total = 0
    i = 0
    while i < n:
        total += i * 3
        i += 1
    return total
print(f(30000000))
