# Uncaught user-defined exception from a custom hierarchy.
class ShopError(Exception):
    pass
class InventoryError(ShopError):
    def __init__(self, item, wanted, have):
        super().__init__(f"cannot take {wanted} {item}, only {have} left")
        self.item = item
stock = {"widgets": 3}
def take(item, n):
    if stock.get(item, 0) < n:
        raise InventoryError(item, n, stock.get(item, 0))
    stock[item] -= n
    return stock[item]
print("left:", take("widgets", 2))
try:
    take("gadgets", 1)
except ShopError as e:
    print("handled:", e)
print("left:", take("widgets", 5))
