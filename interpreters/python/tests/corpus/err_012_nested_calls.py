# Exception raised several frames deep in nested function calls.
# kiln-corpus: full-stderr
def level_d(data):
    return data["key"] * 2
def level_c(data):
    value = level_d(data)
    return value + 1
def level_b(items):
    out = []
    for it in items:
        out.append(level_c(it))
    return out
def level_a():
    print("processing")
    return level_b([{"key": 1}, {"key": 2}, {"nokey": 3}])
level_a()
