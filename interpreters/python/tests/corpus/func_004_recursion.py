# Recursive functions.
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
def hanoi(n, a, b, c, moves):
    if n:
        hanoi(n - 1, a, c, b, moves)
        moves.append((a, c))
        hanoi(n - 1, b, a, c, moves)
    return moves
def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
def perms(s):
    if len(s) <= 1:
        return [s]
    return [s[i] + p for i in range(len(s)) for p in perms(s[:i] + s[i + 1:])]
def flatten(x):
    if not isinstance(x, list):
        return [x]
    out = []
    for e in x:
        out.extend(flatten(e))
    return out
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(fact(20), fact(30))
print([fib(i) for i in range(15)])
m = hanoi(4, "A", "B", "C", [])
print(len(m), m[:5])
print(ackermann(2, 3), ackermann(3, 3))
print(perms("abc"), len(perms("abcde")))
print(flatten([1, [2, [3, [4, [5]]]], [[6]], 7]))
print(is_even(100), is_odd(77), is_even(7))
