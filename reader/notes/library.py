"""The library: the annotated articles, newest first, as `reader notes` and the app list them."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reader.atomic import fsync_directory
from reader.errors import ReaderError
from reader.folders import FolderError
from reader.notes.correction import Correction
from reader.notes.files import SHA256, data_dir, latest_version, locked
from reader.notes.format import ArticleRecord, Highlight, Unreadable, decode
from reader.origin import STDIN

FORGOTTEN = "forgotten"
"""The folder beside the notes files where a forgotten article's file goes, to be moved back by hand if need be."""

# The shortest sha256 prefix taken as an article's name: short to type, still unlikely to be ambiguous.
MIN_PREFIX = 6
_PREFIX = re.compile(rf"[0-9a-f]{{{MIN_PREFIX},64}}")


class LibraryError(ReaderError):
    """An article the library cannot give; the message is one line for the user."""


@dataclass(frozen=True)
class LibraryEntry:
    """An annotated article: what it is, how many highlights it has, and when it was last opened."""

    number: int
    """Its place in the list, counting from 1, as `reader notes` shows it."""
    article: ArticleRecord
    highlights: int
    """Every kept highlight, orphans included."""
    orphans: int
    opened: datetime
    path: Path

    @property
    def sha256(self) -> str:
        return self.article.sha256


def entries(directory: Path | None = None) -> list[LibraryEntry]:
    """The annotated articles, newest first; of several texts of one origin, only the latest.

    It only reads: a notes file that cannot be read is left out here, and set aside when its article is opened.
    """
    folder = _folder(directory) / "notes"
    found: dict[str, tuple[datetime, ArticleRecord, int, int, Path]] = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        if not SHA256.fullmatch(path.stem):
            continue
        try:
            stored = decode(path.read_bytes(), path.stem)
        except (OSError, Unreadable):
            continue
        notes = stored.notes
        opened = notes.opened or _last_change(path, notes.highlights.values(), notes.removed.values())
        orphans = sum(highlight.orphan for highlight in notes.highlights.values())
        key = path.stem if stored.article.origin == STDIN else stored.article.origin
        if key not in found or opened > found[key][0]:
            found[key] = (opened, stored.article, len(notes.highlights), orphans, path)
    ordered = sorted(found.values(), key=lambda item: (item[0], item[1].sha256), reverse=True)
    return [
        LibraryEntry(number, article, highlights, orphans, opened, path)
        for number, (opened, article, highlights, orphans, path) in enumerate(ordered, start=1)
    ]


def find(entries: list[LibraryEntry], name: str) -> LibraryEntry | None:
    """The entry `name` stands for: its number in the list, or the start of its sha256 (6 hex digits or more).

    None when `name` is neither; LibraryError when it is one but names no article, or several.
    """
    if name.isdecimal() and len(name) < MIN_PREFIX:
        number = int(name)
        if not 1 <= number <= len(entries):
            raise LibraryError(f"no article {number} in the library: `reader notes` lists {len(entries)}")
        return entries[number - 1]
    if not _PREFIX.fullmatch(name):
        return None
    matches = [entry for entry in entries if entry.sha256.startswith(name)]
    if len(matches) > 1:
        raise LibraryError(f"{name} starts the sha256 of {len(matches)} articles: give more of it")
    if not matches:
        raise LibraryError(f"no article in the library has a sha256 starting {name}")
    return matches[0]


def forget(entry: LibraryEntry, stamp: str, directory: Path | None = None) -> Path:
    """Take `entry`'s article out of the library: its notes file, and only it, is moved whole (one rename, under the
    notes' lock) into `notes/forgotten/`, named by its hash and `stamp`. Where it went; LibraryError when it can't."""
    notes = _folder(directory) / "notes"
    aside = notes / FORGOTTEN
    try:
        with locked(notes):
            aside.mkdir(exist_ok=True)
            target = aside / f"{entry.sha256}.{stamp}.json"
            number = 1
            while target.exists():
                number += 1
                target = aside / f"{entry.sha256}.{stamp}-{number}.json"
            os.replace(entry.path, target)
            fsync_directory(aside)
            fsync_directory(notes)
    except OSError as error:
        raise LibraryError(f"cannot forget {entry.path.name}: {error.strerror or error}") from None
    return target


def corrections_of(entry: LibraryEntry) -> list[Correction]:
    """The reader's corrections in `entry`'s notes, in reading order (orphans last); none when the file is gone."""
    try:
        notes = decode(entry.path.read_bytes(), entry.sha256).notes
    except (OSError, Unreadable):
        return []
    return sorted(notes.corrections.values(), key=lambda c: (c.orphan, c.start, c.end))


def stored_article(origin: str, directory: Path | None = None) -> ArticleRecord | None:
    """The article last annotated from `origin` (a path or URL) as its notes file keeps it, if any."""
    folder = _folder(directory)
    sha = latest_version(folder, origin)
    if sha is None:
        return None
    try:
        return decode((folder / "notes" / f"{sha}.json").read_bytes(), sha).article
    except (OSError, Unreadable):
        return None


def _folder(directory: Path | None) -> Path:
    if directory is not None:
        return directory
    try:
        return data_dir()
    except FolderError as error:
        raise LibraryError(str(error)) from None


def _last_change(path: Path, highlights: Iterable[Highlight], removals: Iterable[datetime]) -> datetime:
    """When a file without an opening date (reader.notes/1) last changed."""
    times = [highlight.updated for highlight in highlights] + list(removals)
    if times:
        return max(times)
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)
