# Program that prints some output and then exits with status 4 via sys.exit.
import sys
total = 0
for i in range(10):
    total += i
print("total", total)
sys.stdout.flush()
if total == 45:
    sys.exit(4)
print("not reached")
