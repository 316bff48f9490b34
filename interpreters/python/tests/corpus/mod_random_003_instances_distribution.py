# Independent random.Random instances, getstate/setstate, simple statistics.
import random
r1 = random.Random(7)
r2 = random.Random(7)
print([r1.randint(0, 100) for _ in range(5)] == [r2.randint(0, 100) for _ in range(5)])
state = r1.getstate()
first = [r1.random() for _ in range(3)]
r1.setstate(state)
again = [r1.random() for _ in range(3)]
print(first == again, first)
rng = random.Random(2024)
counts = [0] * 6
for _ in range(6000):
    counts[rng.randint(1, 6) - 1] += 1
print(counts, sum(counts))
rng.seed(99)
walk = 0
path = []
for _ in range(1000):
    walk += 1 if rng.random() < 0.5 else -1
    path.append(walk)
print(walk, min(path), max(path))
rng.seed(123456789012345678901234567890)
print(rng.random(), rng.randrange(1000))
rng.seed(5)
print([round(rng.gauss(0, 1), 10) for _ in range(3)])
