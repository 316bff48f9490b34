# Tuples used as records: sorting, zip(*...) transposition, min/max by field.
records = [("widget", 3, 2.50), ("gadget", 10, 1.25), ("doohickey", 1, 10.0), ("gizmo", 3, 4.75)]
names, qtys, prices = zip(*records)
print(names, qtys, prices)
print(max(records, key=lambda r: r[1] * r[2]), min(records, key=lambda r: (r[1], r[0])))
by_qty_then_name = sorted(records, key=lambda r: (-r[1], r[0]))
for name, qty, price in by_qty_then_name:
    print(f"{name:10} {qty:3} {price:6.2f} {qty * price:7.2f}")
print(list(zip(*[(1, 2, 3), (4, 5, 6)])))
pairs = list(zip(range(3), "abc"))
print(pairs, dict(pairs), [p[::-1] for p in pairs])
