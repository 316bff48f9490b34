# Context manager built by hand around a generator (no contextlib), nesting and exit ordering.
class GenCM:
    def __init__(self, gen):
        self.gen = gen
    def __enter__(self):
        return next(self.gen)
    def __exit__(self, et, ev, tb):
        if et is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            raise RuntimeError("generator didn't stop")
        try:
            self.gen.throw(ev)
        except StopIteration:
            return True
        except BaseException as e:
            if e is ev:
                return False
            raise
        return False
def tag(name, log):
    log.append(f"<{name}>")
    try:
        yield name
    except ValueError as e:
        log.append(f"!{e}")
    finally:
        log.append(f"</{name}>")
log = []
with GenCM(tag("html", log)):
    with GenCM(tag("body", log)) as n:
        log.append(n.upper())
print("".join(log))
log = []
with GenCM(tag("div", log)):
    raise ValueError("handled")
print("".join(log))
log = []
try:
    with GenCM(tag("p", log)):
        raise KeyError("unhandled")
except KeyError as e:
    print("escaped", repr(e))
print("".join(log))
