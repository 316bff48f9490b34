# product, permutations, combinations, combinations_with_replacement.
import itertools as it
print(list(it.product("ab", [1, 2])), list(it.product(range(2), repeat=3))[:5], len(list(it.product("abc", repeat=3))))
print(list(it.permutations([1, 2, 3])), list(it.permutations("abcd", 2))[:6], len(list(it.permutations(range(6)))))
print(list(it.combinations("abcd", 2)), list(it.combinations(range(5), 3))[-3:], list(it.combinations("ab", 3)))
print(list(it.combinations_with_replacement("abc", 2)), list(it.product()), list(it.permutations([])))
total = sum(1 for p in it.permutations(range(7)) if all(abs(p[i] - p[i + 1]) != 1 for i in range(6)))
print("permutations of 7 with no adjacent consecutive:", total)
coins = [1, 5, 10, 25]
ways = sum(1 for combo in it.combinations_with_replacement(coins, 4) if sum(combo) == 40)
print("4-coin combos summing to 40:", ways)
