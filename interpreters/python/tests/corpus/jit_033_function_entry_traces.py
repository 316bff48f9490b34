# Code whose hot path is a call rather than a loop: recursion, and
# functions called from places traces do not reach (built-ins calling back,
# generators), compiled at their entry.


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def depth(tree):
    if not isinstance(tree, list):
        return 0
    return 1 + max([depth(t) for t in tree] or [0])


def find(tree, want, path=()):
    # Recursion that ends with an exception caught far up.
    if tree == want:
        raise LookupError(path)
    if isinstance(tree, list):
        for i, t in enumerate(tree):
            find(t, want, path + (i,))
    return None


def kind(x):
    # Different result types from one entry.
    if x % 3 == 0:
        return "fizz"
    if x % 5 == 0:
        return 5.5
    return x


print(fib(22))
tree = [[1, [2, 3]], [[4], 5, [6, [7, [8]]]]]
print(depth(tree), [depth(tree) for _ in range(3)])
for want in (3, 8, 9):
    try:
        find(tree, want)
        print("not found", want)
    except LookupError as e:
        print("found", want, e.args[0])

print(sorted(range(40), key=lambda v: (kind(v) if not isinstance(kind(v), str) else -1, v))[:12])
print(sum(map(lambda v: v * 2 if isinstance(kind(v), int) else 1, range(3000))))


def squares(n):
    for i in range(n):
        yield fib(i % 12)


print(sum(sum(squares(30)) for _ in range(40)))


def countdown(n):
    return n if n <= 0 else countdown(n - 1)


print(countdown(500), countdown(-3))
