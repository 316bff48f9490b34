# Comparisons between ints, floats and big ints; int methods.
print(1 == 1.0, 2 ** 53 == 2.0 ** 53, 2 ** 53 + 1 == 2.0 ** 53, 2 ** 53 + 1 > 2.0 ** 53)
print(10 ** 400 > 1e308, -(10 ** 400) < -1e308, 10 ** 400 < float("inf"))
print(3 < 3.5 < 4, 7 // 2 == 3, 7 / 2 == 3.5)
print(max(3, 3.0), min(3.0, 3), max(1, 2.5, 2))
print((17).__add__(3), (17).__mod__(5), (5).__rsub__(20), (7).__neg__())
print((-7).conjugate(), (10).real, (10).imag, (10).numerator, (10).denominator)
print((6).as_integer_ratio(), (2 ** 70).as_integer_ratio())
print(int.__name__, (1).__class__ is int)
vals = [5, -3, 2 ** 65, -(2 ** 65), 0, 3.5, -0.5, True]
print(sorted(vals))
print(sorted(vals, reverse=True))
print(1 != 1.0, 0 == -0, 0 == -0.0)
