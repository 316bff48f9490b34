# assert statement semantics: message evaluation only on failure, tuples are truthy.
evaluated = []
def msg(text):
    evaluated.append(text)
    return text
assert 1 + 1 == 2, msg("not evaluated")
assert [0], msg("non-empty list is truthy")
print("evaluated so far:", evaluated)
def checked_div(a, b):
    assert b != 0, msg(f"division by zero attempted with a={a}")
    return a / b
print(checked_div(9, 3))
try:
    checked_div(1, 0)
except AssertionError as e:
    print("AssertionError:", e, "| evaluated:", evaluated)
try:
    assert None, {"k": [1, 2]}
except AssertionError as e:
    print("non-string message:", e.args, type(e.args[0]).__name__)
try:
    assert "" or 0
except AssertionError as e:
    print("no message ->", repr(e), len(e.args))
x = 5
assert isinstance(x, int) and x > 0
print("done", __debug__)
