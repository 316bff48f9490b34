# Helper module that raises during import (not a test itself).
print("helper_broken: starting")
value = 1
raise RuntimeError("helper_broken failed to initialise")
