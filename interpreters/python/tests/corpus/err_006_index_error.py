# Uncaught IndexError from list indexing.
items = [10, 20, 30]
for i in range(3):
    print(i, items[i])
print(items[3])
