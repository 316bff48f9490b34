# String building in loops: +=, join, formatting, slicing.
s = ""
for i in range(3000):
    s += chr(97 + i % 26)
print(len(s), s[:30], s[-5:], s.count("a"))
parts = []
for i in range(2000):
    parts.append(f"{i:04d}")
joined = "-".join(parts)
print(len(joined), joined[:24], joined[-9:])
h = 0
for ch in s:
    h = (h * 131 + ord(ch)) % 1000000007
print(h)
r = ""
for i in range(500):
    r = (r + str(i))[-50:]
print(r)
