# SyntaxError: assignment to a literal.
x = 5
1 = x
print(x)
