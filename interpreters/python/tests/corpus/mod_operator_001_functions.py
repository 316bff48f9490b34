# operator module: arithmetic functions and comparisons.
import operator as op
print(op.add(2, 3), op.sub(2, 3), op.mul(4, 5), op.truediv(7, 2), op.floordiv(-7, 2), op.mod(-7, 2), op.pow(2, 8))
print(op.neg(5), op.pos(-5), op.abs(-5), op.invert(5), op.lshift(1, 4), op.rshift(256, 2), op.and_(12, 10), op.or_(12, 10), op.xor(12, 10))
print(op.lt(1, 2), op.le(2, 2), op.eq(1, 1.0), op.ne(1, 2), op.gt(1, 2), op.ge(3, 2), op.not_(0), op.truth([]), op.is_(None, None), op.is_not(1, None))
print(op.concat([1], [2]), op.contains("abc", "b"), op.countOf([1, 2, 1], 1), op.indexOf("abc", "c"), op.getitem([5, 6], 1))
lst = [1, 2, 3]
op.setitem(lst, 0, 10)
op.delitem(lst, 1)
print(lst, op.index(7), op.iadd([1], [2]), op.imul("ab", 2))
print(list(map(op.mul, [1, 2, 3], [4, 5, 6])), sorted([3, -1, 2], key=op.neg))
