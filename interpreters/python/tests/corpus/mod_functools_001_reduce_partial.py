# functools.reduce and functools.partial.
import functools
import operator
print(functools.reduce(operator.add, [1, 2, 3, 4]), functools.reduce(lambda a, b: a * b, range(1, 11)))
print(functools.reduce(lambda acc, x: acc + [x * 2], [1, 2, 3], []), functools.reduce(max, [3, 9, 2]))
print(functools.reduce(operator.add, [], 0), functools.reduce(lambda a, b: a + b, ["x"]), functools.reduce(operator.concat, ["a", "b", "c"], ">"))
try:
    functools.reduce(operator.add, [])
except TypeError as e:
    print("TypeError:", e)
def power(base, exp, mod=None):
    return pow(base, exp, mod)
square = functools.partial(power, exp=2)
cube_mod = functools.partial(power, exp=3, mod=7)
two_to = functools.partial(power, 2)
print(square(9), cube_mod(4), two_to(10), two_to(10, mod=1000), square(3, exp=3))
print(square.func is power, square.args, square.keywords, two_to.args)
int2 = functools.partial(int, base=2)
print(int2("1011"), list(map(int2, ["1", "10", "111"])))
p2 = functools.partial(functools.partial(power, 3), 4)
print(p2(), p2(mod=5))
