# deque: append/appendleft/pop/popleft/extend/extendleft/rotate/maxlen.
from collections import deque
d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1])
print(d.pop(), d.popleft(), d)
d.extend([7, 8])
d.extendleft([-1, -2])
print(d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
print(list(d), d.count(7), d.index(7), 8 in d, list(reversed(d)))
d.remove(7)
d.insert(1, 99)
print(d)
d.reverse()
print(d, d.copy() == d)
d.clear()
print(d, bool(d))
window = deque(maxlen=3)
for i in range(6):
    window.append(i)
    print(list(window), end=" ")
print()
print(window, window.maxlen)
window.appendleft(-1)
print(window)
try:
    deque().pop()
except IndexError as e:
    print("IndexError:", e)
try:
    deque().popleft()
except IndexError as e:
    print("IndexError:", e)
q = deque()
seen = {0}
q.append(0)
order = []
while q:
    n = q.popleft()
    order.append(n)
    for m in (n * 2 + 1, n * 3 + 1):
        if m < 40 and m not in seen:
            seen.add(m)
            q.append(m)
print(order)
