# Type constructors as converters: int/float/str/bool/list/tuple/dict/set/frozenset/bytes.
print(int(), float(), str(), bool(), list(), tuple(), dict(), set(), frozenset(), bytes())
print(int("12"), float("1.5"), str(12), bool("x"), list("ab"), tuple([1]), dict([(1, 2)]), set([1, 1]))
print(list({1: "a", 2: "b"}.items()), tuple(x for x in range(3)), list(map(int, "123")))
print(str(1.0), str(-0.5), str(1e100), str([1.5]), str((1,)), str({1}), str(range(2)))
print(int(True) + float(False), bool(0.0), bool("False"), bool([[]]))
print(type(int("5")).__name__, type(str(5)).__name__, type(list(())).__name__)
print(list(range(3)) == [0, 1, 2], tuple("") == (), dict(a=1) == {"a": 1})
class Sub(int):
    pass
s = Sub(5)
print(s + 1, type(s + 1).__name__, type(s).__name__, isinstance(s, int), repr(s))
class MyList(list):
    def total(self):
        return sum(self)
ml = MyList([1, 2, 3])
ml.append(4)
print(ml, ml.total(), len(ml), type(ml[1:]).__name__)
class MyDict(dict):
    def __missing__(self, key):
        return f"<{key}>"
md = MyDict(a=1)
print(md["a"], md["zz"], len(md))
class MyStr(str):
    def shout(self):
        return self.upper() + "!"
print(MyStr("hey").shout(), MyStr("a") + "b", type(MyStr("a") + "b").__name__)
