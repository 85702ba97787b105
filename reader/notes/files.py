"""Where notes live and how their files are written: the data folder, one lock, atomic writes, setting aside."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
from collections.abc import Iterator
from hashlib import sha256
from pathlib import Path

from reader.atomic import fsync_directory, write_atomic
from reader.folders import user_folder
from reader.origin import STDIN, is_url

DATA_DIR_VARIABLE = "READER_DATA_DIR"
# Long enough for any save by another instance; short enough that a stuck one is reported, not waited on.
LOCK_TIMEOUT_SECONDS = 10
# What a folder or lock file that may be read but not written answers.
READ_ONLY_ERRORS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
SHA256 = re.compile(r"[0-9a-f]{64}")
"""What an article's hash looks like, and so the only name a notes file may have."""


def data_dir() -> Path:
    """Where reader keeps what the user saves: $READER_DATA_DIR, else the platform's user data dir.

    Raises FolderError when READER_DATA_DIR can't be used."""
    return user_folder(DATA_DIR_VARIABLE, "data")


def origin_key(origin: str) -> str | None:
    """One name per origin: a URL as given, a path made absolute; standard input has none."""
    if origin == STDIN:
        return None
    if is_url(origin):
        return origin
    try:
        return str(Path(origin).expanduser().resolve())
    except (RuntimeError, OSError, ValueError):  # ~someone who is no user, a loop of links, a NUL
        return None


def latest_version(directory: Path, origin: str) -> str | None:
    """The sha256 of the text last annotated from `origin`, so that a changed text finds its highlights."""
    index = _origin_index(directory, origin)
    if index is None:
        return None
    try:
        sha = json.loads(index.read_text(encoding="utf-8"))["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    # It names a file: only a sha256 may go into that name.
    return sha if isinstance(sha, str) and SHA256.fullmatch(sha) else None


def remember_version(directory: Path, origin: str, sha: str) -> None:
    """Point `origin` at the notes of its text with hash `sha` (called under the lock)."""
    index = _origin_index(directory, origin)
    if index is None:
        return
    data = (json.dumps({"origin": origin_key(origin), "sha256": sha}, allow_nan=False) + "\n").encode()
    # Saves come at every keypress: spare them the second file's fsyncs when it already points here.
    with contextlib.suppress(OSError):
        if index.read_bytes() == data:
            return
    index.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(index, data)


def _origin_index(directory: Path, origin: str) -> Path | None:
    key = origin_key(origin)
    if key is None:
        return None
    return directory / "origins" / f"{sha256(key.encode('utf-8')).hexdigest()}.json"


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the lock that every reader instance takes around the files of `folder`, creating it if need be."""
    from filelock import FileLock

    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(folder / ".lock", timeout=LOCK_TIMEOUT_SECONDS, mode=0o600):
        yield


@contextlib.contextmanager
def reading(folder: Path) -> Iterator[OSError | None]:
    """Hold the lock if it can be taken; else yield why not, and the caller reads unlocked and writes nothing.

    Reading unlocked is safe because every write is an atomic rename: a file is always whole.
    """
    held = contextlib.ExitStack()
    try:
        held.enter_context(locked(folder))
    except OSError as error:
        if error.errno not in READ_ONLY_ERRORS:
            raise
        yield error
        return
    with held:
        # The lock file may be writable in a folder that is not (a read-only mount, a folder made read-only).
        writable = os.access(folder, os.W_OK)
        yield None if writable else PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder))

def remove_leftovers(path: Path) -> None:
    """Temporary files of writers killed mid-write; called under the lock, when none is in use."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def set_aside(path: Path, stamp: str, *, keep: bool = False) -> Path:
    """Move `path` (or with `keep`, copy it) to a free name `NAME.corrupt-STAMP[-N]` beside it."""
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
    if keep:
        write_atomic(aside, path.read_bytes())
        return aside
    os.replace(path, aside)
    fsync_directory(path.parent)
    return aside

