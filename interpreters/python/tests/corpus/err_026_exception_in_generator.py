# Exception raised inside a generator surfaces in the consuming loop.
# kiln-corpus: full-stderr
def readings():
    for raw in ["1.5", "2.25", "oops", "4"]:
        yield float(raw)
def running_sum(src):
    total = 0.0
    for r in src:
        total += r
        yield total
for t in running_sum(readings()):
    print("total", t)
