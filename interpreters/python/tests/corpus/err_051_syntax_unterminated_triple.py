# SyntaxError: unterminated triple-quoted string.
print("start")
doc = """this string
never ends
print("end")
