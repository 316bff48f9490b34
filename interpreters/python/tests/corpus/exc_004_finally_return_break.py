# finally interacting with return/break/continue and exceptions in loops.
def f(n):
    results = []
    i = 0
    while True:
        try:
            i += 1
            if i % 2 == 0:
                continue
            if i > n:
                break
            results.append(i)
        finally:
            results.append(-i)
    return results
print(f(5))
def g():
    for i in range(3):
        try:
            return i
        finally:
            if i == 0:
                print("  finally sees return of", i)
print(g())
def h():
    count = 0
    for i in range(10):
        try:
            if i % 3 == 0:
                raise ValueError(i)
        except ValueError:
            count += 1
            continue
        finally:
            count += 100
    return count
print(h())
def k():
    try:
        for i in range(3):
            try:
                if i == 2:
                    raise RuntimeError("stop at 2")
            finally:
                print("  inner finally", i)
    except RuntimeError as e:
        return f"outer got {e}"
print(k())
def value_after_finally():
    x = 1
    try:
        return x
    finally:
        x = 2
print(value_after_finally())
