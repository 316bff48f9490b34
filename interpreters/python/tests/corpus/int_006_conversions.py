# int() parsing and formatting conversions.
print(int("42"), int("  -17  "), int("+8"), int("1_000_000"))
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0xff", 0), int("0o17", 0), int("0b101", 0))
print(int("z", 36), int("777", 8), int("101", 2), int("-101", 2))
print(int(3.99), int(-3.99), int(True), int(False), int(1e20))
print(hex(255), hex(-255), oct(8), oct(-8), bin(5), bin(-5), bin(0))
print(str(0), str(-0), repr(123), str(10 ** 25))
for s in ["12a", "", "1.5", "0x10", " ", "1__0"]:
    try:
        print(int(s))
    except ValueError as e:
        print("ValueError:", e)
try:
    int("9", 8)
except ValueError as e:
    print("ValueError:", e)
try:
    int("10", 1)
except ValueError as e:
    print("ValueError:", e)
try:
    int(None)
except TypeError as e:
    print("TypeError:", e)
try:
    int(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(float("nan"))
except ValueError as e:
    print("ValueError:", e)
print(format(255, "x"), format(255, "#X"), format(-42, "b"), format(1234567, ","))
print((1024).to_bytes(2, "big"), int.from_bytes(b"\x01\x00", "little"))
