# Negative-step slicing semantics and clamping on list/str/tuple/range.
seqs = [list(range(8)), "abcdefgh", tuple(range(8)), range(8)]
specs = [(None, None, -1), (6, 1, -2), (-1, -9, -3), (10, None, -4), (None, -10, -1), (2, 6, -1), (-2, None, -2), (0, 0, -1)]
for start, stop, step in specs:
    outs = []
    for s in seqs:
        part = s[start:stop:step]
        outs.append(list(part) if not isinstance(part, str) else part)
    print((start, stop, step), outs)
