# Non-ASCII strings: len is in code points, ord/chr, encode.
s = "héllo wörld"
print(s, len(s), s.upper(), s[1], s[::-1])
t = "日本語テキスト"
print(t, len(t), t[2], t[1:4], t.find("テ"), list(t[:3]))
e = "emoji: 😀🎉"
print(e, len(e), e[-1], ord(e[-2]), hex(ord(e[-1])))
print(ord("A"), ord("é"), ord("€"), ord("😀"), chr(65), chr(233), chr(8364), chr(128512), chr(0x41))
print("é".encode("utf-8"), "😀".encode("utf-8"), len("😀".encode()), "abc".encode("ascii"))
print("naïve café".encode("utf-8").decode("utf-8") == "naïve café")
print("Ünïcödé".lower(), "straße".upper(), len("straße".upper()))
print(sorted(["b", "a", "é", "z", "É", "A"]), "é" > "z", "a" < "b")
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
try:
    chr(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    ord("ab")
except TypeError as e:
    print("TypeError:", e)
print("\u00e9" == "é", "\N{GREEK SMALL LETTER ALPHA}", "\x41\x42", "\U0001F600" == "😀")
