"""NoteStore: the highlights and notes of an article, saved on every change and never lost."""

from __future__ import annotations

import bisect
import contextlib
import difflib
import errno
import json
import os
import re
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from hashlib import sha256
from pathlib import Path

from reader.model import Article, Sentence
from reader.origin import STDIN, is_url

try:
    import fcntl
except ImportError:  # Windows: one instance per article is then the user's care.
    fcntl = None

SCHEMA = "reader.notes/1"
DATA_DIR_VARIABLE = "READER_DATA_DIR"
# Characters of context kept on each side of a highlight, as in a W3C TextQuoteSelector.
CONTEXT = 32
# How alike an edited passage must be to the highlighted one to carry the highlight over.
MIN_SIMILARITY = 0.75
# Shorter pieces of the quote and its context used to find an edited passage.
ANCHOR_LENGTH = 12
# The nearest occurrences of an anchor worth trying; beyond that it is too common to help.
MAX_CANDIDATES = 40

Clock = Callable[[], datetime]
_SHA256 = re.compile(r"[0-9a-f]{64}")


def utc_now() -> datetime:
    """The clock of a real session; tests pass their own."""
    return datetime.now(timezone.utc)


def data_dir() -> Path:
    """Where reader keeps what the user saves: $READER_DATA_DIR, else the platform's user data dir."""
    configured = os.environ.get(DATA_DIR_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("reader", appauthor=False))


class NoteStoreError(Exception):
    """Saving failed; the message is one line for the user, and the change stays in memory."""


class _Unreadable(Exception):
    """A store file that is not valid JSON of our schema."""


@dataclass(frozen=True)
class Highlight:
    """A highlighted passage, anchored by offsets and by its quote, with the reader's note."""

    id: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    note: str | None
    created: datetime
    updated: datetime
    # No longer found in the article text; start and end then point into an earlier version.
    orphan: bool = False
    # Known once the store has the analysis sentences (`NoteStore.attach_sentences`).
    sentence_id: int | None = None
    label: str | None = None


@dataclass
class _State:
    """What a store file holds: live highlights by id, and tombstones of removed ones."""

    highlights: dict[str, Highlight] = field(default_factory=dict)
    removed: dict[str, datetime] = field(default_factory=dict)


class NoteStore:
    """The highlights and notes of one article, keyed by the sha256 of its text."""

    def __init__(self, article: Article, directory: Path, clock: Clock) -> None:
        self.article = article
        self.sha256 = article.sha256
        self.directory = directory
        self.path = directory / "notes" / f"{self.sha256}.json"
        self.warnings: list[str] = []
        # False when nothing was ever saved for this article nor for an earlier version of it.
        self.known = False
        self._clock = clock
        self._state = _State()
        self._sentences: list[Sentence] = []
        self._sentence_starts: list[int] = []
        self._view: tuple[list[Highlight], list[Highlight]] | None = None

    @classmethod
    def open(
        cls,
        article: Article,
        sentences: Sequence[Sentence] = (),
        *,
        directory: Path | None = None,
        clock: Clock = utc_now,
    ) -> NoteStore:
        """The store of `article`: its saved file, or the re-attached highlights of its previous version."""
        store = cls(article, directory or data_dir(), clock)
        store.attach_sentences(sentences)
        try:
            with store._locked():
                state = store._read(store.path)
                if state is None:
                    state = store._previous_version()
                else:
                    store.known = True
        except OSError as error:
            raise NoteStoreError(f"cannot open notes in {store.path.parent}: {error.strerror or error}") from None
        if state is not None:
            store._state = state
        orphans = len(store.orphans)
        if orphans:
            store.warnings.append(
                f"{orphans} highlight{'s' if orphans > 1 else ''} no longer found in the article text;"
                " they are kept as orphans"
            )
        return store

    # Reading

    @property
    def highlights(self) -> list[Highlight]:
        """The highlights found in the text, in reading order, with sentence id and label when known."""
        return self._ordered()[0]

    @property
    def orphans(self) -> list[Highlight]:
        """Highlights whose passage is no longer in the text; kept and shown, never dropped."""
        return self._ordered()[1]

    def attach_sentences(self, sentences: Sequence[Sentence]) -> None:
        """Give the store the analysis sentences, so each highlight knows its sentence and label."""
        self._sentences = sorted(sentences, key=lambda sentence: sentence.start)
        self._sentence_starts = [sentence.start for sentence in self._sentences]
        self._view = None

    def highlight_for(self, sentence: Sentence) -> Highlight | None:
        """The highlight on `sentence`, if any."""
        for highlight in self.highlights:
            if highlight.start >= sentence.end:
                break
            if self._belongs(highlight, sentence):
                return highlight
        return None

    def next_highlight(self, offset: int) -> Highlight | None:
        """The first highlight that starts after `offset` (for `}`)."""
        highlights = self.highlights
        index = bisect.bisect_right([h.start for h in highlights], offset)
        return highlights[index] if index < len(highlights) else None

    def previous_highlight(self, offset: int) -> Highlight | None:
        """The last highlight that starts before `offset` (for `{`)."""
        highlights = self.highlights
        index = bisect.bisect_left([h.start for h in highlights], offset)
        return highlights[index - 1] if index > 0 else None

    # Changing; every change is saved before the method returns.

    def toggle(self, sentence: Sentence) -> Highlight | None:
        """Highlight `sentence`, or remove its highlight; the new highlight, or None when removed."""
        existing = self.highlight_for(sentence)
        if existing is not None:
            self.remove(existing)
            return None
        return self.add(sentence.start, sentence.end)

    def add(self, start: int, end: int, note: str | None = None) -> Highlight:
        """Highlight the text between two offsets (code points)."""
        text = self.article.text
        if not 0 <= start < end <= len(text):
            raise ValueError(f"no text to highlight between {start} and {end}")
        now = self._clock()
        highlight = Highlight(
            id=uuid.uuid4().hex,
            start=start,
            end=end,
            exact=text[start:end],
            prefix=text[max(0, start - CONTEXT) : start],
            suffix=text[end : end + CONTEXT],
            note=_clean_note(note),
            created=now,
            updated=now,
        )
        self._state.highlights[highlight.id] = highlight
        self._save()
        return self._saved(highlight)

    def remove(self, highlight: Highlight) -> None:
        """Remove a highlight (or an orphan) and its note, for good, also in other open instances."""
        self._state.highlights.pop(highlight.id, None)
        self._state.removed[highlight.id] = self._clock()
        self._save()

    def set_note(self, target: Sentence | Highlight, text: str) -> Highlight | None:
        """Set the note of a sentence (highlighting it) or of a highlight; empty text clears the note."""
        note = _clean_note(text)
        existing = target if isinstance(target, Highlight) else self.highlight_for(target)
        if existing is None:
            return None if note is None else self.add(target.start, target.end, note)
        current = self._state.highlights.get(existing.id)
        if current is None:
            return None
        self._state.highlights[existing.id] = replace(current, note=note, updated=self._clock())
        self._save()
        return self._saved(current)

    def reload(self) -> None:
        """Take in what other instances saved for this article since the last change here."""
        try:
            with self._locked():
                disk = self._read(self.path)
        except OSError as error:
            raise NoteStoreError(f"cannot read notes in {self.path.parent}: {error.strerror or error}") from None
        if disk is not None:
            self.known = True
            self._state = _merge(self._state, disk, self._clock)
            self._view = None

    def _saved(self, highlight: Highlight) -> Highlight | None:
        """`highlight` as saved; if another instance had highlighted the same passage, the merge kept theirs."""
        saved = self._state.highlights.get(highlight.id)
        if saved is None:
            span = (highlight.start, highlight.end, False)
            saved = next((h for h in self._state.highlights.values() if (h.start, h.end, h.orphan) == span), None)
        return None if saved is None else self._resolved(saved)

    # Persistence

    def _save(self) -> None:
        """Merge with what is on disk under the lock, then write atomically."""
        self._view = None
        try:
            with self._locked():
                disk = self._read(self.path)
                if disk is not None:
                    self._state = _merge(self._state, disk, self._clock)
                self.path.parent.mkdir(parents=True, exist_ok=True)
                _remove_leftovers(self.path)
                write_atomic(self.path, self._document().encode("utf-8"))
                self._remember_origin()
        except OSError as error:
            raise NoteStoreError(f"cannot save notes to {self.path}: {error.strerror or error}") from None
        self.known = True

    def _document(self) -> str:
        highlights = sorted(self._state.highlights.values(), key=lambda h: (h.orphan, h.start, h.end, h.id))
        return (
            json.dumps(
                {
                    "schema": SCHEMA,
                    "article": {"sha256": self.sha256, "origin": self.article.origin, "title": self.article.title},
                    "highlights": [_highlight_to_json(h) for h in highlights],
                    "removed": {key: _timestamp(when) for key, when in sorted(self._state.removed.items())},
                },
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )

    def _read(self, path: Path) -> _State | None:
        """The state saved at `path`, None if there is none; an unreadable file is moved aside."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            state = _parse(data, path.stem)
        except _Unreadable as problem:
            aside = self._move_aside(path)
            self.warnings.append(
                f"the notes file {path} could not be read ({problem}); it was moved to {aside.name}"
                " and a new one started"
            )
            return None
        return _reanchor(state, self.article.text) if path == self.path else state

    def _move_aside(self, path: Path) -> Path:
        stamp = self._clock().strftime("%Y%m%dT%H%M%SZ")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        number = 1
        while aside.exists():
            number += 1
            aside = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
        os.replace(path, aside)
        _fsync_directory(path.parent)
        return aside

    def _previous_version(self) -> _State | None:
        """The highlights saved for an earlier text of the same origin, re-attached to this text."""
        index = _origin_index(self.directory, self.article.origin)
        if index is None:
            return None
        try:
            previous = json.loads(index.read_text(encoding="utf-8"))["sha256"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        # The index names a file: only a sha256 may go into that name.
        if not isinstance(previous, str) or not _SHA256.fullmatch(previous) or previous == self.sha256:
            return None
        state = self._read(self.path.with_name(f"{previous}.json"))
        if state is None:
            return None
        self.known = True
        return _reanchor(state, self.article.text)

    def _remember_origin(self) -> None:
        """Point the article's origin at this version, for when its text changes."""
        index = _origin_index(self.directory, self.article.origin)
        if index is None:
            return
        data = (json.dumps({"origin": _origin_key(self.article.origin), "sha256": self.sha256}) + "\n").encode()
        # Saves come at every keypress: spare them the second file's fsyncs when it already points here.
        with contextlib.suppress(OSError):
            if index.read_bytes() == data:
                return
        index.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(index, data)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the advisory lock that every reader instance takes around its reads and writes."""
        folder = self.directory / "notes"
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl is not None:
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX)
                except OSError as error:
                    # Some network file systems refuse locks: saving unlocked beats not saving.
                    if error.errno not in (errno.ENOLCK, errno.EOPNOTSUPP):
                        raise
            yield
        finally:
            os.close(descriptor)

    # Views

    def _ordered(self) -> tuple[list[Highlight], list[Highlight]]:
        if self._view is None:
            values = self._state.highlights.values()
            attached = sorted((h for h in values if not h.orphan), key=lambda h: (h.start, h.end, h.created))
            orphans = sorted((h for h in values if h.orphan), key=lambda h: (h.start, h.created))
            self._view = ([self._resolved(h) for h in attached], orphans)
        return self._view

    def _resolved(self, highlight: Highlight) -> Highlight:
        sentence = None if highlight.orphan else self._sentence_of(highlight)
        if sentence is None:
            return highlight
        return replace(highlight, sentence_id=sentence.id, label=sentence.label)

    def _sentence_of(self, highlight: Highlight) -> Sentence | None:
        """The sentence the highlight overlaps most."""
        index = max(0, bisect.bisect_right(self._sentence_starts, highlight.start) - 1)
        best, best_overlap = None, 0
        for sentence in self._sentences[index:]:
            if sentence.start >= highlight.end:
                break
            overlap = min(sentence.end, highlight.end) - max(sentence.start, highlight.start)
            if overlap > best_overlap:
                best, best_overlap = sentence, overlap
        return best

    def _belongs(self, highlight: Highlight, sentence: Sentence) -> bool:
        if self._sentences:
            return highlight.sentence_id == sentence.id
        overlap = min(sentence.end, highlight.end) - max(sentence.start, highlight.start)
        return 2 * overlap > highlight.end - highlight.start


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace `path` with `data` so that a crash at any moment leaves the old file or the new one."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600), right for notes; an export may want the usual mode.
        if mode is not None:
            os.fchmod(descriptor, mode)
        with open(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_directory(path.parent)


def _fsync_directory(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove_leftovers(path: Path) -> None:
    """Temporary files of writers killed mid-write; called under the lock, when none is in use."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _origin_key(origin: str) -> str | None:
    """One name per origin: a URL as given, a path made absolute; standard input has none."""
    if origin == STDIN:
        return None
    if is_url(origin):
        return origin
    return str(Path(origin).expanduser().resolve())


def _origin_index(directory: Path, origin: str) -> Path | None:
    key = _origin_key(origin)
    if key is None:
        return None
    return directory / "origins" / f"{sha256(key.encode('utf-8')).hexdigest()}.json"


def _clean_note(note: str | None) -> str | None:
    if note is None:
        return None
    note = note.strip()
    return note or None


# Merging two instances' views of one article


def _merge(ours: _State, theirs: _State, clock: Clock) -> _State:
    """Both instances' highlights; a removal in either wins, and the later edit of a highlight wins."""
    removed = {**theirs.removed, **ours.removed}
    highlights: dict[str, Highlight] = {}
    for key in ours.highlights.keys() | theirs.highlights.keys():
        if key in removed:
            continue
        mine, other = ours.highlights.get(key), theirs.highlights.get(key)
        if mine is None or (other is not None and other.updated > mine.updated):
            highlights[key] = other
        else:
            highlights[key] = mine
    # Two instances that highlighted the same passage made two highlights of it: keep one.
    by_span: dict[tuple[int, int], list[Highlight]] = {}
    for highlight in highlights.values():
        if not highlight.orphan:
            by_span.setdefault((highlight.start, highlight.end), []).append(highlight)
    for twins in by_span.values():
        if len(twins) < 2:
            continue
        twins.sort(key=lambda h: (h.created, h.id))
        notes = [h.note for h in sorted(twins, key=lambda h: h.updated) if h.note]
        keeper = replace(
            twins[0],
            note="\n\n".join(dict.fromkeys(notes)) or None,
            updated=max(h.updated for h in twins),
        )
        highlights[keeper.id] = keeper
        for duplicate in twins[1:]:
            del highlights[duplicate.id]
            removed[duplicate.id] = clock()
    return _State(highlights, removed)


# Re-attaching highlights to a changed text


def _reanchor(state: _State, text: str) -> _State:
    """The same highlights, each found again in `text` by its quote, or made an orphan."""
    return _State({key: reattach(h, text) for key, h in state.highlights.items()}, dict(state.removed))


def reattach(highlight: Highlight, text: str) -> Highlight:
    """The highlight anchored in `text`: where its quote is, else where a passage much like it is."""
    if text[highlight.start : highlight.end] == highlight.exact and highlight.end > highlight.start:
        return replace(highlight, orphan=False)
    span = _find_exact(highlight, text) or _find_similar(highlight, text)
    if span is None:
        return replace(highlight, orphan=True)
    start, end = span
    return replace(
        highlight,
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        orphan=False,
    )


def _find_exact(highlight: Highlight, text: str) -> tuple[int, int] | None:
    """The occurrence of the quote whose context agrees best, then the nearest to its old place."""
    length = len(highlight.exact)
    occurrences = _occurrences(text, highlight.exact, highlight.start)
    if not occurrences:
        return None

    def rank(start: int) -> tuple[int, int]:
        before = _common_suffix(text[max(0, start - CONTEXT) : start], highlight.prefix)
        after = _common_prefix(text[start + length : start + length + CONTEXT], highlight.suffix)
        return (-(before + after), abs(start - highlight.start))

    start = min(occurrences, key=rank)
    return start, start + length


def _find_similar(highlight: Highlight, text: str) -> tuple[int, int] | None:
    """An edited version of the passage, between its context or its own first and last words."""
    exact, length = highlight.exact, len(highlight.exact)
    starts: set[int] = set()
    ends: set[int] = set()
    for prefix in _pieces(highlight.prefix, from_end=True):
        starts.update(i + len(prefix) for i in _occurrences(text, prefix, highlight.start - len(prefix)))
    if not highlight.prefix:
        starts.add(0)
    starts.update(_occurrences(text, exact[:ANCHOR_LENGTH], highlight.start))
    for suffix in _pieces(highlight.suffix, from_end=False):
        ends.update(_occurrences(text, suffix, highlight.end))
    if not highlight.suffix:
        ends.add(len(text))
    tail = exact[-ANCHOR_LENGTH:]
    ends.update(i + len(tail) for i in _occurrences(text, tail, highlight.end - len(tail)))

    ends_in_order = sorted(ends)
    candidates = []
    for start in starts:
        # Only ends that leave a passage of about the old length are worth comparing.
        first = bisect.bisect_left(ends_in_order, start + length // 2)
        last = bisect.bisect_right(ends_in_order, start + 2 * length + ANCHOR_LENGTH)
        candidates += [(abs(start - highlight.start), start, end) for end in ends_in_order[first:last]]
    # Nearest first, so that a candidate which can at best tie the most similar one so far is skipped.
    best, best_ratio = None, MIN_SIMILARITY
    for _, start, end in sorted(candidates):
        matcher = difflib.SequenceMatcher(None, exact, text[start:end], autojunk=False)
        if matcher.quick_ratio() <= best_ratio and best is not None:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio or (best is None and ratio == best_ratio):
            best, best_ratio = (start, end), ratio
    if best is None:
        return None
    start, end = best
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _pieces(context: str, from_end: bool) -> list[str]:
    """The whole context and its part next to the passage, as anchors to look for."""
    if not context.strip():
        return []
    short = context[-ANCHOR_LENGTH:] if from_end else context[:ANCHOR_LENGTH]
    return [context] if short == context else [context, short]


def _occurrences(text: str, piece: str, near: int) -> list[int]:
    """Where `piece` occurs in `text`, the nearest `MAX_CANDIDATES` to `near`."""
    if not piece:
        return []
    found = []
    index = text.find(piece)
    while index != -1:
        found.append(index)
        index = text.find(piece, index + 1)
    if len(found) > MAX_CANDIDATES:
        found = sorted(found, key=lambda i: abs(i - near))[:MAX_CANDIDATES]
    return found


def _common_prefix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a, b]))


def _common_suffix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a[::-1], b[::-1]]))


# The file format


def _timestamp(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _parse_timestamp(value: object) -> datetime:
    if not isinstance(value, str):
        raise _Unreadable("a timestamp is not a string")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise _Unreadable(f"bad timestamp {value!r}") from None
    if when.tzinfo is None:
        raise _Unreadable(f"timestamp {value!r} has no time zone")
    return when.astimezone(timezone.utc)


def _highlight_to_json(highlight: Highlight) -> dict:
    document = {
        "id": highlight.id,
        "start": highlight.start,
        "end": highlight.end,
        "exact": highlight.exact,
        "prefix": highlight.prefix,
        "suffix": highlight.suffix,
        "note": highlight.note,
        "created": _timestamp(highlight.created),
        "updated": _timestamp(highlight.updated),
    }
    if highlight.orphan:
        document["orphan"] = True
    return document


def _parse(data: bytes, sha: str) -> _State:
    """A store file's state; _Unreadable says why it is not one."""
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise _Unreadable("not UTF-8 text") from None
    except ValueError as error:
        raise _Unreadable(f"bad JSON: {error}") from None
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        found = document.get("schema") if isinstance(document, dict) else None
        raise _Unreadable(f"schema is {found!r}, not {SCHEMA!r}")
    article = document.get("article")
    if not isinstance(article, dict) or article.get("sha256") != sha:
        raise _Unreadable("it belongs to another article")
    highlights, removed = document.get("highlights"), document.get("removed")
    if not isinstance(highlights, list) or not isinstance(removed, dict):
        raise _Unreadable("highlights or removed missing")
    state = _State()
    for entry in highlights:
        highlight = _parse_highlight(entry)
        state.highlights[highlight.id] = highlight
    for key, when in removed.items():
        state.removed[key] = _parse_timestamp(when)
    return state


def _parse_highlight(entry: object) -> Highlight:
    if not isinstance(entry, dict):
        raise _Unreadable("a highlight is not an object")
    strings = ("id", "exact", "prefix", "suffix")
    if not all(isinstance(entry.get(key), str) for key in strings):
        raise _Unreadable("a highlight lacks its id or quote")
    start, end, note = entry.get("start"), entry.get("end"), entry.get("note")
    if type(start) is not int or type(end) is not int or not 0 <= start <= end:
        raise _Unreadable("a highlight has bad offsets")
    if note is not None and not isinstance(note, str):
        raise _Unreadable("a note is not text")
    return Highlight(
        id=entry["id"],
        start=start,
        end=end,
        exact=entry["exact"],
        prefix=entry["prefix"],
        suffix=entry["suffix"],
        note=note,
        created=_parse_timestamp(entry.get("created")),
        updated=_parse_timestamp(entry.get("updated")),
        orphan=entry.get("orphan") is True,
    )
