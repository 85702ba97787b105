"""What an article's origin says: a path, a web address, or standard input (imports little, for a quick CLI)."""

import re

STDIN = "-"
"""The origin of an article read from standard input."""

# A file name is bytes: those that are not UTF-8 reach Python as lone surrogates (U+DC80-U+DCFF).
_UNDECODABLE_BYTE = re.compile(r"[\udc80-\udcff]")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def origin_of(source: str) -> str:
    """The name an article is known by: the source, with undecodable bytes and control characters as \\xNN."""
    # Written this way it prints, goes into JSON and keys the notes; raw, it breaks all three.
    return _UNPRINTABLE.sub(lambda match: f"\\x{ord(match[0]):02x}", escape_undecodable(source))


def escape_undecodable(text: str) -> str:
    """Text with the bytes of a file name that are not UTF-8 written as \\xNN, as `ls -b` shows them."""
    return _UNDECODABLE_BYTE.sub(lambda match: f"\\x{ord(match[0]) - 0xDC00:02x}", text)


def is_url(origin: str) -> bool:
    """Whether an origin is a web address (the only kind reader fetches)."""
    return origin.lower().startswith(("http://", "https://"))


# A link goes to the browser as one argument: no white space or control characters in it.
_UNSAFE_IN_LINK = re.compile(r"[\x00-\x20\x7f-\x9f]")


def is_link(url: str) -> bool:
    """Whether a URL may be handed to the browser: http(s) only, so never javascript:, file: or one that starts with
    `-` and reads as the browser's option, and nothing in it a command line would split."""
    return is_url(url) and not _UNSAFE_IN_LINK.search(url)


def describe_origin(origin: str) -> str:
    """Where an article came from, in words for a message: its path, its URL, or "standard input"."""
    return "standard input" if origin == STDIN else origin
