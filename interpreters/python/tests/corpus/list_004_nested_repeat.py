# Nested lists, aliasing with *, equality and comparisons.
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
alias = [[0] * 3] * 3
alias[1][1] = 5
print(alias, alias[0] is alias[2])
print([1, 2] * 3, [] * 5, [[1]] * 2, 2 * [None])
print([1, 2, 3] == [1, 2, 3], [1, 2] == [1, 2, 3], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9, 9])
print([] < [0], [[1, 2], [3]] == [[1, 2], [3]], [1, [2, [3]]] < [1, [2, [4]]], [1] == [1.0])
a = [1, 2]
b = a
b += [3]
print(a, a is b)
c = a
c = c + [4]
print(a, c)
m = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
t = [[row[i] for row in m] for i in range(3)]
print(t, sum(sum(r) for r in m), [r[::-1] for r in m][::-1])
flat = [x for row in m for x in row]
print(flat, flat.count(5), 5 in flat, [5] in m, [4, 5, 6] in m)
l = [3, 1]
l *= 2
print(l, len(l))
print(list(range(3)) + list("ab"), list((1, 2)), list({"k": 1}), list())
