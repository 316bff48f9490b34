# Uncaught TypeError: adding an int and a str.
count = 5
label = " apples"
print("adding", count, "and", repr(label))
total = count + label
print(total)
