# An exception with an empty message prints just the class name.
class QuietError(Exception):
    pass
print("raising")
raise QuietError()
