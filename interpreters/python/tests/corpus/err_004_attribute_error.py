# Uncaught AttributeError on an instance of a user class.
class Foo:
    def __init__(self):
        self.value = 1
f = Foo()
print("value is", f.value)
print(f.x)
