# SyntaxError: using a keyword as a variable name.
value = 3
class = value + 1
print(class)
