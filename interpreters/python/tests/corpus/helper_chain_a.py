# Helper module that imports another helper (not a test itself).
import helper_chain_b
from helper_chain_b import base_value
print("helper_chain_a: loaded, base_value =", base_value)
def combined():
    return base_value + helper_chain_b.extra()
name = __name__
