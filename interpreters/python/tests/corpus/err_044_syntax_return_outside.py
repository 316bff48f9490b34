# SyntaxError: return outside a function.
x = 10
print(x)
return x
