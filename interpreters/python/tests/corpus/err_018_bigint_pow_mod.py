# Huge integer arithmetic: 2**100000 and friends (no error expected).
big = 2 ** 100000
print(big % 1000007)
print(big.bit_length(), (big - 1).bit_length(), big % 9, (big + 1) % 3)
print(pow(2, 100000, 1000007) == big % 1000007)
f = 1
for i in range(2, 1001):
    f *= i
print(f % (10 ** 9 + 7), f.bit_length(), len(hex(f)))
q, r = divmod(big, 3 ** 5000)
print(q % 1000003, r % 1000003, q * 3 ** 5000 + r == big)
print((-big) // (7 ** 3000) % 1000, (-big) % (7 ** 3000) % 1000)
print((big >> 99990), (big >> 100000), (big >> 100001), (-big) >> 99999)
print(hex(big)[:6], len(hex(big)), bin(big).count("1"), oct(big)[-3:])
