# raise SystemExit with no argument: exit status 0, stderr empty, finally blocks still run.
try:
    print("raising SystemExit")
    raise SystemExit
finally:
    print("finally ran")
print("not reached")
