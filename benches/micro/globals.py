K = 7
counter = 0
def f(n):
    global counter
    for i in range(n):
        counter = counter + K
    return counter
print(f(20000000))
