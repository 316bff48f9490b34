class C:
    def __init__(self):
        self.v = 0
    def inc(self, d):
        self.v += d
def f(n):
    c = C()
    for i in range(n):
        c.inc(i)
    return c.v
print(f(20000000))
