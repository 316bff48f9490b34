# str constructor, maketrans/translate, format_map, methods as values.
print(str(), str(42), str(3.0), str([1, "a"]), str(None), str(b"hi"), str(True))
table = str.maketrans("abc", "xyz")
print("aabbcc-abc".translate(table))
table2 = str.maketrans({"a": "1", "b": None, "c": "33"})
print("abcabc".translate(table2))
print("{x}-{y}".format_map({"x": 1, "y": 2}))
up = str.upper
print(up("shout"), list(map(str.strip, [" a ", "b  "])), list(map(len, ["", "ab", "abc"])))
words = "the rain in spain stays mainly".split()
print(sorted(words, key=len), sorted(words, key=lambda w: w[::-1]))
print(" ".join(w.capitalize() for w in words))
print("a-b_c d".replace("-", " ").replace("_", " ").split())
count = {}
for ch in "mississippi":
    count[ch] = count.get(ch, 0) + 1
print(count)
print("%-5s|%5s|" % ("ab", "cd"), "abc".encode(), "x".join("123"))
