# Generator state, local variable persistence, generators in classes.
class Tree:
    def __init__(self, value, children=()):
        self.value = value
        self.children = list(children)
    def __iter__(self):
        yield self.value
        for c in self.children:
            yield from c
    def bfs(self):
        queue = [self]
        while queue:
            node = queue.pop(0)
            yield node.value
            queue.extend(node.children)
t = Tree(1, [Tree(2, [Tree(4), Tree(5)]), Tree(3, [Tree(6, [Tree(7)])])])
print(list(t), list(t.bfs()), sum(t), 6 in t)
def windows(seq, n):
    buf = []
    for x in seq:
        buf.append(x)
        if len(buf) > n:
            buf.pop(0)
        if len(buf) == n:
            yield tuple(buf)
print(list(windows(range(7), 3)))
def running_max(xs):
    best = None
    for x in xs:
        if best is None or x > best:
            best = x
        yield best
print(list(running_max([3, 1, 4, 1, 5, 9, 2, 6])))
x = 10
gen = (x + i for i in range(3))
x = 20
print(list(gen))
gen2 = (i for i in range(x))
x = 3
print(len(list(gen2)))
def interleave(*its):
    iters = [iter(i) for i in its]
    while iters:
        nxt = []
        for it in iters:
            try:
                yield next(it)
                nxt.append(it)
            except StopIteration:
                pass
        iters = nxt
print(list(interleave("abc", [1, 2], "XYZW")))
