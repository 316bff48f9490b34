# del of names, items, slices, attributes, and dict entries.
a = 1
b = [0, 1, 2, 3, 4, 5]
c = {"x": 1, "y": 2}
class O:
    pass
o = O()
o.attr = "v"
o.other = "w"
del a
try:
    a
except NameError as e:
    print("NameError:", e)
del b[0], b[-1]
print(b)
del b[::2]
print(b)
del c["x"]
print(c)
del o.attr
print(hasattr(o, "attr"), o.other)
try:
    del o.attr
except AttributeError as e:
    print("AttributeError:", e)
x, y = 1, 2
del x, y
print("x" in dir(), "y" in dir())
lst = [[1, 2], [3, 4]]
del lst[0][1]
print(lst)
def f():
    v = 1
    del v
    try:
        return v
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)
print(f())
try:
    del undefined_thing
except NameError as e:
    print("NameError:", e)
