# bytes methods mirror str methods.
b = b"  The Quick Brown Fox  "
print(b.strip(), b.lower(), b.upper(), b.split(), b.strip().split(b" ", 1))
print(b.find(b"Quick"), b.count(b"o"), b.replace(b"o", b"0"), b.startswith(b"  T"), b.endswith(b"x"))
print(b"-".join([b"a", b"b", b"c"]), b"a,b,,c".split(b","), b"abc".partition(b"b"))
print(b"abc".center(9, b"*"), b"7".zfill(3), b"hello world".title(), b"abc".isalpha(), b"123".isdigit())
print(b"x=1".index(b"="), b"\tab".expandtabs(4), b"line1\nline2".splitlines())
print(int.from_bytes(b"\x00\x01\x00", "big"), (258).to_bytes(3, "little"), (-1).to_bytes(2, "big", signed=True))
ba = bytearray(b"abc")
ba[0] = 65
ba.append(100)
ba.extend(b"ef")
ba += b"!"
print(ba, len(ba), bytes(ba), ba.pop(), ba, ba.decode())
del ba[1:3]
print(ba, ba.find(b"e"), ba == b"Adef", bytearray(3), bytearray([1, 2]))
ba.reverse()
print(ba, ba.hex())
