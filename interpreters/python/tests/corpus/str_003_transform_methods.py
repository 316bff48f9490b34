# replace, split, rsplit, splitlines, join, strip family.
s = "  one,two,,three  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr("xxhixx".strip("x")), repr("abcba".strip("ab")))
print(s.strip().split(","), s.split(), "a b  c   d".split(), "a b  c".split(" "))
print("a,b,c,d".split(",", 2), "a,b,c,d".rsplit(",", 2), "a,b,c,d".rsplit(",", 0), "  x  y  ".rsplit())
print("1  2 3".split(None, 1), "".split(), "".split(","), ",".split(","))
print("line1\nline2\r\nline3\rline4".splitlines(), "a\n\nb\n".splitlines(), "x\ny\n".splitlines(True))
print("-".join(["a", "b", "c"]), "".join(["x", "y"]), ", ".join("abc"), "+".join([]))
try:
    ",".join(["a", 1])
except TypeError as e:
    print("TypeError:", e)
print("aaa".replace("a", "b"), "aaa".replace("a", "b", 2), "abc".replace("", "-"), "hello".replace("l", ""))
print("banana".replace("ana", "X"), "mississippi".replace("ss", "SS", 1))
print("key=value=x".partition("="), "key=value=x".rpartition("="), "abc".partition("z"), "abc".rpartition("z"))
print(repr("a\tb\tc".expandtabs()), repr("a\tbc\td".expandtabs(4)), repr("12345\t6".expandtabs(4)))
print("abc".removeprefix("ab"), "abc".removesuffix("bc"), "abc".removeprefix("x"))
