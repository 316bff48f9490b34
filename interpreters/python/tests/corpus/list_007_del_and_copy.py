# del on list items; shallow vs deep copies.
l = ["a", "b", "c", "d", "e"]
del l[0]
del l[-1]
print(l)
del l[:]
print(l)
orig = [[1, 2], [3, 4]]
shallow = orig[:]
shallow2 = list(orig)
shallow3 = orig.copy()
shallow[0].append(99)
shallow.append([5])
print(orig, shallow, shallow2, shallow3)
def deep(x):
    return [deep(e) for e in x] if isinstance(x, list) else x
d = deep(orig)
d[1][0] = -1
print(orig, d, orig == d)
x = [1, 2, 3]
y = x
del x
print(y)
try:
    print(x)
except NameError as e:
    print("NameError:", e)
try:
    del y[5]
except IndexError as e:
    print("IndexError:", e)
