# An exception class defined in an imported module is shown with its module prefix.
# kiln-corpus: full-stderr
import helper_errors
print(helper_errors.validate({"id": 7}))
print(helper_errors.validate({"name": "x"}))
