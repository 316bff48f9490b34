# *args and **kwargs, forwarding, and unpacking in calls.
def show(*args, **kwargs):
    return f"args={args} kwargs={kwargs}"
print(show())
print(show(1, 2, 3))
print(show(a=1, b=2))
print(show(1, *[2, 3], *(4,), x=5, **{"y": 6}, **{"z": 7}))
def total(first, *rest):
    return first + sum(rest)
print(total(1), total(1, 2, 3), total(*range(10)))
def wrapper(*args, **kwargs):
    return show(*args, **kwargs)
print(wrapper("w", k="v"))
def kwonly(a, *, b, c=3):
    return a, b, c
print(kwonly(1, b=2), kwonly(a=1, b=2, c=0))
def posonly(a, b, /, c, *, d):
    return a, b, c, d
print(posonly(1, 2, 3, d=4), posonly(1, 2, c=3, d=4))
def mixed(a, /, b=20, *args, c, **kw):
    return a, b, args, c, kw
print(mixed(1, c=3), mixed(1, 2, 3, 4, c=5, a=6))
args = (1, 2)
kw = {"c": 3, "d": 4}
print(posonly(*args, **kw))
