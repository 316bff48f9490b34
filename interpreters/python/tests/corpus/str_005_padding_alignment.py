# center/ljust/rjust/zfill.
for w in ["a", "abc", "abcdef", ""]:
    print("[" + w.center(7) + "]", "[" + w.center(8, "*") + "]", "[" + w.ljust(6, ".") + "]", "[" + w.rjust(6) + "]")
print("42".zfill(5), "-42".zfill(5), "+42".zfill(6), "abc".zfill(5), "12345".zfill(3), "".zfill(2))
print("x".center(4, "-"), "xy".center(5, "-"), "xyz".center(6, "-"))
try:
    "a".center(5, "ab")
except TypeError as e:
    print("TypeError:", e)
print("|%s|" % "ab".ljust(0), "ab".rjust(-5))
