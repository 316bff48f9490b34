# Bitwise operators on small, negative and big ints.
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, ~0, ~-1)
print(1 << 10, 1 << 70, 1024 >> 3, -1024 >> 3, -1 >> 10, -5 >> 1)
print(bin(a & b), bin(a | b), bin(a ^ b))
print(-12 & 7, -12 | 7, -12 ^ 7, -12 & -7)
big = (1 << 100) | 0xFFFF
print(big & 0xFF00, big >> 90, big ^ (1 << 100))
print((-(1 << 100)) >> 99, (-(1 << 100)) & 0xFFFF, (-(1 << 100) - 1) & 0xFFFF)
print((123).bit_length(), (0).bit_length(), (-255).bit_length(), (2 ** 100).bit_length())
print((255).bit_count(), (-7).bit_count())
n = 0
for i in range(0, 64, 3):
    n |= 1 << i
print(hex(n), n.bit_count())
print(5 & 3 | 8, 5 ^ 3 & 1, 1 << 2 + 1)
print(True & False, True | False, True ^ True, type(True & True).__name__, type(True & 1).__name__)
