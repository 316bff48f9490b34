# Uncaught ValueError from int('x').
inputs = ["12", "7", "x"]
total = 0
for s in inputs:
    total += int(s)
    print("running total", total)
