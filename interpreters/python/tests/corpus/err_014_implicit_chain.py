# Implicit exception chaining: a new exception raised inside an except block.
# kiln-corpus: full-stderr
def cleanup(resource):
    return resource.close()
def work():
    try:
        return {}["missing"]
    except KeyError:
        cleanup(None)
print("working")
work()
