# IndentationError: dedent to a column that matches no outer block.
def f():
        a = 1
    return a
print(f())
