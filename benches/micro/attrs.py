class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
def f(n):
    p = P(1, 2)
    for i in range(n):
        p.x = p.x + p.y
    return p.x
print(f(20000000))
