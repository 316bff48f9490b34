# Closures capturing variables; nonlocal counters; independent instances.
def make_counter(start=0):
    count = start
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc
c1 = make_counter()
c2 = make_counter(100)
print(c1(), c1(), c1(5), c2(), c1(), c2(10))
def make_acc():
    items = []
    def add(x):
        items.append(x)
        return len(items)
    def get():
        return list(items)
    return add, get
add, get = make_acc()
add("a")
add("b")
print(get(), add("c"), get())
print(c1.__closure__ is not None, len(c1.__closure__), c1.__closure__[0].cell_contents)
