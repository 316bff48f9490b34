# abs, divmod, pow (3 args), round, hex/oct/bin, int with base, chr/ord.
print(abs(-3), abs(3.5), abs(-0.0), abs(-(10 ** 30)), abs(True))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(17.5, 5), divmod(-2 ** 70, 3))
print(pow(2, 10), pow(2, 10, 1000), pow(3, 4, 5), pow(2, -1), pow(-2, 2), pow(5, 0, 1), pow(2.0, 3))
try:
    pow(2, 3.0, 5)
except TypeError as e:
    print("TypeError:", e)
try:
    pow(2, -1, 4)
except ValueError as e:
    print("ValueError:", e)
print(round(3.14159, 2), round(2.5), round(3.5), round(-2.5), round(123, -1), round(125, -1), round(135, -1))
print(hex(0), hex(4096), oct(64), bin(10), hex(-1), bin(2 ** 20))
print(int("777", 8), int("zz", 36), int("-1010", 2), int(" 12 "), int("0o17", 0), int(b"42"))
print(chr(97), chr(0x1F600), ord("a"), ord("\n"), [chr(c) for c in range(65, 70)])
print(max(1, 2.5), min(-1, -1.0), type(min(-1, -1.0)).__name__)
print(int(7.9), float(7), int(-7.9), round(-7.5), round(7.5))
