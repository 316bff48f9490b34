# round(), int() truncation, is_integer, banker's rounding.
for v in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4999, 2.5001, 0.0, -0.0]:
    print(v, round(v), type(round(v)).__name__)
print(round(2.675, 2), round(1.005, 2), round(0.125, 2), round(0.375, 2))
print(round(1234.5678, 1), round(1234.5678, -1), round(1234.5678, -2), round(1250.0, -2), round(1350.0, -2))
print(round(3.14159, 3), round(-3.14159, 3), round(1e20, 2), round(5.0, 0), type(round(5.5, 0)).__name__)
print(round(12345, -2), round(12350, -2), round(12450, -2), round(-12350, -2), round(7, 2))
print(int(2.5), int(-2.5), int(2.9999), int(-0.9), int(1e18), int(123456789.987))
for v in [1.0, 1.5, -3.0, 0.0, 1e300, float("inf")]:
    print(v, v.is_integer())
print(float("nan").is_integer())
print((0.5).as_integer_ratio(), (0.1).as_integer_ratio(), (-2.75).as_integer_ratio())
print((255.0).hex(), (0.1).hex(), float.fromhex("0x1.8p1"))
try:
    round(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
