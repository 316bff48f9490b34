# Exception objects: attributes, custom __str__, with_traceback existence, raising instances vs classes.
class Detailed(Exception):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code
        self.msg = msg
    def __str__(self):
        return f"[{self.code}] {self.msg}"
try:
    raise Detailed(404, "not found")
except Detailed as e:
    print(str(e), repr(e), e.args, e.code, f"{e}")
class NoArgs(Exception):
    pass
print(repr(NoArgs()), str(NoArgs()), NoArgs().args, repr(NoArgs(1, 2)))
e = ValueError("a")
e.extra = "attached"
try:
    raise e
except ValueError as caught:
    print(caught is e, caught.extra, caught.__traceback__ is not None)
try:
    raise 5
except TypeError as err:
    print("TypeError:", err)
try:
    raise ValueError("x") from 5
except TypeError as err:
    print("TypeError:", err)
print(isinstance(KeyboardInterrupt(), Exception), isinstance(SystemExit(), BaseException), isinstance(GeneratorExit(), Exception))
print(issubclass(RecursionError, RuntimeError), issubclass(NotImplementedError, RuntimeError), issubclass(UnicodeDecodeError, ValueError))
print(issubclass(FileNotFoundError, OSError), issubclass(ModuleNotFoundError, ImportError), issubclass(StopIteration, Exception))
try:
    import this_module_does_not_exist_kiln
except ImportError as err:
    print(type(err).__name__ + ":", err, err.name)
errs = []
for i in range(5):
    try:
        [10, 20][i]
    except IndexError as ex:
        errs.append(str(ex))
print(errs)
