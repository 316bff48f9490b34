# global and nonlocal declarations.
counter = 0
def incr():
    global counter
    counter += 1
    return counter
for _ in range(5):
    incr()
print(counter)
def reset_and_define():
    global counter, created_here
    counter = -1
    created_here = "yes"
reset_and_define()
print(counter, created_here)
def outer():
    n = 0
    def bump():
        nonlocal n
        n += 1
    def read():
        return n
    for _ in range(3):
        bump()
    return read()
print(outer())
def shadowing():
    counter = 100
    def inner():
        nonlocal counter
        counter += 1
        return counter
    return inner(), counter
print(shadowing(), counter)
def make():
    val = "a"
    def set_val(v):
        nonlocal val
        val = v
    def get_val():
        return val
    return set_val, get_val
s, g = make()
s("b")
print(g())
def global_in_nested():
    def inner():
        global counter
        counter = 500
    inner()
global_in_nested()
print(counter)
