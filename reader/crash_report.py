"""The full report of an unexpected error, kept in a file so that the user sees one line instead of a traceback."""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path

from reader import __version__
from reader.folders import STATE_DIR_VARIABLE, FolderError, user_folder

DEBUG = "--debug"
"""The option that shows an unexpected error's traceback instead of writing it to a file."""


def write(error: BaseException) -> Path:
    """Write the traceback of `error`, with what ran and where, to a new file in reader's log folder (`log` in its
    state folder, $READER_STATE_DIR when set); returns its path. OSError or FolderError when it can't be written."""
    folder = user_folder(STATE_DIR_VARIABLE, "state") / "log"
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f"crash-{time.strftime('%Y%m%d-%H%M%S')}-", suffix=".txt", dir=folder)
    report = (
        f"reader {__version__}, Python {platform.python_version()}, {platform.platform()}\n"
        f"command: {sys.argv!r}\n\n" + "".join(traceback.format_exception(error))
    )
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as file:
        file.write(report)
    return Path(name)


def unexpected(error: BaseException, *, debug_hint: bool = True) -> str:
    """One line for an error reader did not expect, and where its full report went; with `debug_hint`, how to see
    the report here instead (on the command line: the app's screen has no room for a traceback)."""
    summary = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    try:
        kept, hint = f"full report in {write(error)}", f"; run with {DEBUG} to see it here"
    except (OSError, FolderError) as failure:
        reason = getattr(failure, "strerror", None) or failure
        kept, hint = f"no report written: {reason}", f"; run with {DEBUG} to see it"
    return f"{summary} ({kept}{hint if debug_hint else ''})"
