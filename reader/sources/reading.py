"""Reading a source's bytes with a bound, so that no file, device or pipe can hang reader or fill its memory."""

from __future__ import annotations

import errno
import os
import stat
import sys
from typing import Protocol

from reader.sources.limits import SourceError

CHUNK_SIZE = 1 << 16


class Readable(Protocol):
    def read(self, size: int, /) -> bytes: ...


def read_bounded(stream: Readable, limit: int) -> bytes:
    """Everything in `stream` up to `limit` bytes, and one byte more if there is more (too large, then)."""
    chunks, size = [], 0
    while size <= limit:
        chunk = stream.read(min(CHUNK_SIZE, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def read_file(path: str, described: str, limit: int) -> bytes:
    """The bytes of a regular file, up to `limit` and one more; anything else is refused without waiting on it."""
    try:
        _require_regular(os.stat(path), described)
        # O_NONBLOCK: if a FIFO took the file's place since the stat, opening it must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        with os.fdopen(fd, "rb", buffering=0) as file:
            _require_regular(os.fstat(file.fileno()), described)
            return read_bounded(file, limit)
    except FileNotFoundError:
        raise SourceError(f"no such file: {described}") from None
    except PermissionError:
        raise SourceError(f"permission denied: {described}") from None
    except OSError as error:
        raise SourceError(f"cannot read {described}: {_strerror(error)}") from None


def read_stdin(limit: int) -> bytes:
    """Standard input, up to `limit` bytes and one more."""
    if sys.stdin is None:
        raise SourceError("standard input is closed")
    try:
        return read_bounded(sys.stdin.buffer, limit)
    except OSError as error:
        raise SourceError(f"cannot read standard input: {_strerror(error)}") from None


def _require_regular(status: os.stat_result, described: str) -> None:
    mode = status.st_mode
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise SourceError(f"{described} is a directory, not an article")
    if stat.S_ISFIFO(mode):
        raise SourceError(f"{described} is a named pipe, not a regular file (to read a pipe: ... | reader -)")
    if stat.S_ISSOCK(mode):
        raise SourceError(f"{described} is a socket, not a regular file")
    raise SourceError(f"{described} is a device, not a regular file")


def _strerror(error: OSError) -> str:
    return error.strerror or errno.errorcode.get(error.errno or 0, "") or str(error)
