# Slice reads, slice assignment (incl. extended), del slices.
l = list(range(10))
print(l[2:5], l[-3:], l[::3], l[::-1], l[7:2:-2], l[100:], l[-100:2])
l[2:5] = ["a", "b"]
print(l)
l[1:1] = [100, 200, 300]
print(l)
l[:2] = []
print(l)
l[-2:] = "xy"
print(l)
m = list(range(10))
m[::2] = [0] * 5
print(m)
try:
    m[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)
del m[::3]
print(m)
del m[1:3]
print(m)
del m[-1]
print(m)
n = [1, 2, 3]
n[len(n):] = [4, 5]
n[0:0] = [-1, 0]
print(n)
n[:] = [9]
print(n)
p = list(range(8))
p[5:1:-1] = "WXYZ"
print(p)
q = list(range(5))
q[10:20] = [7]
print(q)
