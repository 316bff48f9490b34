# KeyError with a tuple key and KeyError with a str containing quotes.
grid = {(0, 0): "origin"}
print(grid[(0, 0)])
try:
    grid["it's"]
except KeyError as e:
    print("caught", e)
print(grid[(1, 2)])
