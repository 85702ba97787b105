"""What the app remembers between runs: where each article was left, the theme, the side pane's tab and width."""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from reader.folders import STATE_DIR_VARIABLE, FolderError, user_folder

STATE_FILE = "state.json"
SCHEMA = "reader.state/1"
MOST_ARTICLES = 1000
"""The reading positions kept: the articles opened last."""
SIDE_PANE_WIDTHS = range(34, 83, 4)
"""The widths the reader can give the side pane, in cells (the narrowest still shows every tab's title)."""
_LONGEST_NAME = 100
"""The longest theme or tab name remembered: Textual's are a few words."""
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _name(value: object) -> bool:
    return type(value) is str and 0 < len(value) <= _LONGEST_NAME and value.isprintable()


# What each remembered choice may be; anything else in the file is forgotten, as if never chosen.
_VALID = {
    "theme": _name,
    "side_pane_tab": _name,
    "side_pane_width": lambda value: type(value) is int and SIDE_PANE_WIDTHS[0] <= value <= SIDE_PANE_WIDTHS[-1],
    "side_pane_hidden": lambda value: type(value) is bool,
}


@dataclass
class Remembered:
    """The reader's last choices; None where they made none."""

    theme: str | None = None
    side_pane_tab: str | None = None
    side_pane_width: int | None = None
    side_pane_hidden: bool = False
    positions: dict[str, int] = field(default_factory=dict)
    """The offset of the sentence the reader was on, by the sha256 of the article's text, the latest last."""


def state_path() -> Path:
    """$READER_STATE_DIR/state.json, else state.json in the platform's user state dir; FolderError when
    READER_STATE_DIR can't be used."""
    return user_folder(STATE_DIR_VARIABLE, "state") / STATE_FILE


def recall(path: Path | None = None) -> Remembered:
    """What was remembered; nothing when there is no state file or it can't be read (it only saves a few keys)."""
    try:
        document = json.loads((path or state_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError, FolderError):
        return Remembered()
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        return Remembered()
    remembered = Remembered()
    for name, valid in _VALID.items():
        value = document.get(name)
        if valid(value):
            setattr(remembered, name, value)
    positions = document.get("positions")
    if isinstance(positions, dict):
        kept = [(sha, offset) for sha, offset in positions.items()
                if _SHA256.fullmatch(sha) and type(offset) is int and offset >= 0]
        remembered.positions = dict(kept[-MOST_ARTICLES:])
    return remembered


def remember(path: Path | None = None, positions: Mapping[str, int] | None = None, **choices: object) -> None:
    """Save `choices` (fields of Remembered) and articles' `positions` (offset by sha256, the latest last) over what
    the file has, so that two readers open at once keep each other's positions. Atomic; a failure only costs the
    memory."""
    from reader.atomic import write_atomic

    path = path or state_path()
    remembered = recall(path)
    names = {item.name for item in fields(Remembered)}
    for name, value in choices.items():
        if name in names:
            setattr(remembered, name, value)
    for sha, offset in (positions or {}).items():
        remembered.positions.pop(sha, None)
        remembered.positions[sha] = offset
    remembered.positions = dict(list(remembered.positions.items())[-MOST_ARTICLES:])
    document = {"schema": SCHEMA, **asdict(remembered)}
    data = json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)


class Memory:
    """The app's memory: what was remembered when it started, saved again whenever a choice changes.

    The file is written on a thread of its own, as a write waits twice for the disk (fsync) and a choice may change
    at every key: `keep` notes the change, and each write takes every change noted since the last, so that a burst
    of changes is written once, as it ended. `close` waits for the last write.
    """

    def __init__(self, path: Path | None = None) -> None:
        try:
            self.path: Path | None = path or state_path()
        except FolderError:
            self.path = None  # nowhere to remember: the app still reads, and forgets when it quits
        self.remembered = recall(self.path) if self.path is not None else Remembered()
        self._unsaved_choices: dict[str, object] = {}
        self._unsaved_positions: dict[str, int] = {}
        self._unsaved_lock = threading.Lock()
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="reader state")

    def keep(self, position: tuple[str, int] | None = None, **choices: object) -> None:
        """Remember `choices` and an article's `position`, writing only what changed, soon."""
        changed = {name: value for name, value in choices.items() if getattr(self.remembered, name) != value}
        if position is not None and self.remembered.positions.get(position[0]) == position[1]:
            position = None
        if not changed and position is None:
            return
        for name, value in changed.items():
            setattr(self.remembered, name, value)
        if position is not None:
            self.remembered.positions[position[0]] = position[1]
        if self.path is None:
            return
        with self._unsaved_lock:
            self._unsaved_choices.update(changed)
            if position is not None:
                self._unsaved_positions.pop(position[0], None)
                self._unsaved_positions[position[0]] = position[1]
        self._writer.submit(self._write)

    def close(self) -> None:
        """Wait until every change kept is in the file (the app quits)."""
        self._writer.shutdown(wait=True)

    def _write(self) -> None:
        """On the writer's thread: save the changes noted since the last write, if a write before took none."""
        with self._unsaved_lock:
            choices, positions = self._unsaved_choices, self._unsaved_positions
            self._unsaved_choices, self._unsaved_positions = {}, {}
        if choices or positions:
            remember(self.path, positions, **choices)
