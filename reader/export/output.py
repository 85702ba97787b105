"""Where an export goes: a file written whole, a device or pipe written through, a name for each article."""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from pathlib import Path

from reader.atomic import write_atomic
from reader.export.document import ExportError, title_of
from reader.model import Article

# Long enough to tell titles apart, short enough for every file system and a vault's file list.
MAX_NAME_WORDS_LENGTH = 60


def save(output: Path, data: bytes) -> None:
    """Write an export to `output`: whole, by an atomic replace, onto a regular file or a new path.

    A symbolic link is written through to its target; a pipe or a device (/dev/stdout, /dev/null) is
    written to, never replaced; anything else is refused.
    """
    try:
        try:
            found = os.stat(output)
        except FileNotFoundError:
            found = None
        if found is None or stat.S_ISREG(found.st_mode):
            _replace(Path(os.path.realpath(output)), data, found)
        elif stat.S_ISDIR(found.st_mode):
            raise ExportError(f"cannot write {output}: it is a directory")
        elif stat.S_ISFIFO(found.st_mode) or stat.S_ISCHR(found.st_mode):
            _write_through(output, data)
        else:
            raise ExportError(f"cannot write {output}: it is not a regular file, a pipe or a terminal")
    except OSError as error:
        raise ExportError(f"cannot write {output}: {_reason(error)}") from None


def file_name(article: Article, extension: str) -> str:
    """A lasting, portable file name for an article's export: its title's words, then the start of its hash.

    `Harbour Plan Divides Town` -> `harbour-plan-divides-town-3f2a9c1b.md`; the hash keeps two articles of one
    title apart and no name is a device name of Windows (con, nul, …).
    """
    return f"{slug(title_of(article))}-{article.sha256[:8]}.{extension}"


def slug(title: str) -> str:
    """A title as a file name: its words in lower case, joined by hyphens (`notes` when it has none)."""
    words = re.findall(r"\w+", unicodedata.normalize("NFC", title).casefold())
    return "-".join(words)[:MAX_NAME_WORDS_LENGTH].strip("-_") or "notes"


def _replace(target: Path, data: bytes, found: os.stat_result | None) -> None:
    if found is not None and not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    # Keep an existing file's permissions; a new file gets the usual ones (0666 less the umask).
    if found is not None:
        mode = found.st_mode & 0o7777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    write_atomic(target, data, mode)


def _write_through(output: Path, data: bytes) -> None:
    # Opened without waiting, so that a pipe nobody reads is an error rather than a hang.
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(output, os.O_WRONLY | nonblocking)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise ExportError(f"cannot write {output}: no program is reading that pipe") from None
        raise
    try:
        if nonblocking:
            os.set_blocking(descriptor, True)
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
