# Uncaught OverflowError converting a huge int to float.
n = 10 ** 400
print(n.bit_length())
print(float(n))
