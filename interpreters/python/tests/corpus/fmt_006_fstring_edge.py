# f-string edge cases: quotes, dict access, method calls, format with objects.
data = {"name": "Ann", "scores": [90, 85, 77]}
print(f"{data['name']} has {len(data['scores'])} scores, avg {sum(data['scores']) / len(data['scores']):.2f}")
print(f'{"double inside single"}', f"{'single inside double'}")
print(f"{'abc'.upper()}", f"{'-'.join(['a', 'b'])}", f"{max(data['scores'])}")
rows = [("apple", 1.5, 10), ("banana", 0.25, 150), ("cherry", 12.0, 3)]
print(f"{'name':<10}|{'price':>8}|{'qty':>5}")
for n, p, q in rows:
    print(f"{n:<10}|{p:>8.2f}|{q:>5d}")
print(f"{'total':<10}|{sum(p * q for _, p, q in rows):>8.2f}|{sum(q for *_, q in rows):>5}")
v = 42
print(f"{v!r:^10}|", f"{str(v):*>6}", f"{v:>{v // 7}}|")
print(f"{v}" f"{v}", "x" f"{v}" "y")
nested = f"{f'{v:x}':>5}"
print(repr(nested))
print(f"{3 > 2}", f"{None}", f"{[None, True]}", f"{1, 2}")
