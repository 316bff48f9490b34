# random with a fixed seed must reproduce CPython's Mersenne Twister sequence exactly.
import random
random.seed(12345)
print([random.random() for _ in range(5)])
print([random.randint(1, 6) for _ in range(20)])
print([random.randrange(10) for _ in range(10)], [random.randrange(5, 50, 5) for _ in range(5)])
print(random.getrandbits(32), random.getrandbits(64), random.getrandbits(100))
random.seed(0)
a = [random.random() for _ in range(3)]
random.seed(0)
b = [random.random() for _ in range(3)]
print(a == b, a)
random.seed(2 ** 70 + 3)
print(random.random(), random.randint(-1000, 1000))
random.seed(-12345)
print(random.random())
