# try/except/else/finally execution order.
def run(action):
    trail = []
    try:
        trail.append("try")
        if action == "raise":
            raise ValueError("boom")
        if action == "return":
            return trail + ["returned-from-try"]
        trail.append("try-end")
    except ValueError as e:
        trail.append(f"except:{e}")
    else:
        trail.append("else")
    finally:
        trail.append("finally")
    return trail
for a in ["ok", "raise", "return"]:
    print(a, run(a))
def finally_overrides():
    try:
        return "try"
    finally:
        return "finally"
print(finally_overrides())
def finally_swallows():
    try:
        raise RuntimeError("lost")
    finally:
        return "swallowed"
print(finally_swallows())
def loop_finally():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append(f"f{i}")
    return out
print(loop_finally())
def nested():
    try:
        try:
            raise KeyError("inner")
        finally:
            print("  inner finally")
    except KeyError as e:
        print("  outer caught", repr(e))
        return "done"
    finally:
        print("  outer finally")
print(nested())
try:
    pass
except Exception:
    print("never")
else:
    print("else without exception")
