# __enter__/__exit__ ordering, exception info, suppression.
class Tracer:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print(f"enter {self.name}")
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print(f"exit {self.name}: {et.__name__ if et else None} {ev!r}")
        return self.suppress
with Tracer("a") as v:
    print("body", v)
with Tracer("outer"), Tracer("inner") as i:
    print("nested body", i)
with Tracer("s", suppress=True):
    raise ValueError("swallowed")
print("after suppressed")
try:
    with Tracer("n"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e))
try:
    with Tracer("x", True), Tracer("y"):
        1 / 0
except ZeroDivisionError:
    print("should not happen")
print("inner error swallowed by outer")
def f():
    with Tracer("ret"):
        return "returned"
print(f())
for i in range(3):
    with Tracer(f"loop{i}"):
        if i == 1:
            continue
        print("work", i)
