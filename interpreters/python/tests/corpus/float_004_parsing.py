# float() parsing from strings and conversion from ints.
for s in ["3.14", "  -2.5e3 ", "1e-3", "+.5", "5.", "1_000.5", "inf", "-Infinity", "nan", "NaN",
          "1E10", "0x1p3", "abc", "", "1.2.3", "1e", "--1"]:
    try:
        print(repr(s), "->", float(s))
    except ValueError as e:
        print(repr(s), "-> ValueError:", e)
print(float(7), float(-0), float(True), float(2 ** 80))
try:
    float(2 ** 1100)
except OverflowError as e:
    print("OverflowError:", e)
try:
    float([1])
except TypeError as e:
    print("TypeError:", e)
nan = float("nan")
print(nan == nan, nan != nan, nan < 1, nan > 1, nan is nan, [nan] == [nan])
print(float.__name__, type(1.5).__name__, isinstance(1.5, float), isinstance(1, float))
