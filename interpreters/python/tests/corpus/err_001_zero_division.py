# Uncaught ZeroDivisionError after some output; traceback has two frames.
# kiln-corpus: full-stderr
def average(values):
    return sum(values) / len(values)
print("average of [1, 2, 3] =", average([1, 2, 3]))
print("now averaging an empty list")
print(average([]))
print("not reached")
