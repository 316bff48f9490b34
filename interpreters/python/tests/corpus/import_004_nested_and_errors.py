# Modules importing modules, import inside functions, missing modules, failing module bodies.
import helper_chain_a
print(helper_chain_a.combined(), helper_chain_a.name, helper_chain_a.helper_chain_b.base_value)
def lazy():
    import helper_chain_b
    return helper_chain_b.extra()
print(lazy())
try:
    import helper_no_such_module
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
try:
    import helper_broken
except RuntimeError as e:
    print("RuntimeError:", e)
import sys
print("helper_broken" in sys.modules)
try:
    import helper_broken
except RuntimeError as e:
    print("second attempt RuntimeError:", e)
