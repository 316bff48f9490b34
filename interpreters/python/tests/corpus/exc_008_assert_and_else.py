# assert statement and exception-driven control flow.
def check(x):
    assert x > 0, f"x must be positive, got {x}"
    assert isinstance(x, int)
    return x * 2
for v in [3, -1, 2.5]:
    try:
        print(check(v))
    except AssertionError as e:
        print("AssertionError:", repr(e), e.args)
def parse_all(items):
    good, bad = [], []
    for it in items:
        try:
            n = int(it)
        except ValueError:
            bad.append(it)
        else:
            good.append(n)
    return good, bad
print(parse_all(["1", "x", "22", "", "-3", "4.0"]))
def first_negative(nums):
    for n in nums:
        if n < 0:
            break
    else:
        return None
    return n
print(first_negative([1, 2, -5, -6]), first_negative([1, 2]))
try:
    assert False
except AssertionError as e:
    print("bare assert:", repr(e), e.args)
