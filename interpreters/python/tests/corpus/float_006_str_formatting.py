# Converting floats to strings via str, format and %.
vals = [0.0, 1.0, -1.5, 3.14159265358979, 1e-10, 1234567.891, 1e21, 2.5e-5, float("inf"), float("nan")]
for v in vals:
    print(str(v), "%.3f" % v, "%e" % v, "%g" % v, format(v, ".2e"), format(v, "g"), format(v, ""))
print(format(0.5, ".0f"), format(1.5, ".0f"), format(2.5, ".0f"), format(2.675, ".2f"))
print(format(1234567.891, ",.2f"), format(-0.0, ".1f"), format(1e16, ".17g"), format(0.1, ".20f"))
print(format(123.456, "10.2f") + "|", format(123.456, "<10.1f") + "|", format(123.456, "+.1f"))
print(format(0.000012345, ".3g"), format(123456789.0, ".3g"), format(100.0, "g"), format(1e-5, "g"))
print(format(0.25, "%"), format(0.256, ".1%"), format(1 / 3, ".5"), format(2.0, ".3"))
print(str(1e16), str(1e-5), str(0.0001), str(123456789.0), str(-1e-300))
