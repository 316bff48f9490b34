# yield from delegation including return values and nested delegation.
def inner(tag):
    yield f"{tag}-1"
    yield f"{tag}-2"
    return f"{tag}-result"
def outer():
    r1 = yield from inner("a")
    print("  inner a returned", r1)
    r2 = yield from inner("b")
    print("  inner b returned", r2)
    return r1 + "+" + r2
def top():
    total = yield from outer()
    yield "final:" + total
print(list(top()))
def flatten(x):
    if isinstance(x, (list, tuple)):
        for e in x:
            yield from flatten(e)
    else:
        yield x
print(list(flatten([1, [2, (3, [4, [5, 6]]), 7], [[8]], 9])))
def tree(depth):
    if depth == 0:
        yield "leaf"
        return
    yield f"node{depth}"
    yield from tree(depth - 1)
    yield from tree(depth - 1)
t = list(tree(3))
print(len(t), t[:6])
def gen_return_only():
    return 42
    yield
def delegator():
    v = yield from gen_return_only()
    yield v
print(list(delegator()))
print(list(iter(lambda it=iter([1, 2, 3, 0, 5]): next(it), 0)))
