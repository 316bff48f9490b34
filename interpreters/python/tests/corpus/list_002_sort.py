# sort/sorted with key, reverse, and stability.
people = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 30), ("eve", 22), ("frank", 25)]
print(sorted(people))
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
byname = sorted(people, key=lambda p: p[0])
print(sorted(byname, key=lambda p: p[1]))
nums = [5, -3, 2, -8, 7, 0, -1]
nums.sort(key=abs)
print(nums)
nums.sort(reverse=True)
print(nums)
words = ["Banana", "apple", "Cherry", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
print(sorted([3, 1, 2], reverse=True), sorted((3, 1, 2)), sorted("cab"), sorted({3: 0, 1: 0}))
print(sorted([[2, 1], [1, 2], [1, 1], [2]]), sorted([(1, "b"), (1, "a"), (0, "z")]))
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError:", e)
data = [(i % 3, i) for i in range(12)]
data.sort(key=lambda t: t[0])
print(data)
print(sorted([0.5, -1, 3, 2.5, True]), sorted([], reverse=True))
