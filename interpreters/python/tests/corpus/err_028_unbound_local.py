# Uncaught UnboundLocalError: assignment later in the function makes the name local.
total = 0
def add(x):
    total += x
    return total
print("calling add")
add(1)
