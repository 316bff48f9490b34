# String indexing and slicing with steps and negative indices.
s = "Hello, World!"
print(len(s), s[0], s[-1], s[7], s[-6])
print(s[0:5], s[7:], s[:5], s[-6:-1], s[:], s[100:], s[-100:3])
print(s[::2], s[1::2], s[::-1], s[::-2], s[10:2:-1], s[10:2:-3], s[-1:-6:-1])
print(repr(s[5:2]), repr(s[3:3]), s[2:-2], s[None:4], s[::None])
for i in range(-3, 3):
    print(i, s[i], end="; ")
print()
try:
    s[13]
except IndexError as e:
    print("IndexError:", e)
try:
    s[0] = "h"
except TypeError as e:
    print("TypeError:", e)
print("abc"[1:2] * 3, "x" * 0, "ab" * -1, 3 * "ha")
t = "0123456789"
print(t[slice(2, 8, 2)], t[slice(None, None, -3)], t[-3::-2])
