# Uncaught TypeError: using a list as a dict key.
seen = {}
for key in [(1, 2), "s", [3, 4]]:
    print("inserting", key)
    seen[key] = True
