# Comprehension scoping: loop variables don't leak; class-body scoping rule.
x = "outer"
lst = [x for x in range(3)]
print(x, lst)
y = 5
print([y * i for i in range(3)], {i: y for i in range(2)})
def f():
    z = 10
    return [z + i for i in range(3)]
print(f())
class K:
    base = 100
    vals = [i for i in range(3)]
    try:
        bad = [base + i for i in range(3)]
    except NameError as e:
        err = str(e)
print(K.vals, K.err)
funcs = [lambda: i for i in range(3)]
print([fn() for fn in funcs])
print([(lambda v: v * 2)(i) for i in range(3)])
total = 0
res = [total := total + i for i in range(5)]
print(res, total)
print([j for i in range(3) for j in range(i)])
try:
    print(i)
except NameError as e:
    print("NameError:", e)
