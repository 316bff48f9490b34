# choice, shuffle, sample, uniform under a fixed seed.
import random
random.seed(42)
items = ["apple", "banana", "cherry", "date", "elder", "fig", "grape"]
print([random.choice(items) for _ in range(8)])
deck = list(range(20))
random.shuffle(deck)
print(deck)
print(random.sample(range(100), 10), random.sample(items, 3), random.sample("abcdefgh", 8))
print([round(random.uniform(-5, 5), 12) for _ in range(4)], random.uniform(10, 10))
print(random.choice("xyz"), random.choice((1, 2, 3)), random.choice(range(1000)))
try:
    random.choice([])
except IndexError as e:
    print("IndexError:", e)
try:
    random.sample([1, 2], 5)
except ValueError as e:
    print("ValueError:", e)
try:
    random.randint(5, 1)
except ValueError as e:
    print("ValueError:", e)
