# Iterating dicts; modifying during iteration raises RuntimeError.
scores = {"ann": 91, "bob": 78, "cid": 85, "dee": 62, "eve": 99}
for name in scores:
    print(name, end=" ")
print()
for name, s in scores.items():
    if s > 80:
        print(f"{name}:{s}", end=" ")
print()
print(sum(scores.values()), max(scores, key=scores.get), sorted(scores, key=lambda n: -scores[n]))
try:
    for k in scores:
        if k == "bob":
            del scores[k]
except RuntimeError as e:
    print("RuntimeError:", e)
print(scores)
try:
    for k in scores:
        scores[k + "!"] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
print(len(scores))
for k in list(scores):
    if k.endswith("!"):
        del scores[k]
print(scores)
for k in scores:
    scores[k] += 1
print(scores)
inverted = {v: k for k, v in scores.items()}
print(inverted)
