# The format-spec mini language: fill, align, sign, width, grouping, precision, type.
n = 1234567.891
i = 1234567
print("[{:10}] [{:<10}] [{:>10}] [{:^10}]".format(i, i, i, i))
print("[{:x^12}] [{:#<8}] [{:0>8}] [{:=10}]".format("ab", 7, -3, -3))
print("[{:+}] [{:-}] [{: }] [{:+}] [{: }]".format(5, 5, 5, -5, -5))
print("{:,} {:_} {:,.2f} {:_.3f} {:,d}".format(i, i, n, n, -i))
print("{:b} {:#b} {:o} {:#o} {:x} {:#X} {:_b} {:_x}".format(10, 10, 64, 64, 48879, 48879, 255, 2 ** 40))
print("{:e} {:.3e} {:E} {:f} {:.1f} {:F}".format(n, n, 0.5, n, n, float("inf")))
print("{:g} {:.2g} {:G} {:.10g} {:g}".format(n, n, 1e-20, n, 100000.0))
print("{:%} {:.1%} {:.0%}".format(0.5, 0.12345, 1.0))
print("{:08.3f} {:+09.2f} {:-08d} {:010,}".format(3.14159, 2.5, -42, 1234567))
print("{:c} {:d} {:n}".format(65, 255, 1000))
print("{:.3} {:.5s} {:10.3s}|".format("abcdef", "abc", "abcdef"))
print("{:#.0f} {:.0e} {:#x}".format(3.0, 12345.0, 0))
print("{:>+10.2e}|{:<010}|{:^+9.1f}|".format(-1234.5, 7, 3.14))
for spec in ["d", ",s", "x"]:
    try:
        print(format(1.5 if spec != ",s" else "s", spec))
    except ValueError as e:
        print("ValueError:", e)
