# Arbitrary precision integers: factorial, powers, negatives, division.
f = 1
for i in range(2, 51):
    f *= i
print("50! =", f)
print("2**200 =", 2 ** 200)
print("-(3**100) =", -(3 ** 100))
a = 2 ** 200 + 12345
b = 3 ** 77
print(a // b, a % b)
print(-a // b, -a % b)
print(a // -b, a % -b)
print(divmod(a, -b))
print(a * b - b * a, a - a, (a * b) // b == a)
print(abs(-(10 ** 40)), -(10 ** 40) < -(10 ** 39), 10 ** 40 > 10 ** 39)
print(int("123456789012345678901234567890") + 1)
print(int("-98765432109876543210987654321") * 2)
print(str(7 ** 60), len(str(7 ** 60)))
print(hex(2 ** 100), oct(2 ** 100), bin(2 ** 70))
print(hex(-(2 ** 100) - 1), bin(-(2 ** 65)))
print(int("ffffffffffffffffffffffff", 16), int("-0b" + "1" * 80, 0))
print(2 ** 64 == 18446744073709551616, 2 ** 64 - 1 == 0xFFFFFFFFFFFFFFFF)
print((2 ** 64) // (2 ** 32), (2 ** 64) % 1000000007)
print(hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 61)), hash(2 ** 100) == hash(2 ** 100))
