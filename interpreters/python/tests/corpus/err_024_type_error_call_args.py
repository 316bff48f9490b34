# Uncaught TypeError for a missing positional argument.
def area(width, b):
    return width * b
print(area(3, 4))
print(area(5))
