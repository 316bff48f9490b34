# sys.exit raises SystemExit, which can be caught; finally blocks run.
import sys
try:
    sys.exit(5)
except SystemExit as e:
    print("caught SystemExit", e.code, repr(e), isinstance(e, Exception), isinstance(e, BaseException))
try:
    sys.exit("a message")
except SystemExit as e:
    print("caught SystemExit with message", repr(e.code))
try:
    sys.exit()
except SystemExit as e:
    print("bare exit code", e.code)
try:
    raise SystemExit(7)
except SystemExit as e:
    print("raised directly", e.code)
try:
    try:
        sys.exit(1)
    except Exception:
        print("Exception does not catch SystemExit")
except SystemExit:
    print("but BaseException-level handler does")
def f():
    try:
        sys.exit(0)
    finally:
        print("finally runs during exit")
try:
    f()
except SystemExit as e:
    print("exit code", e.code)
print("end")
sys.exit(0)
print("not reached")
