# Local/global scoping rules, UnboundLocalError.
x = "global"
def read_global():
    return x
def shadow():
    x = "local"
    return x
def modify_global():
    global x
    x = "modified"
def unbound():
    print(x)
    x = 1
print(read_global(), shadow(), x)
modify_global()
print(x)
try:
    unbound()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
def outer():
    y = 1
    def inner():
        return y + 1
    y = 10
    return inner()
print(outer())
def create_global():
    global brand_new
    brand_new = 42
create_global()
print(brand_new)
def counter_fn():
    counter_fn.calls = getattr(counter_fn, "calls", 0) + 1
    return counter_fn.calls
for _ in range(3):
    counter_fn()
print(counter_fn.calls)
try:
    undefined_function()
except NameError as e:
    print("NameError:", e)
print([k for k in sorted(globals()) if not k.startswith("__")][:6])
