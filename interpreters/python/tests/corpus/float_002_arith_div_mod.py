# Float floor division, modulo, divmod with negative operands.
pairs = [(7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (-7.5, -2.0), (1.0, 0.1), (-1.0, 0.3),
         (5.0, 3), (-5, 3.0), (0.0, 5.0), (-0.0, 5.0), (1e300, 3.0)]
for a, b in pairs:
    print(a, b, "//", a // b, "%", a % b, "divmod", divmod(a, b))
print(-0.0 % 5.0, 0.0 % -5.0, (-0.0) // 1.0)
print(7.0 / 2, 1 / 8, 2 / 3 * 3, 10 / 4)
for expr, fn in [("1.0 / 0", lambda: 1.0 / 0), ("1.0 // 0.0", lambda: 1.0 // 0.0), ("1.0 % 0.0", lambda: 1.0 % 0.0),
                 ("divmod(1.0, 0.0)", lambda: divmod(1.0, 0.0)), ("1 / 0", lambda: 1 / 0), ("5 % 0", lambda: 5 % 0)]:
    try:
        print(fn())
    except ZeroDivisionError as e:
        print(expr, "->", "ZeroDivisionError:", e)
inf = float("inf")
print(inf + 1, inf - inf, inf * 0, -inf * -1, 1 / inf, inf > 1e308)
print(5.0 % inf, -5.0 % inf, 5.0 // inf, -5.0 // inf)
print(2.0 ** 0.5, 2 ** -0.5, (-2.0) ** 2, 4 ** 0.5, 10.0 ** -2)
try:
    print(10.0 ** 400)
except OverflowError as e:
    print("OverflowError raised", type(e).__name__, isinstance(e, ArithmeticError))
print(abs(-2.5), abs(-0.0), -(-0.0), 0.0 == -0.0)
