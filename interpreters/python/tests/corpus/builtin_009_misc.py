# Assorted builtins: divmod/round/hash/ord/chr/any/all/format/ascii/bin/hex/oct/abs/vars/locals.
print(format(255, "08b"), format(3.14159, ".2f"), ascii("ñ"), bin(-3), oct(-9), hex(3735928559))
def loc(a, b=2):
    c = a + b
    return sorted(locals().items())
print(loc(1))
print(sorted(vars(type("T", (), {"x": 1, "y": 2})).keys() & {"x", "y"}))
nums = [3, 1, 4, 1, 5, 9, 2, 6]
print(sorted(set(nums)), len(set(nums)), sum(nums) / len(nums), max(nums) - min(nums))
print(list(zip(*[iter(range(6))] * 2)), [divmod(n, 4) for n in (7, -7)])
print(isinstance([], (list, tuple)), all(isinstance(x, int) for x in nums), any(isinstance(x, str) for x in nums))
print(round(sum(x / 7 for x in range(7)), 6), abs(-7) // 2, pow(7, 2, 10))
x = 42
print(eval_free := x * 2, eval_free)
print(getattr([], "append").__name__, getattr("abc", "upper")(), getattr(str, "lower")("ABC"))
print(slice(1, 5, 2).indices(3), range(0, 10, 3)[-1], list(range(10)[2:8:3]))
