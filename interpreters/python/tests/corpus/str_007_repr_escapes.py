# repr() of strings chooses quotes and escapes special characters.
cases = ["plain", "it's", 'say "hi"', "both ' and \"", "tab\there", "new\nline", "back\\slash",
         "\r\x00\x07\x1b", "\x7f", "é ü 日本", "\u200b", "😀", "\ud800" if False else "bell\a", "", "'", '"']
for c in cases:
    print(repr(c))
print(str("a'b"), ascii("é😀"), ascii("plain"))
print([("x'", 'y"')], {"k\n": "v\t"})
print(r"raw\nstring", len(r"\n"), len("\n"), "\101\102", "\x4a")
print("multi" "part" 'literal', """triple
quoted""")
print("a\
b")
