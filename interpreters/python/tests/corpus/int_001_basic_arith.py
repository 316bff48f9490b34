# Basic integer arithmetic and operator precedence.
a = 17
b = 5
print(a + b, a - b, a * b)
print(a / b, a // b, a % b)
print(-a // b, -a % b)
print(a // -b, a % -b)
print(-a // -b, -a % -b)
print(2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, (2 ** 3) ** 2)
print(-2 ** 2, (-2) ** 2)
print(10 - 2 - 3, 100 // 7 // 2, 2 * 3 % 4)
print(+a, -a, --a, -(-a))
x = 0
for i in range(1, 11):
    x += i * i
print("sum of squares", x)
x -= 85
x *= 3
x //= 4
x %= 50
print("after aug-assign", x)
print(7 / 2, 8 / 2, -7 / 2, 1 / 4)
print(type(8 / 2).__name__, type(8 // 2).__name__)
print(0 * -1, 0 // 5, 0 % 5)
print(abs(-42), abs(42), abs(0))
