# f-strings: expressions, conversions, '=', nested specs.
name = "World"
x = 10
y = 3
items = [1, 2, 3]
d = {"k": "v"}
print(f"Hello, {name}!", f"{x + y}", f"{x * y = }", f"{x / y:.3f}", f"{x // y}")
print(f"{name!r} {name!s} {name!a} {'é'!a}")
print(f"{name=}", f"{name = !r}", f"{x=:>5}", f"{items[1]=}")
width = 10
prec = 3
val = 3.14159265
print(f"[{val:{width}.{prec}f}]", f"[{val:>{width}}]", f"[{name:^{width}}]", f"[{x:0{width}d}]")
print(f"{items}", f"{items[-1]}", f"{d['k']}", f"{len(items)}", f"{'nested' + ' str'}")
print(f"{{braces}}", f"{{{x}}}", f"{x!r:>4}|", f"{3.0!s:5}|")
print(f"{'yes' if x > 5 else 'no'}", f"{[i * i for i in range(4)]}", f"{(lambda a: a * 2)(4)}")
print(f"{x:b} {x:#o} {x:x} {255:#X} {1e6:,.0f} {0.25:%}")
print(f"{-x:+} {x:+} {x:=+6} {1234567:_}")
s = f"""multi
{name}
line"""
print(s)
class C:
    def __format__(self, spec):
        return f"C<{spec}>"
    def __str__(self):
        return "C-str"
    def __repr__(self):
        return "C-repr"
c = C()
print(f"{c} {c:xyz} {c!s} {c!r}", format(c, "q"), str(c), repr(c))
