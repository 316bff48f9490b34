# with statement with custom context managers; return value of __enter__.
class Resource:
    opened = 0
    def __init__(self, name):
        self.name = name
        self.closed = False
    def __enter__(self):
        Resource.opened += 1
        print(f"open {self.name} (total opened {Resource.opened})")
        return self
    def __exit__(self, *exc):
        self.closed = True
        print(f"close {self.name}, exc={exc[0].__name__ if exc[0] else None}")
        return False
with Resource("r1") as r:
    print("using", r.name, r.closed)
print("after", r.closed)
with Resource("a") as a, Resource("b") as b:
    print("both", a.name, b.name)
try:
    with Resource("err"):
        raise ValueError("inside with")
except ValueError as e:
    print("caught", e)
def early():
    for i in range(3):
        with Resource(f"loop{i}"):
            if i == 1:
                return i
print("early returned", early())
class NoBind:
    def __enter__(self):
        return None
    def __exit__(self, et, ev, tb):
        pass
with NoBind() as nb:
    print("bound", nb)
try:
    with 42:
        pass
except (TypeError, AttributeError) as e:
    print(type(e).__name__ + ":", e)
