# All list methods.
l = [3, 1, 4]
l.append(1)
l.extend([5, 9])
l.extend(range(2))
l.insert(0, 100)
l.insert(-1, 200)
l.insert(1000, 300)
print(l)
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove(1)
print(l, l.index(4), l.index(1), l.count(1), l.count(42))
l.reverse()
print(l)
c = l.copy()
c.append("copy")
print(l, c, c is not l)
l.sort()
print(l)
l.clear()
print(l, len(l))
try:
    [1, 2].remove(3)
except ValueError as e:
    print("ValueError:", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1].pop(5)
except IndexError as e:
    print("IndexError:", e)
try:
    ["a", "b"].index("z")
except ValueError as e:
    print("ValueError:", e)
print([1, 2, 3, 2, 1].index(2, 2), [0] * 3 + [1] * 2)
