# dict get/set/del in hot loops, with integer and string keys.
d = {}
for i in range(10000):
    k = i % 257
    d[k] = d.get(k, 0) + i
print(len(d), d[0], d[256], sum(d.values()))
words = ["w" + str(i % 50) for i in range(5000)]
freq = {}
for w in words:
    if w in freq:
        freq[w] += 1
    else:
        freq[w] = 1
print(len(freq), freq["w0"], freq["w49"])
cache = {}
hits = 0
for i in range(6000):
    key = (i * 7) % 600
    if key in cache:
        hits += 1
        if i % 11 == 0:
            del cache[key]
    else:
        cache[key] = i
print(hits, len(cache))
