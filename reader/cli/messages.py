"""What the commands say on stderr: one line each, outside text in it made safe, and the usage errors they raise."""

from __future__ import annotations

import sys

from reader.control import one_line
from reader.errors import ReaderError


class UsageError(ReaderError):
    """Bad input the user can fix; printed as one line, exit status 2."""


def say(message: str) -> None:
    """The one way a message reaches stderr: outside text in it (a file name, a server's words) is made safe here."""
    try:
        print(f"reader: {one_line(message)}", file=sys.stderr, flush=True)
    except OSError:
        pass  # stderr itself is gone: there is no one left to tell


def fail(message: str) -> int:
    """Say `message`; the exit status of a command that failed on bad input."""
    say(message)
    return 2
