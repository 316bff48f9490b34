# range objects: len, indexing, slicing, reversed, in, negative steps, repr, equality.
r = range(2, 20, 3)
print(r, len(r), list(r), r[0], r[-1], r[2], r[1:4], r[::-1], r[::2], list(r[::-2]))
print(11 in r, 12 in r, 20 in r, r.index(14), r.count(5), r.count(6))
n = range(10, 0, -2)
print(n, list(n), len(n), n[-1], 2 in n, 1 in n, list(reversed(n)))
print(len(range(0)), len(range(5, 2)), list(range(5, 2)), list(range(-3, 3)), list(range(0, -10, -3)))
print(range(0, 6, 2) == range(0, 5, 2), range(0) == range(4, 2), range(3) == range(0, 3, 1), range(1, 2) != range(1, 3))
big = range(0, 10 ** 18, 7)
print(len(big), big[10 ** 16], 7 * 10 ** 15 in big, 10 ** 17 + 1 in big, big[-1])
try:
    range(5)[10]
except IndexError as e:
    print("IndexError:", e)
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(1.5)
except TypeError as e:
    print("TypeError:", e)
print(sum(range(1, 101)), max(range(7)), min(range(3, 9)), sorted(range(5), reverse=True))
print(r.start, r.stop, r.step, range(4).step, bool(range(0)), bool(range(1)))
print(list(reversed(range(1, 8, 3))), [x for x in range(20, 0, -7)])
