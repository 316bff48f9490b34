# format() builtin, __format__ on builtins, alignment of different types.
print(repr(format(1, "")), repr(format("s", "")), repr(format(None, "")), repr(format(2.0, "")))
print(format(True, "d"), format(True, ""), format(True, ">6"), format(False, "^7") + "|")
print(format(-0.0, "+"), format(0.0, "+"), format(1.0, "+.2f"), format(-1.5, " .1f"))
print(format(1e22, "f"), format(1.5e-7, "f"), format(123.456e10, ",.1f"))
print(format(12345678901234567890, ","), format(-2 ** 70, "_x"), format(2 ** 64, "e"))
print(format(0.1, ".17f"), format(0.1, ".17g"), format(2 / 3, ".15g"), format(2 / 3, ".16g"), format(2 / 3, ".17g"))
print(format(5, "5"), format(5, "<5") + "|", format("5", "5") + "|")
try:
    format("abc", "d")
except ValueError as e:
    print("ValueError:", e)
try:
    format(None, "d")
except TypeError as e:
    print("TypeError:", e)
print("{:>{}}".format("x", 4), "{:.{}f}".format(3.14159, 2), "{0:{1}{2}}".format(7, "0", 5))
