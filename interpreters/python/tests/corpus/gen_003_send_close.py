# Generator send(), close(), and coroutine-style running averages.
def averager():
    total = 0.0
    count = 0
    avg = None
    while True:
        value = yield avg
        if value is None:
            break
        total += value
        count += 1
        avg = total / count
    return (count, avg)
a = averager()
print(next(a))
for v in [10, 20, 30, 45]:
    print(a.send(v))
try:
    a.send(None)
except StopIteration as e:
    print("finished with", e.value)
def echo():
    received = []
    try:
        while True:
            x = yield len(received)
            received.append(x)
    finally:
        print("  echo closing, received", received)
e = echo()
print(e.send(None), e.send("a"), e.send("b"))
e.close()
e.close()
try:
    e.send("c")
except StopIteration:
    print("send after close -> StopIteration")
g = echo()
try:
    g.send(5)
except TypeError as err:
    print("TypeError:", err)
def accumulate():
    total = 0
    while True:
        x = yield total
        total += x
acc = accumulate()
next(acc)
print([acc.send(i) for i in range(1, 6)])
