# bytes as dict keys, comparisons, sorting.
d = {b"a": 1, b"b": 2}
d[b"a"] += 10
print(d, b"a" in d, d.get(b"c", 0))
print(sorted([b"b", b"a", b"ab", b"", b"\xff", b"A"]))
print(hash(b"abc") == hash(b"ab" + b"c"), b"abc" == bytearray(b"abc"), bytes(b"x") is not None)
print(max(b"hello"), min(b"hello"), bytes(sorted(b"hello")))
print(b"abc"[1:2] == b"b", b"abc"[1] == 98, b"abc"[1] == b"b")
print(len(bytes.maketrans(b"abc", b"xyz")), b"aabbcc".translate(bytes.maketrans(b"abc", b"xyz")))
