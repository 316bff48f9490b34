# Converting a >4300-digit int to str hits CPython 3.11's int_max_str_digits limit.
big = 10 ** 5000 - 1
print("bit length", big.bit_length())
print("hex length", len(hex(big)))
s = str(big)
print(len(s))
