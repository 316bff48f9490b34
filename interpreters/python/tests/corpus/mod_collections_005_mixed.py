# Collections working together: graph algorithms with deque/defaultdict/Counter.
from collections import deque, defaultdict, Counter
edges = [("a", "b"), ("b", "c"), ("a", "d"), ("d", "c"), ("c", "e"), ("e", "f"), ("b", "f"), ("g", "h")]
graph = defaultdict(list)
for u, v in edges:
    graph[u].append(v)
    graph[v].append(u)
def bfs(start):
    dist = {start: 0}
    q = deque([start])
    while q:
        n = q.popleft()
        for m in graph[n]:
            if m not in dist:
                dist[m] = dist[n] + 1
                q.append(m)
    return dist
print(bfs("a"))
print(sorted(bfs("g").items()))
degree = Counter()
for u, v in edges:
    degree[u] += 1
    degree[v] += 1
print(sorted(degree.items()), degree.most_common(1))
indeg = defaultdict(int)
dag = {"shirt": ["tie", "belt"], "tie": ["jacket"], "pants": ["shoes", "belt"], "belt": ["jacket"], "socks": ["shoes"], "shoes": [], "jacket": [], "watch": []}
for k, vs in dag.items():
    for v in vs:
        indeg[v] += 1
ready = deque(sorted(k for k in dag if indeg[k] == 0))
topo = []
while ready:
    n = ready.popleft()
    topo.append(n)
    for v in dag[n]:
        indeg[v] -= 1
        if indeg[v] == 0:
            ready.append(v)
print(topo)
