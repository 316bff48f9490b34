# defaultdict with various factories; OrderedDict basics.
from collections import defaultdict, OrderedDict
dl = defaultdict(list)
for word in "one two three four five six seven".split():
    dl[len(word)].append(word)
print(dict(dl), dl[10], len(dl))
di = defaultdict(int)
for ch in "hello world":
    di[ch] += 1
print(sorted(di.items()), di["missing"], "missing" in di)
dd = defaultdict(lambda: "N/A", {"a": "x"})
print(dd["a"], dd["b"], dict(dd))
nested = defaultdict(lambda: defaultdict(int))
nested["x"]["y"] += 2
nested["x"]["z"] += 1
print({k: dict(v) for k, v in nested.items()})
plain = defaultdict()
try:
    plain["nope"]
except KeyError as e:
    print("KeyError:", e)
print(repr(defaultdict(int, {1: 2})), defaultdict(set).default_factory is set)
od = OrderedDict()
od["z"] = 1
od["a"] = 2
od["m"] = 3
print(od, list(od))
od.move_to_end("z")
print(list(od))
od.move_to_end("m", last=False)
print(list(od), od.popitem(), od.popitem(last=False), od)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), dict(a=1, b=2) == dict(b=2, a=1))
print(OrderedDict(a=1, b=2) == {"b": 2, "a": 1})
