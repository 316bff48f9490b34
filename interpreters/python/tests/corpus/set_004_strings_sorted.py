# Sets of strings must be observed through sorted() since string hashing is randomized.
words = "the cat sat on the mat with the hat".split()
uniq = set(words)
print(len(uniq), sorted(uniq))
vowels = set("aeiou")
for w in sorted(uniq):
    print(w, sorted(set(w) & vowels), sorted(set(w) - vowels))
a = set("abracadabra")
b = set("alacazam")
print(sorted(a), sorted(b), sorted(a - b), sorted(a | b), sorted(a & b), sorted(a ^ b))
print("a" in a, "z" in a, len(a ^ b))
seen = set()
dups = []
for w in words:
    if w in seen:
        dups.append(w)
    seen.add(w)
print(dups)
