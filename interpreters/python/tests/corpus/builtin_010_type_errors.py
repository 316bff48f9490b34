# TypeError messages raised by builtin functions given bad arguments.
tests = [
    lambda: len(42),
    lambda: abs([]),
    lambda: sorted(5),
    lambda: sum([1, "x"]),
    lambda: min(1, "a"),
    lambda: round([1]),
    lambda: chr("a"),
    lambda: ord(5),
    lambda: hex(1.5),
    lambda: divmod("a", 1),
    lambda: pow("a", 2),
    lambda: int([1]),
    lambda: float({}),
    lambda: list(None),
    lambda: dict(5),
    lambda: set(1),
    lambda: tuple(1.0),
    lambda: enumerate(3),
    lambda: zip(1),
    lambda: map(len),
    lambda: range("a"),
    lambda: isinstance(1, 1),
    lambda: getattr(1, 2),
    lambda: "abc"[None:"x"],
    lambda: [1, 2][1:2:"x"],
    lambda: {}.get(),
    lambda: str.upper(5),
]
for t in tests:
    try:
        t()
        print("no error")
    except TypeError as e:
        print("TypeError:", e)
