# Chained comparisons evaluate each operand at most once and short-circuit.
calls = []
def v(x):
    calls.append(x)
    return x
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 == 1, 1 == 1 != 2, 1 < 2 > 0)
print(v(1) < v(5) < v(3), calls)
calls.clear()
print(v(5) < v(1) < v(3), calls)
calls.clear()
print(v(1) < v(2) <= v(2) < v(3) != v(4), calls)
x = 5
print(0 <= x < 10, 0 <= x < 5, x in [5] in [[5]], 1 < x is not None)
print("a" < "b" < "c", [1] < [2] < [3], 0 < 0.5 < True)
print((1 < 2) < 3, 1 < (2 < 3), not 1 < 0 < 2)
a = [1, 2, 3]
b = a
print(a is b is not None, a == b == [1, 2, 3], a is not [1, 2, 3])
