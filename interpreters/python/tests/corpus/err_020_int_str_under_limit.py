# int<->str conversions at and under the 4300-digit limit, and above it after raising the limit.
import sys
print(sys.get_int_max_str_digits())
n = 10 ** 4299
s = str(n)
print(len(s), s[:5], s[-5:])
m = int("7" * 4300)
print(m % 1000003, len(str(m)))
sys.set_int_max_str_digits(6000)
big = 3 ** 10480
t = str(big)
print(len(t), t[:20], t[-20:], int(t) == big)
print(int("9" * 5000) + 1 == 10 ** 5000)
sys.set_int_max_str_digits(0)
print(len(str(7 ** 20000)))
