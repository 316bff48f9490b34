# Helper module with mutable module-level state (not a test itself).
print("helper_counter: initialising")
count = 0
history = []
def bump(by=1):
    global count
    count += by
    history.append(count)
    return count
def get():
    return count
