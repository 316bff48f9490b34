# slice objects: attributes, indices(), use with lists/strings/tuples, custom __getitem__.
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(5), slice(None), slice(1, None, -1))
print(s.indices(5), slice(None, None, -1).indices(10), slice(-3, None).indices(10), slice(-100, 100).indices(7))
data = list(range(20))
print(data[s], "abcdefghijkl"[s], tuple(range(12))[s], range(12)[s])
print(data[slice(None, None, -5)], data[slice(-4, None)], data[slice(3, -3, 4)])
class Recorder:
    def __getitem__(self, key):
        return key
rec = Recorder()
print(rec[1:2], rec[::3], rec[1:2, 3], rec[..., 1], rec[:], rec[5])
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3))
try:
    "abc"[::0]
except ValueError as e:
    print("ValueError:", e)
