# Building bytes in loops, checksum over bytes, conversions.
data = bytes((i * 37 + 11) % 256 for i in range(300))
print(len(data), data[:10], data[-5:])
checksum = 0
for byte in data:
    checksum = (checksum * 31 + byte) % 1000000007
print("checksum", checksum)
ba = bytearray()
for i in range(26):
    ba.append(ord("a") + i)
print(ba.decode(), bytes(ba).upper())
text = "naïve ☕ coffee"
enc = text.encode("utf-8")
print(len(text), len(enc), enc.decode("utf-8") == text)
print([hex(x) for x in enc[:8]])
print(b"%d items, %s, %x" % (5, b"bytes", 255))
