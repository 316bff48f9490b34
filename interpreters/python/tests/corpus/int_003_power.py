# Exponentiation: ints, negatives, zero, negative exponents, 3-arg pow.
print(2 ** 10, 3 ** 0, 0 ** 0, 0 ** 5, (-3) ** 3, (-3) ** 4)
print(2 ** -1, 2 ** -2, 10 ** -3)
print(type(2 ** -1).__name__, type(2 ** 5).__name__)
print(pow(2, 10), pow(2, 10, 1000), pow(3, 200, 13), pow(-2, 3, 7))
print(pow(7, -1, 13), (pow(7, -1, 13) * 7) % 13)
print(2 ** 64, 2 ** 63 - 1, -(2 ** 63))
print(2 ** 100)
print(10 ** 20 // 3)
x = 1
for _ in range(70):
    x *= 2
print(x, x == 2 ** 70)
print(pow(2, 0.5) == 2 ** 0.5, round(2 ** 0.5, 6))
print((-8) ** (1 / 3) == (-8) ** (1 / 3))
print(1 ** 1000000, (-1) ** 1000001)
