# Helper module imported by helper_chain_a (not a test itself).
print("helper_chain_b: loaded as", __name__)
base_value = 40
def extra():
    return 2
