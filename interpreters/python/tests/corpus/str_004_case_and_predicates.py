# Case conversion and character class predicates.
words = ["hello world", "HELLO", "Hello World", "hELLO wORLD", "123abc", "they're bill's", "", "ß straße"]
for w in words:
    print(repr(w), w.upper(), w.lower(), w.title(), w.capitalize(), w.swapcase(), sep=" | ")
for w in ["123", "12.3", "abc", "ABC", "aBc", "abc123", "   ", " a ", "", "\t\n", "Ab Cd", "½", "٣"]:
    print(repr(w), w.isdigit(), w.isalpha(), w.isalnum(), w.isspace(), w.isupper(), w.islower(), w.istitle(), w.isnumeric(), w.isdecimal())
print("Hello".casefold(), "ǅ".lower(), "ǅ".upper(), "ﬁ".upper())
print("abc".isidentifier(), "1abc".isidentifier(), "_x".isidentifier(), "ab cd".isprintable(), "a\n".isprintable())
