class P:
    def __init__(self, x):
        self.x = x
def f(n):
    t = 0
    for i in range(n):
        p = P(i)
        t += p.x
    return t
print(f(20000000))
