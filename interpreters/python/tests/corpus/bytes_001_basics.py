# bytes literals, indexing yields ints, slicing, constructors, repr.
b = b"Hello\x00\xff"
print(b, len(b), b[0], b[-1], b[1:3], b[::-1], type(b[0]).__name__, type(b[0:1]).__name__)
print(bytes(3), bytes([65, 66, 67]), bytes(range(5)), bytes("hé", "utf-8"), bytes(b"copy"))
print(b"a" + b"b", b"ab" * 3, b"x" in b"xyz", 120 in b"xyz", b"" == bytes())
print(list(b"AZaz"), [c for c in b"hi"], sum(b"\x01\x02\x03"))
print(repr(b"'"), repr(b'"'), repr(b"'\""), repr(b"\t\n\r\\"), repr(bytes([0, 31, 127, 128, 255])))
print(b"hello".hex(), bytes.fromhex("48 65 6c6c 6f"), b"\x00\xab".hex(), b"abc".hex("-"))
print(b"abc".decode(), b"abc" == "abc", b"abc" < b"abd", b"b" > b"abc")
try:
    bytes([256])
except ValueError as e:
    print("ValueError:", e)
try:
    b"a" + "b"
except TypeError as e:
    print("TypeError:", e)
try:
    b = b"x"
    b[0] = 1
except TypeError as e:
    print("TypeError:", e)
