# Heavier comprehension use: transposition, flattening, grouping, matrix multiply.
A = [[1, 2], [3, 4], [5, 6]]
B = [[7, 8, 9], [10, 11, 12]]
C = [[sum(a * b for a, b in zip(row, col)) for col in zip(*B)] for row in A]
print(C)
print([list(col) for col in zip(*A)])
text = "the quick brown fox jumps over the lazy dog"
print(sorted({c for c in text if c.isalpha()}) == sorted(set("abcdefghijklmnopqrstuvwxyz")))
freq = {c: text.count(c) for c in sorted(set(text)) if c != " "}
print([c for c, n in freq.items() if n >= 3])
pascal = [[1]]
for _ in range(7):
    prev = pascal[-1]
    pascal.append([1] + [prev[i] + prev[i + 1] for i in range(len(prev) - 1)] + [1])
print(pascal[-1], [sum(r) for r in pascal])
board = [["." for _ in range(5)] for _ in range(5)]
for i in range(5):
    board[i][i] = "\\"
    board[i][4 - i] = "/" if i != 2 else "X"
print("\n".join("".join(r) for r in board))
