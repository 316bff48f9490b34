# find/index/rfind/rindex/count/in/startswith/endswith.
s = "the quick brown fox jumps over the lazy dog"
print(s.find("the"), s.find("the", 1), s.find("cat"), s.rfind("the"), s.rfind("o"))
print(s.find("o", 20, 30), s.rfind("o", 0, 15), s.find(""), s.rfind(""), s.find("", 100))
print(s.index("quick"), s.rindex("o"), s.count("o"), s.count("the"), s.count(""), "aaaa".count("aa"))
try:
    s.index("cat")
except ValueError as e:
    print("ValueError:", e)
try:
    s.rindex("zebra")
except ValueError as e:
    print("ValueError:", e)
print("fox" in s, "cat" in s, "" in s, "Fox" not in s)
print(s.startswith("the"), s.startswith("quick", 4), s.endswith("dog"), s.endswith(("cat", "dog")))
print(s.startswith(("a", "t")), "".startswith(""), s.endswith("the", 0, 3))
try:
    s.startswith(["the"])
except TypeError as e:
    print("TypeError:", e)
