# Uncaught AssertionError with a message.
def checked_total(xs):
    t = sum(xs)
    assert t > 0, f"expected positive total, got {t}"
    return t
print(checked_total([1, 2, 3]))
print(checked_total([-5, 2]))
