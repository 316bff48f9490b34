# SyntaxError in the middle of an otherwise valid file: nothing runs at all.
def add(a, b):
    return a + b

print("this line is never printed")
total = 0
for i in range(10):
    total = add(total, i)

result = total +* 2

print(result)
def later():
    return "also never defined"
