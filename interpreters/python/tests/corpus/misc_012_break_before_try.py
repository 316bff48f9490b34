# A `break` or `continue` ending an `if` body inside a loop, followed by a
# `try` statement: the handler must unwind the stack to the loop's depth
# (the iterator stays), not to the depth left behind by the `break`.


def main(n):
    out = []
    for it in range(n):
        if it > 5:
            break
        try:
            out.append(10 // (it - 3))
        except ZeroDivisionError:
            out.append("zero")
    for it in range(n):
        if it % 2:
            continue
        elif it > 8:
            break
        else:
            pass
        try:
            out.append([1, 2][it])
        except IndexError as e:
            out.append(str(e))
    k = 0
    while k < n:
        k += 1
        if k == 3:
            continue
        try:
            if k > 6:
                raise KeyError(k)
        except KeyError as e:
            out.append(("key", e.args[0]))
            break
    return out


print(main(20))
for it in range(4):
    if it == 3:
        break
    try:
        print(it, undefined_name)
    except NameError:
        print("name error", it)
try:
    for it in range(3):
        if it == 1:
            break
        try:
            raise ValueError(it)
        except TypeError:
            print("not here")
except ValueError as e:
    print("outer", e)
