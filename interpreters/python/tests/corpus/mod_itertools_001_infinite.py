# count, cycle, repeat, islice.
import itertools as it
print(list(it.islice(it.count(), 5)), list(it.islice(it.count(10, 5), 4)), list(it.islice(it.count(1.5, 0.5), 3)))
print(list(it.islice(it.count(5, -2), 4)), list(it.islice(it.cycle("abc"), 8)), list(it.islice(it.cycle([]), 3)))
print(list(it.repeat("x", 3)), list(it.repeat(0, 0)), list(it.islice(it.repeat(7), 2)))
print(list(it.islice(range(20), 2, 12, 3)), list(it.islice("abcdef", None, None, 2)), list(it.islice("abc", 10)))
print(list(map(pow, range(5), it.repeat(2))), list(zip(it.count(1), "xyz")))
c = it.count(3)
next(c)
print(next(c), repr(c), repr(it.repeat(1, 2)))
try:
    it.islice("abc", -1)
except ValueError as e:
    print("ValueError:", e)
