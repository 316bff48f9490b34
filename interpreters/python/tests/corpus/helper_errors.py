# Helper module defining an exception raised from imported code (not a test itself).
class ValidationError(Exception):
    pass
def validate(record):
    if "id" not in record:
        raise ValidationError(f"record is missing 'id': {record!r}")
    return record["id"]
