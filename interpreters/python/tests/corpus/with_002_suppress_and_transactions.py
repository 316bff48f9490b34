# Context managers that suppress exceptions, and transactional rollback.
class Suppress:
    def __init__(self, *types):
        self.types = types
        self.caught = None
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        if et is not None and issubclass(et, self.types):
            self.caught = ev
            return True
        return False
with Suppress(KeyError, IndexError) as s:
    [][1]
print("suppressed", repr(s.caught))
with Suppress(KeyError) as s:
    pass
print("nothing", s.caught)
try:
    with Suppress(KeyError):
        int("x")
except ValueError as e:
    print("not suppressed:", e)
class Transaction:
    def __init__(self, store):
        self.store = store
    def __enter__(self):
        self.snapshot = dict(self.store)
        return self.store
    def __exit__(self, et, ev, tb):
        if et is not None:
            self.store.clear()
            self.store.update(self.snapshot)
            print("rolled back due to", et.__name__)
            return True
        print("committed")
store = {"balance": 100}
with Transaction(store) as s:
    s["balance"] -= 30
print(store)
with Transaction(store) as s:
    s["balance"] -= 500
    if s["balance"] < 0:
        raise ArithmeticError("overdraft")
print(store)
results = []
for i in range(5):
    with Suppress(ZeroDivisionError):
        results.append(10 // (i - 2))
print(results)
