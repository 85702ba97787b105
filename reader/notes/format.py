"""The notes file: typed, validated reading and writing of `reader.notes/2` (and reading of `/1`)."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from hashlib import sha256
from typing import TypeVar

from reader.control import clean_line, clean_text, without_surrogates
from reader.model import LABELS, Article, Label, Link
from reader.notes.correction import Correction
from reader.origin import is_link

SCHEMA = "reader.notes/2"
# Files written before the store kept the text it annotated; still read, rewritten as /2 on the next save.
SCHEMA_1 = "reader.notes/1"

COLOURS = ("yellow", "blue", "green", "pink")
"""A highlight's colours, the first its own until the reader gives it another (`c`); files before them have none."""

_ID = re.compile(r"[0-9a-f]{32}")
# Ids that are not UUIDs (a hand-edited file, another tool) become this UUID of themselves, the same every time.
_REPAIRED_IDS = uuid.UUID("5a0f2b8e-4c47-4a53-9d0e-6f1f5c3f8a10")


class Unreadable(Exception):
    """A notes file that is not JSON of a schema this reader knows, or not of this article."""


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
    # The sentence it is on and that sentence's label, once the analysis is known (see `placement`).
    sentence_id: int | None = None
    label: str | None = None
    colour: str = COLOURS[0]

    def __post_init__(self) -> None:
        if not _ID.fullmatch(self.id):
            raise ValueError(f"highlight id {self.id!r} is not a UUID in hex")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"highlight {self.id} has bad offsets {self.start}..{self.end}")


Anchored = TypeVar("Anchored", Highlight, Correction)
"""A passage of the article the notes file keeps, anchored by its offsets and its quote."""


@dataclass(frozen=True)
class ArticleRecord:
    """What a notes file says about its article: enough to list it, and to export it without its source."""

    sha256: str
    origin: str
    title: str | None
    author: str | None = None
    date: str | None = None
    # None in a file of reader.notes/1, which did not keep the text.
    text: str | None = None
    from_page: bool = False
    links: tuple[Link, ...] = ()

    @classmethod
    def of(cls, article: Article, origin: str) -> ArticleRecord:
        return cls(article.sha256, origin, article.title, article.author, article.date, article.text,
                   article.from_page, article.links)

    def article(self) -> Article | None:
        """The article as it was annotated, or None when its text was not kept."""
        if self.text is None:
            return None
        return Article(self.text, self.title, self.origin, self.author, self.date, self.from_page, self.links)


@dataclass
class Notes:
    """The state two instances merge: live highlights and corrections by id, tombstones of removed ones, the last
    opening."""

    highlights: dict[str, Highlight] = field(default_factory=dict)
    removed: dict[str, datetime] = field(default_factory=dict)
    """Removed highlights and corrections, each with the `updated` of the version removed (what the removal saw)."""
    opened: datetime | None = None
    corrections: dict[str, Correction] = field(default_factory=dict)


@dataclass(frozen=True)
class StoreFile:
    """A decoded notes file, with what in it could not be read (those entries are left out)."""

    article: ArticleRecord
    notes: Notes
    unreadable: tuple[str, ...]


def new_id() -> str:
    return uuid.uuid4().hex


def clean_note(note: str | None) -> str | None:
    """A note as it is kept: clean text without surrounding blanks; None when nothing is left."""
    if note is None:
        return None
    return clean_text(note).strip() or None


def encode(article: ArticleRecord, notes: Notes) -> bytes:
    """The file for `notes`, one highlight a line; ValueError when something in it is not Unicode text."""
    highlights = sorted(notes.highlights.values(), key=lambda h: (h.orphan, h.start, h.end, h.id))
    header = {
        "sha256": article.sha256,
        "origin": article.origin,
        "title": article.title,
        "author": article.author,
        "date": article.date,
        "opened": None if notes.opened is None else timestamp(notes.opened),
        "from_page": article.from_page,
        "links": [[link.start, link.end, link.url] for link in article.links],
        "text": article.text,
    }
    removed = {key: timestamp(when) for key, when in sorted(notes.removed.items())}
    # Written piece by piece: json's C encoder does not indent, and an article's text may be long.
    lines = ["{", f' "schema": {_json(SCHEMA)},', f' "article": {_json(header)},', ' "highlights": [']
    lines += [f"  {_json(_highlight_json(highlight))}," for highlight in highlights]
    if highlights:
        lines[-1] = lines[-1].removesuffix(",")
    lines.append(" ],")
    corrections = sorted(notes.corrections.values(), key=lambda c: (c.orphan, c.start, c.end, c.id))
    if corrections:
        # Only when there are some: a file without corrections stays as readers before them wrote it.
        lines.append(' "corrections": [')
        lines += [f"  {_json(_correction_json(correction))}," for correction in corrections]
        lines[-1] = lines[-1].removesuffix(",")
        lines.append(" ],")
    lines += [f' "removed": {_json(removed)}', "}", ""]
    try:
        return "\n".join(lines).encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(f"text that is not Unicode ({error.reason})") from None


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def decode(data: bytes, sha: str) -> StoreFile:
    """The notes file of the article with hash `sha`; Unreadable says why the whole file is not one."""
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise Unreadable("not UTF-8 text") from None
    except ValueError as error:
        raise Unreadable(f"bad JSON: {error}") from None
    except RecursionError:
        raise Unreadable("JSON nested deeper than any notes file") from None
    schema = document.get("schema") if isinstance(document, dict) else None
    if schema not in (SCHEMA, SCHEMA_1):
        raise Unreadable(f"schema is {schema!r}, not {SCHEMA!r}")
    header, highlights, removed = document.get("article"), document.get("highlights"), document.get("removed")
    if not isinstance(header, dict) or header.get("sha256") != sha:
        raise Unreadable("it belongs to another article")
    if not isinstance(highlights, list) or not isinstance(removed, dict):
        raise Unreadable("highlights or removed missing")
    unreadable: list[str] = []
    corrections = document.get("corrections", [])
    # Files written before corrections have none; a file whose corrections are not a list keeps its highlights.
    notes = Notes(_each(highlights, _highlight, "a highlight", unreadable),
                  corrections=_each(corrections if isinstance(corrections, list) else [corrections], _correction,
                                    "a correction", unreadable))
    for key, when in removed.items():
        try:
            notes.removed[repaired_id(key)] = parse_timestamp(when)
        except Unreadable as problem:
            unreadable.append(f"a removal: {problem}")
    record = _record(header, sha) if schema == SCHEMA else _record_1(header, sha)
    notes.opened = _optional_timestamp(header.get("opened")) if schema == SCHEMA else None
    return StoreFile(record, notes, tuple(unreadable))


def _each(entries: list, read: Callable[[object], Anchored], what: str, unreadable: list[str]) -> dict[str, Anchored]:
    """Each of a file's highlights or corrections that can be `read`, by id; what is wrong with the others goes to
    `unreadable`, saying `what` they are."""
    found = {}
    for entry in entries:
        try:
            anchored = read(entry)
        except (Unreadable, ValueError) as problem:
            unreadable.append(f"{what}: {problem}")
            continue
        found[anchored.id] = anchored
    return found


def repaired_id(value: str) -> str:
    """A highlight id as 32 hex digits: a UUID in any spelling as itself, anything else as a UUID of it."""
    try:
        return uuid.UUID(value).hex
    except ValueError:
        return uuid.uuid5(_REPAIRED_IDS, value).hex


def timestamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_timestamp(value: object) -> datetime:
    if not isinstance(value, str):
        raise Unreadable("a timestamp is not a string")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise Unreadable(f"bad timestamp {value!r}") from None
    if when.tzinfo is None:
        raise Unreadable(f"timestamp {value!r} has no time zone")
    try:
        return when.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00:00+14:00 is before the first day in UTC
        raise Unreadable(f"timestamp {value!r} is out of range") from None


def _optional_timestamp(value: object) -> datetime | None:
    try:
        return None if value is None else parse_timestamp(value)
    except Unreadable:
        return None


def _highlight_json(highlight: Highlight) -> dict:
    document = _anchor_json(highlight, {"note": highlight.note})
    if highlight.colour != COLOURS[0]:  # a file without colours stays as readers before them wrote it
        document["colour"] = highlight.colour
    return document


def _anchor_json(anchor: Anchored, own: dict) -> dict:
    """What a highlight and a correction write alike (where the passage is, its quote, when), around `own` fields."""
    document = {
        "id": anchor.id,
        "start": anchor.start,
        "end": anchor.end,
        "exact": anchor.exact,
        "prefix": anchor.prefix,
        "suffix": anchor.suffix,
        **own,
        "created": timestamp(anchor.created),
        "updated": timestamp(anchor.updated),
    }
    if anchor.orphan:
        document["orphan"] = True
    return document


def _highlight(entry: object) -> Highlight:
    """One highlight of a file, its id and text repaired; Unreadable when it cannot be."""
    fields, anchor = _anchored(entry)
    note = fields.get("note")
    if note is not None and not isinstance(note, str):
        raise Unreadable("its note is not text")
    # A colour this reader does not know (a newer one's, a hand's) is the first.
    colour = fields.get("colour")
    return Highlight(**anchor, note=clean_note(note), colour=colour if colour in COLOURS else COLOURS[0])


def _anchored(entry: object) -> tuple[dict, dict]:
    """A highlight or a correction of a file as the object it must be, and the fields they share (where the passage
    is, its quote, when) checked and repaired; Unreadable when they cannot be."""
    if not isinstance(entry, dict):
        raise Unreadable("not an object")
    if not all(isinstance(entry.get(key), str) for key in ("id", "exact", "prefix", "suffix")):
        raise Unreadable("it lacks its id or quote")
    start, end = entry.get("start"), entry.get("end")
    if type(start) is not int or type(end) is not int or not 0 <= start <= end:
        raise Unreadable("bad offsets")
    return entry, {
        "id": repaired_id(entry["id"]),
        "start": start,
        "end": end,
        # A lone surrogate cannot be written back; the quote then no longer matches and is found again.
        "exact": without_surrogates(entry["exact"]),
        "prefix": without_surrogates(entry["prefix"]),
        "suffix": without_surrogates(entry["suffix"]),
        "created": parse_timestamp(entry.get("created")),
        "updated": parse_timestamp(entry.get("updated")),
        "orphan": entry.get("orphan") is True,
    }


def _correction_json(correction: Correction) -> dict:
    return _anchor_json(correction, {
        "label": correction.label,
        "speaker": correction.speaker,
        "was_label": correction.was_label,
        "was_speaker": correction.was_speaker,
        "number": correction.number,
    })


def _correction(entry: object) -> Correction:
    """One correction of a file, its id and text repaired; Unreadable when it cannot be."""
    fields, anchor = _anchored(entry)
    number = fields.get("number")
    if type(number) is not int:
        raise Unreadable("no sentence number")
    label, was_label = _label(fields.get("label")), _label(fields.get("was_label"))
    speaker, was_speaker = fields.get("speaker"), fields.get("was_speaker")
    if not all(value is None or isinstance(value, str) for value in (speaker, was_speaker)):
        raise Unreadable("a speaker is not text")
    return Correction(**anchor, label=label, speaker=clean_speaker(speaker), was_label=was_label,
                      was_speaker=clean_speaker(was_speaker), number=number)


def _label(value: object) -> Label:
    for label in LABELS:
        if value == label:
            return label
    raise Unreadable(f"a label is not one of {', '.join(LABELS)}")


def clean_speaker(speaker: str | None) -> str | None:
    """A speaker's name as it is kept: one clean line; None when nothing is left."""
    if speaker is None:
        return None
    return clean_line(" ".join(clean_text(speaker).split())) or None


def _record(header: dict, sha: str) -> ArticleRecord:
    """The article of a reader.notes/2 file; a text that is not the article's is not kept."""
    text = header.get("text")
    try:
        if not isinstance(text, str) or sha256(text.encode("utf-8")).hexdigest() != sha:
            text = None
    except UnicodeEncodeError:  # a lone surrogate
        text = None
    # Read back as it was written, unless the file was made by hand: then it is cleaned as a source's text is, and
    # its links, whose offsets no longer hold, are left out.
    clean = None if text is None else clean_text(text)
    return ArticleRecord(
        sha,
        _string(header.get("origin")) or "-",
        _line(header.get("title")),
        _line(header.get("author")),
        _line(header.get("date")),
        clean,
        header.get("from_page") is True,
        _links(header.get("links"), clean) if clean == text else (),
    )


def _record_1(header: dict, sha: str) -> ArticleRecord:
    """The article of a reader.notes/1 file: origin and title, no text."""
    return ArticleRecord(sha, _string(header.get("origin")) or "-", _line(header.get("title")))


def _links(value: object, text: str | None) -> tuple[Link, ...]:
    """The links of a kept text; any that is not [start, end, url] inside it, or not a link a browser may be handed
    (see `is_link`), is left out."""
    if text is None or not isinstance(value, list):
        return ()
    return tuple(
        Link(item[0], item[1], item[2]) for item in value
        if isinstance(item, list) and len(item) == 3 and type(item[0]) is int and type(item[1]) is int
        and 0 <= item[0] < item[1] <= len(text) and isinstance(item[2], str) and is_link(item[2])
    )


def _string(value: object) -> str | None:
    return clean_text(value) if isinstance(value, str) else None


def _line(value: object) -> str | None:
    """A title or an author as a source gives it: clean, and without bidirectional controls."""
    return clean_line(clean_text(value)) if isinstance(value, str) else None
