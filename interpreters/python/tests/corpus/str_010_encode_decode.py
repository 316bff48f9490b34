# str.encode and bytes.decode with errors handlers.
s = "Grüße, 世界"
b = s.encode("utf-8")
print(b, len(b), b.decode("utf-8"), b.decode() == s)
print(s.encode("latin-1", errors="replace"), s.encode("ascii", errors="ignore"), s.encode("ascii", "replace"))
print(b"caf\xc3\xa9".decode("utf-8"), b"caf\xe9".decode("latin-1"))
try:
    b"\xff\xfe".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
print(b"ab\xffcd".decode("utf-8", errors="replace"), b"ab\xffcd".decode("utf-8", "ignore"))
print("abc".encode("utf-16-le"), "é".encode("utf-16-be"))
print(len("日本".encode("utf-8")), len("日本".encode("utf-32-le")))
