# len/min/max/sum/any/all/sorted/reversed on lists.
l = [4, -2, 9, 0, 7, -5]
print(len(l), min(l), max(l), sum(l), sum(l, 100), sorted(l), list(reversed(l)))
print(any(l), all(l), all([]), any([]), any([0, "", None]), all([1, "a", [0]]))
print(min(l, key=abs), max(l, key=lambda x: -x), min([], default="empty"), max([[1, 2], [3]], key=len))
print(sum([[1], [2, 3]], []), sum([0.5, 0.25]), sum(range(101)))
l2 = l
l2.sort()
print(l, list(map(lambda x: x * 2, l)), list(filter(None, l)), list(filter(lambda x: x > 0, l)))
print(list(zip(l, "abc")), dict(zip("abc", l)))
print([i for i, x in enumerate(l) if x < 0], l.__len__(), l.__contains__(9))
try:
    max([])
except ValueError as e:
    print("ValueError:", e)
try:
    l[10]
except IndexError as e:
    print("IndexError:", e)
try:
    l["a"]
except TypeError as e:
    print("TypeError:", e)
try:
    l[1.0]
except TypeError as e:
    print("TypeError:", e)
