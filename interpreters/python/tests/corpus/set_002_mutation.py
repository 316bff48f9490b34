# add/discard/remove/pop/clear/update and errors.
s = {10, 20}
s.add(30)
s.add(10)
s.discard(20)
s.discard(999)
print(sorted(s), len(s))
s.remove(10)
print(sorted(s))
try:
    s.remove(999)
except KeyError as e:
    print("KeyError:", e)
s.update([1, 2], {3})
print(sorted(s))
popped = s.pop()
print(popped in {1, 2, 3, 30}, len(s))
s.intersection_update({2, 3, 30, 77})
print(sorted(s))
s.difference_update({3})
s.symmetric_difference_update({2, 5})
print(sorted(s))
s.clear()
print(s, len(s), bool(s))
try:
    set().pop()
except KeyError as e:
    print("KeyError:", e)
try:
    {[1]}
except TypeError as e:
    print("TypeError:", e)
t = {1, 2, 3}
u = t.copy()
u.add(4)
print(t, u)
try:
    for x in t:
        t.add(x + 10)
except RuntimeError as e:
    print("RuntimeError:", e)
