# time.time and time.perf_counter return floats that do not go backwards (values never printed).
import time
t1 = time.time()
p1 = time.perf_counter()
m1 = time.monotonic()
total = 0
for i in range(200000):
    total += i % 7
t2 = time.time()
p2 = time.perf_counter()
m2 = time.monotonic()
print(type(t1).__name__, type(p1).__name__, type(m1).__name__)
print(t2 >= t1, p2 > p1, m2 >= m1, total)
print(t1 > 1.5e9, (p2 - p1) >= 0.0)
time.sleep(0.01)
p3 = time.perf_counter()
print(p3 - p2 >= 0.009)
ns = time.perf_counter_ns()
print(type(ns).__name__, time.perf_counter_ns() >= ns)
