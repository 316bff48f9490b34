# SyntaxError: closing bracket does not match the opening one.
data = [1, 2, 3)
print(data)
