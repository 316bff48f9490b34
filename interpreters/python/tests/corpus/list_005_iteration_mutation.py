# Iteration patterns, enumerate, building and filtering lists.
squares = []
for i in range(10):
    if i % 2:
        continue
    squares.append(i * i)
print(squares)
total = 0
for idx, val in enumerate(squares, start=1):
    total += idx * val
print(total)
stack = [1]
out = []
while stack:
    v = stack.pop()
    out.append(v)
    if v < 20:
        stack.extend([v * 2, v * 3])
print(len(out), sorted(out)[:10], sum(out))
# modifying a list while iterating over a copy
items = list(range(10))
for x in items[:]:
    if x % 3 == 0:
        items.remove(x)
print(items)
queue = [0]
seen = []
while queue:
    cur = queue.pop(0)
    if cur in seen or cur > 12:
        continue
    seen.append(cur)
    queue.append(cur + 3)
    queue.append(cur + 5)
print(seen)
print(list(reversed([1, 2, 3])), [x for x in reversed(range(5))])
