# An exception raised in a finally block replaces the original one (with context shown).
# kiln-corpus: full-stderr
def risky():
    try:
        raise ValueError("first problem")
    finally:
        print("finally running")
        raise RuntimeError("problem in finally")
risky()
