"""What an article's origin says: a path, a web address, or standard input (imports nothing, for a quick CLI)."""

STDIN = "-"
"""The origin of an article read from standard input."""


def is_url(origin: str) -> bool:
    """Whether an origin is a web address (the only kind reader fetches)."""
    return origin.lower().startswith(("http://", "https://"))


def describe_origin(origin: str) -> str:
    """Where an article came from, in words for a message: its path, its URL, or "standard input"."""
    return "standard input" if origin == STDIN else origin
