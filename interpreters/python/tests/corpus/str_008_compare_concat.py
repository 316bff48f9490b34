# Comparisons, concatenation, multiplication, membership, iteration.
print("abc" < "abd", "abc" < "ab", "" < "a", "Z" < "a", "abc" == "abc", "a" != "A")
print("apple" > "Apple", "10" < "9", sorted(["banana", "Apple", "cherry", "apple", "10", "9"]))
print(max("hello"), min("hello"), sorted("hello"), sorted("hello", reverse=True))
s = ""
for ch in "abc":
    s += ch * 2
print(s, s + "!" * 3, "-" * 10)
print(list("abc"), tuple("xy"), set("aaa"), "".join(reversed("stressed")))
print(str(123) + "x", "n=" + str(1.5), "%s" % [1, 2])
try:
    "a" + 1
except TypeError as e:
    print("TypeError:", e)
try:
    "a" * "b"
except TypeError as e:
    print("TypeError:", e)
try:
    "a" < 1
except TypeError as e:
    print("TypeError:", e)
print("ab" in "cabd", "ba" in "abab", [c for c in "hello" if c in "aeiou"])
print(hash("abc") == hash("ab" + "c"), "abc" != None)
