# Deep recursion (depth 5000) with a raised recursion limit.
import sys
sys.setrecursionlimit(10000)
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)
print(depth(5000))
def sum_list(lst, i=0):
    if i == len(lst):
        return 0
    return lst[i] + sum_list(lst, i + 1)
print(sum_list(list(range(4000))))
def build(n):
    return None if n == 0 else (n, build(n - 1))
chain = build(3000)
count = 0
while chain is not None:
    count += chain[0]
    chain = chain[1]
print(count)
