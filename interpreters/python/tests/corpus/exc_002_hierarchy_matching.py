# Matching by base class, tuples of exceptions, custom hierarchies, e.args and str(e).
class AppError(Exception):
    pass
class DbError(AppError):
    def __init__(self, table, code):
        super().__init__(f"table {table} failed with {code}")
        self.table = table
        self.code = code
class NetError(AppError):
    pass
def risky(kind):
    if kind == "db":
        raise DbError("users", 42)
    if kind == "net":
        raise NetError("timeout", 30)
    if kind == "key":
        return {}["k"]
    if kind == "idx":
        return [][0]
    if kind == "zero":
        return 1 // 0
    return "fine"
for kind in ["db", "net", "key", "idx", "zero", "none"]:
    try:
        r = risky(kind)
        print(kind, "->", r)
    except DbError as e:
        print(kind, "DbError", e.table, e.code, str(e), e.args)
    except (KeyError, IndexError) as e:
        print(kind, "lookup", type(e).__name__, repr(e), isinstance(e, LookupError))
    except AppError as e:
        print(kind, "AppError", type(e).__name__, e.args, str(e), repr(e))
    except Exception as e:
        print(kind, "generic", type(e).__name__, e)
print(issubclass(DbError, Exception), issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError))
print([c.__name__ for c in DbError.__mro__])
print(str(Exception()), repr(Exception()), str(Exception("a", 1)), repr(ValueError("x")), Exception("solo").args)
print(str(KeyError("k")), str(KeyError("a", "b")), repr(KeyError()), str(OSError(2, "nf")))
try:
    raise ValueError
except ValueError as e:
    print("bare class raise:", repr(e), e.args)
