# Uncaught TypeError: calling an int.
handlers = {"a": len, "b": 42}
print(handlers["a"]("xyz"))
print(handlers["b"]("xyz"))
