# dict views are live; keys views support set operations.
a = {"x": 1, "y": 2, "z": 3}
b = {"y": 20, "z": 30, "w": 40}
ka, kb = a.keys(), b.keys()
print(sorted(ka & kb), sorted(ka | kb), sorted(ka - kb), sorted(ka ^ kb))
print(ka == {"x", "y", "z"}, ka <= {"x", "y", "z", "q"}, isinstance(ka & kb, set))
vals = a.values()
a["q"] = 9
print(len(ka), sorted(vals), list(a.items())[-1])
print(sorted(a.items() & {("x", 1), ("y", 99)}))
num = {1: "a", 2: "b", 3: "c"}
print(num.keys() & {2, 3, 4}, num.keys() - {1}, {k: v.upper() for k, v in num.items()})
try:
    a.values() & {1}
except TypeError as e:
    print("TypeError:", e)
