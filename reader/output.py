"""What the commands write to stdout: JSON whose every record stays on its line, and failures said in one line."""

from __future__ import annotations

import io
import json
import os
import sys

from reader.errors import ReaderError


class OutputFailed(ReaderError):
    """Standard output can't be written (a full disk, a closed file); printed as one line, exit status 2."""


def emit(text: str) -> None:
    """Write to stdout at once, so that a full disk or a closed file is found, and said, where it happens."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputFailed(f"cannot write standard output: {error.strerror or error}") from None


def json_line(value: object) -> str:
    """One compact JSON document on one line, whatever line separators its strings hold."""
    return _escape_separators(json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)) + "\n"


def json_document(value: object) -> str:
    """One indented JSON document."""
    return _escape_separators(json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"


def _escape_separators(text: str) -> str:
    # JSON allows U+2028, U+2029 and U+0085 raw in strings, but many line readers (Python's
    # splitlines, JavaScript) end a line at them: escaped, every record stays on its line.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\u0085", "\\u0085")


def utf8_output() -> None:
    """JSON is UTF-8 by definition, whatever the terminal's locale."""
    stdout = sys.stdout
    # Only the interpreter's own stream (a TextIOWrapper) can change its encoding; a stand-in keeps its own.
    if isinstance(stdout, io.TextIOWrapper) and stdout.encoding.lower().replace("-", "") != "utf8":
        stdout.reconfigure(encoding="utf-8")


def readable_output() -> None:
    """A report for people, in the terminal's own encoding: what it can't show is written as an escape."""
    stdout = sys.stdout
    if isinstance(stdout, io.TextIOWrapper) and stdout.encoding.lower().replace("-", "") != "utf8":
        stdout.reconfigure(errors="backslashreplace")


def drop_output() -> None:
    """Point stdout at /dev/null, so that flushing it at exit doesn't fail a second time."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
