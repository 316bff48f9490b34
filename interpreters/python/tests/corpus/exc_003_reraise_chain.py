# Re-raise, raise from, implicit context, __cause__/__context__/__suppress_context__.
def convert(s):
    try:
        return int(s)
    except ValueError as e:
        raise TypeError(f"bad input {s!r}") from e
try:
    convert("x1")
except TypeError as e:
    print("caught", repr(e))
    print("cause", repr(e.__cause__), "context", repr(e.__context__), e.__suppress_context__)
def implicit():
    try:
        {}["missing"]
    except KeyError:
        raise RuntimeError("while handling")
try:
    implicit()
except RuntimeError as e:
    print("implicit", repr(e), "cause", e.__cause__, "context", repr(e.__context__), e.__suppress_context__)
def suppressed():
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("clean") from None
try:
    suppressed()
except ValueError as e:
    print("from None", e.__cause__, repr(e.__context__), e.__suppress_context__)
def reraiser():
    try:
        raise IndexError("original")
    except IndexError:
        print("  logging and re-raising")
        raise
try:
    reraiser()
except IndexError as e:
    print("reraised", repr(e))
try:
    try:
        raise ValueError(1)
    except ValueError as err:
        raise err
except ValueError as e:
    print("raise err", e.args)
e = None
try:
    raise KeyError("scoped")
except KeyError as e:
    pass
try:
    print(e)
except NameError as ne:
    print("NameError:", ne)
