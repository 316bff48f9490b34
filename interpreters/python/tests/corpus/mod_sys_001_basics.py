# sys: argv, version_info, recursion limit, stdout/stderr, modules, maxsize.
import sys
print(sys.argv[1:], len(sys.argv) >= 1, sys.argv[0].endswith("mod_sys_001_basics.py"))
print(sys.version_info.major, sys.version_info[0] == 3, sys.version_info >= (3, 0), sys.version_info.minor >= 8)
old = sys.getrecursionlimit()
sys.setrecursionlimit(2500)
print(sys.getrecursionlimit())
sys.setrecursionlimit(old)
print(sys.getrecursionlimit() == old)
sys.stdout.write("stdout write\n")
sys.stderr.write("stderr write\n")
print(sys.maxsize == 2 ** 63 - 1, "sys" in sys.modules, type(sys.modules).__name__)
print(sys.byteorder in ("little", "big"), isinstance(sys.path, list), sys.platform != "")
print(sys.getdefaultencoding())
