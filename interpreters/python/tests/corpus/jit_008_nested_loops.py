# Three nested loops with data-dependent inner bounds.
total = 0
count = 0
for i in range(30):
    for j in range(i):
        for k in range(j % 7 + 1):
            total += i * j - k
            count += 1
print(total, count)
grid = [[(r * 31 + c * 17) % 10 for c in range(40)] for r in range(40)]
best = -1
where = None
for r in range(1, 39):
    for c in range(1, 39):
        s = 0
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                s += grid[r + dr][c + dc]
        if s > best:
            best = s
            where = (r, c)
print(best, where)
