# chain, chain.from_iterable, accumulate, starmap, takewhile, dropwhile, zip_longest, compress, filterfalse, tee, pairwise.
import itertools as it
import operator
print(list(it.chain([1, 2], "ab", (3,))), list(it.chain.from_iterable(["xy", [1, 2], range(2)])), list(it.chain()))
print(list(it.accumulate([1, 2, 3, 4, 5])), list(it.accumulate([1, 2, 3, 4], operator.mul)), list(it.accumulate([3, 1, 4, 1, 5], max)))
print(list(it.accumulate([1, 2, 3], initial=100)), list(it.accumulate([])), list(it.accumulate("abc")))
print(list(it.starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(it.starmap(lambda a, b: a * b, zip(range(4), range(4)))))
print(list(it.takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(it.dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(it.zip_longest("abc", [1])), list(it.zip_longest("ab", "wxyz", fillvalue="-")), list(it.zip_longest()))
print(list(it.compress("abcdef", [1, 0, 1, 0, 1, 1])), list(it.filterfalse(lambda x: x % 2, range(10))))
a, b = it.tee([1, 2, 3])
print(list(a), list(b), list(it.pairwise("abcd")))
