# inf / nan / negative zero propagation.
inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, -nan, repr(-0.0), str(-0.0))
print(inf == inf, inf > 10 ** 1000, -inf < -(10 ** 1000), inf + inf, inf - inf, inf * -1)
print(nan + 1, nan * 0, max(1, 2), sorted([3.0, 1.0, 2.0]))
print(0.0 * -1, -0.0 + 0.0, -0.0 - 0.0, -0.0 * -0.0, 0.0 / -1)
print(str(-0.0 * 5), 1 / inf, -1 / inf)
print([x for x in [1.0, nan, 2.0] if x == x])
print(inf // 1, inf % 2 == inf % 2)
import math
print(math.copysign(1.0, -0.0), math.copysign(1.0, 0.0), math.isnan(nan), math.isinf(-inf))
print(round(-0.4), round(-0.0, 1), int(-0.0))
print(float("-0"), float("-0.0") == 0, str(float("-0")))
