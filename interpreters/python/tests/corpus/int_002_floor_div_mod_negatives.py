# Floor division and modulo with every sign combination.
pairs = [(7, 3), (-7, 3), (7, -3), (-7, -3), (6, 3), (-6, 3), (0, 3), (0, -3),
         (1, 7), (-1, 7), (1, -7), (-1, -7), (123456789, 1000), (-123456789, 1000)]
for a, b in pairs:
    q, r = a // b, a % b
    assert q * b + r == a
    print(f"{a:>11} // {b:>5} = {q:>7}   {a:>11} % {b:>5} = {r:>5}   divmod={divmod(a, b)}")
# The remainder has the sign of the divisor
print(all((a % b == 0) or ((a % b > 0) == (b > 0)) for a, b in pairs))
# Big-int variants
big = 10 ** 30 + 7
print(big // 13, big % 13)
print(-big // 13, -big % 13)
print(big // -13, big % -13)
print(divmod(-big, 10 ** 15))
