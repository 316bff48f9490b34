# Explicit exception chaining with raise ... from ...
# kiln-corpus: full-stderr
class ConfigError(Exception):
    pass
def parse_port(text):
    try:
        return int(text)
    except ValueError as exc:
        raise ConfigError(f"invalid port {text!r}") from exc
print(parse_port("8080"))
print(parse_port("80a"))
