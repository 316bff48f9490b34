# Truthiness, short-circuit evaluation results, identity vs equality.
vals = [0, 1, -1, 0.0, 0.1, "", " ", [], [0], (), {}, {0: 0}, set(), None, True, False, range(0), range(1), b"", b"\x00"]
print([bool(v) for v in vals])
print(0 or [] or "" or "last", 1 and "x" and [0], None and 1, [] or {}, 5 or 1 / 0, 0 and 1 / 0)
a = [1, 2]
b = [1, 2]
c = a
print(a == b, a is b, a is c, a is not b, id(a) == id(c), id(a) != id(b))
print(None is None, type(None)() is None, () == (), [] == [])
x = 300
y = 300
print(x == y, int("300") == x)
print(not [], not [[]], not not 3, (not 1) == False)
if []:
    print("empty list truthy?!")
elif {}:
    print("empty dict truthy?!")
else:
    print("both falsy")
print(all([1, 2, 3]) and not any([0, 0]), [x for x in vals if x] == [1, -1, 0.1, " ", [0], {0: 0}, True, range(1), b"\x00"])
