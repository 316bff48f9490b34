# Typical dict algorithms: word counts, grouping, inversion, memoization.
text = """it was the best of times it was the worst of times it was the age of wisdom
it was the age of foolishness"""
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(top)
by_len = {}
for w in sorted(counts):
    by_len.setdefault(len(w), []).append(w)
print(by_len)
memo = {0: 0, 1: 1}
def fib(n):
    if n not in memo:
        memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]
print(fib(90), len(memo))
