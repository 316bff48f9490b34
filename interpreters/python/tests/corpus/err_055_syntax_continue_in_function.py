# SyntaxError: continue not properly in loop (inside a function body without a loop).
def f(x):
    if x:
        continue
    return x
print(f(1))
