# Parsing a 5000-digit decimal string with int() exceeds the default digit limit.
digits = "1" * 5000
print("parsing", len(digits), "digits")
n = int(digits)
print(n % 7)
