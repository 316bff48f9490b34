# Uncaught KeyError from a dict lookup.
config = {"host": "localhost", "port": 8080}
print("host:", config["host"])
print("user:", config["username"])
