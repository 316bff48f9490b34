# open() for writing and reading a text file in /tmp.
path = "/tmp/kiln_corpus_builtin_007.txt"
with open(path, "w") as f:
    n = f.write("first line\n")
    f.write("second line\n")
    f.writelines(["third\n", "fourth without newline"])
print("wrote", n)
with open(path) as f:
    content = f.read()
print(repr(content), len(content))
with open(path, "r") as f:
    print(repr(f.readline()), repr(f.readline()))
    rest = f.readlines()
print(rest)
with open(path) as f:
    for i, line in enumerate(f):
        print(i, line.rstrip("\n"))
with open(path, "a") as f:
    f.write("\nappended")
with open(path) as f:
    lines = f.read().splitlines()
print(len(lines), lines[-1])
f = open(path, "w", encoding="utf-8")
f.write("unicode: héllo ☃\n")
print(f.closed)
f.close()
print(f.closed)
with open(path, encoding="utf-8") as f:
    print(f.read().strip())
with open(path, "rb") as f:
    raw = f.read()
print(raw, len(raw))
try:
    open("/tmp/kiln_corpus_no_such_dir_xyz/file.txt")
except FileNotFoundError as e:
    print("FileNotFoundError:", e.errno, e.strerror)
try:
    f.read()
except ValueError as e:
    print("ValueError:", e)
