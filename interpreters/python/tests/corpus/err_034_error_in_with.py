# Exception inside a with block propagates after __exit__ runs (not suppressed).
class Managed:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, et, ev, tb):
        print("exit saw", et.__name__ if et else None)
        return False
with Managed():
    print("inside")
    [].pop()
