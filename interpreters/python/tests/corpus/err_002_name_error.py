# Uncaught NameError for a name with no similar spelling in scope.
print("before")
result = 10 * undefined_quantity_zzz
print("not reached", result)
