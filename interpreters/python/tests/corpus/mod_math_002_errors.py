# math domain/range errors and argument validation.
import math
tests = [
    ("sqrt(-1)", lambda: math.sqrt(-1)),
    ("log(0)", lambda: math.log(0)),
    ("log(-5)", lambda: math.log(-5)),
    ("acos(2)", lambda: math.acos(2)),
    ("factorial(-1)", lambda: math.factorial(-1)),
    ("factorial(2.5)", lambda: math.factorial(2.5)),
    ("isqrt(-4)", lambda: math.isqrt(-4)),
    ("exp(1000)", lambda: math.exp(1000)),
    ("floor(inf)", lambda: math.floor(math.inf)),
    ("ceil(nan)", lambda: math.ceil(math.nan)),
    ("comb(-1, 2)", lambda: math.comb(-1, 2)),
    ("fmod(1, 0)", lambda: math.fmod(1, 0)),
    ("pow(0, -1)", lambda: math.pow(0, -1)),
    ("sqrt('x')", lambda: math.sqrt("x")),
    ("gcd(1.5, 2)", lambda: math.gcd(1.5, 2)),
]
for name, fn in tests:
    try:
        print(name, "->", fn())
    except (ValueError, OverflowError, TypeError, ZeroDivisionError) as e:
        print(name, "->", type(e).__name__ + ":", e)
print(math.sqrt(10 ** 100), math.log(10 ** 400), math.log2(2 ** 1000), math.floor(-0.0), math.sqrt(-0.0))
