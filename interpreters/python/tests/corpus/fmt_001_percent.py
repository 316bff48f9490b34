# printf-style % formatting.
print("%d %i %5d|%-5d|%05d %+d %+d" % (42, -7, 42, 42, 42, 5, -5))
print("%5.2f|%-8.3f|%08.2f|%.0f|%f" % (3.14159, 2.5, -1.5, 2.5, 1 / 3))
print("%s|%10s|%-10s|%.2s" % ("abc", "right", "left", "truncate"))
print("%r %r %r %s" % ("quote'd", 1.5, [1, "a"], None))
print("%x %X %#x %o %#o %x" % (255, 255, 255, 8, 8, -255))
print("%e %E %.2e %g %g %g %G" % (12345.678, 0.00012, 1e100, 0.0001, 1e-5, 123456789, 1e-10))
print("100%% sure, %d%%" % 50)
print("%(name)s is %(age)d years, %(name)r" % {"name": "Ann", "age": 30})
print("%c%c %c" % (72, "i", 0x263A))
print("%*d|%-*d|%.*f" % (6, 1, 4, 2, 3, 3.14159))
print("%s" % (1, ), "%s" % [1, 2], "%s %s" % ("a", (1, 2)))
print("%d" % 3.99, "%d" % True, "%s" % True, "%.3s" % 12345, "%5s" % None)
print("%10.4f|" % 2 ** 0.5, "%-+8.2f|" % 1.0, "% d" % 5)
for bad in [("%d", "x"), ("%d %d", (1,)), ("%d", (1, 2)), ("%z", 1)]:
    try:
        print(bad[0] % bad[1])
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
