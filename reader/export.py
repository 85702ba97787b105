"""Export an article's highlights and notes: Markdown for Obsidian, W3C Web Annotation JSON, Readwise CSV."""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import re
import sys
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from hashlib import sha256
from pathlib import Path
from typing import Literal

from reader.model import LABELS, Article, Sentence
from reader.origin import describe_origin
from reader.notes import CONTEXT, Clock, Highlight, NoteStore, NoteStoreError, utc_now, write_atomic

FORMATS = ("md", "json", "csv")
READWISE_COLUMNS = ("Highlight", "Title", "Author", "URL", "Note", "Location", "Date")
WEB_ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"

EntryKind = Literal["highlight", "flagged", "orphan"]


class ExportError(Exception):
    """Nothing to export, or a request that cannot be met; the message is one line for the user."""


@dataclass(frozen=True)
class Entry:
    """One exported passage: a highlight of the reader's, a sentence reader flagged, or an orphan."""

    kind: EntryKind
    id: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    note: str | None = None
    label: str | None = None
    sentence_id: int | None = None
    created: datetime | None = None
    updated: datetime | None = None


@dataclass(frozen=True)
class Export:
    """What every writer writes: the article, its entries in reading order (orphans last), and when."""

    article: Article
    entries: list[Entry]
    exported: datetime


def run(
    source: str, fmt: str, output: Path | None, include: Sequence[str], clock: Clock = utc_now
) -> None:
    """`reader export`: write the saved highlights of SOURCE in `fmt` to `output`, or to stdout."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt}: choose from {', '.join(FORMATS)}")
    unknown = [label for label in include if label not in LABELS]
    if unknown:
        raise ExportError(f"unknown label {', '.join(unknown)}: choose from {', '.join(LABELS)}")
    from reader.sources import load

    article = load(source)
    try:
        store = NoteStore.open(article, clock=clock)
    except NoteStoreError as error:
        raise ExportError(str(error)) from None
    if not store.known:
        raise ExportError(
            f"nothing saved for {describe_origin(source)}: it was never opened"
            " and annotated in reader (open it, press space on a sentence, then export)"
        )
    for warning in store.warnings:
        print(f"reader: {warning}", file=sys.stderr)
    sentences: list[Sentence] = []
    if store.highlights or include:
        # spaCy costs a second to load: only pay for it when there are labels to give.
        from reader.analysis import analyze

        sentences = analyze(article).sentences
        store.attach_sentences(sentences)
    document = WRITERS[fmt](collect(store, sentences, include, clock()))
    data = document.encode("utf-8")
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        save(output, data)


def save(output: Path, data: bytes) -> None:
    """Write an export to `output` atomically, keeping an existing file's permissions."""
    try:
        write_atomic(output, data, _file_mode(output))
    except OSError as error:
        raise ExportError(f"cannot write {output}: {error.strerror or error}") from None


def collect(store: NoteStore, sentences: Sequence[Sentence], include: Sequence[str], exported: datetime) -> Export:
    """The entries of an export: the store's highlights, the sentences of the `include` labels, its orphans."""
    text = store.article.text
    entries = [_from_highlight(highlight, "highlight") for highlight in store.highlights]
    highlighted = {highlight.sentence_id for highlight in store.highlights}
    for sentence in sentences:
        if sentence.label in include and sentence.id not in highlighted:
            entries.append(
                Entry(
                    kind="flagged",
                    id=_flagged_id(store.article, sentence),
                    start=sentence.start,
                    end=sentence.end,
                    exact=text[sentence.start : sentence.end],
                    prefix=text[max(0, sentence.start - CONTEXT) : sentence.start],
                    suffix=text[sentence.end : sentence.end + CONTEXT],
                    label=sentence.label,
                    sentence_id=sentence.id,
                )
            )
    entries.sort(key=lambda entry: (entry.start, entry.end))
    entries += [_from_highlight(orphan, "orphan") for orphan in store.orphans]
    return Export(store.article, entries, exported)


def _from_highlight(highlight: Highlight, kind: EntryKind) -> Entry:
    return Entry(
        kind=kind,
        id=highlight.id,
        start=highlight.start,
        end=highlight.end,
        exact=highlight.exact,
        prefix=highlight.prefix,
        suffix=highlight.suffix,
        note=highlight.note,
        label=highlight.label,
        sentence_id=highlight.sentence_id,
        created=highlight.created,
        updated=highlight.updated,
    )


def _flagged_id(article: Article, sentence: Sentence) -> str:
    """A stable id for a flagged sentence: the same article and sentence always get the same one."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{source_iri(article)}#char={sentence.start},{sentence.end}").hex


# Markdown


def markdown(export: Export) -> str:
    """A Markdown note for Obsidian: properties, title, source, date, then one callout per passage."""
    article = export.article
    properties = {
        "title": title_of(article),
        "source": _origin_shown(article),
        "author": article.author,
        "date": article.date,
        "exported": _iso(export.exported),
    }
    lines = ["---"]
    lines += [f"{key}: {_yaml_string(value)}" for key, value in properties.items() if value is not None]
    lines += ["---", "", f"# {_escape_line(title_of(article))}", ""]
    lines.append(f"- Source: {_markdown_source(article)}")
    if article.author:
        lines.append(f"- Author: {_escape_line(article.author)}")
    if article.date:
        lines.append(f"- Date: {_escape_line(article.date)}")
    lines.append(f"- Exported: {_readable(export.exported)} UTC")
    lines.append("")
    if not any(entry.kind != "orphan" for entry in export.entries):
        lines += ["No highlights.", ""]
    for entry in export.entries:
        lines += _callout(entry)
    return "\n".join(lines)


def _callout(entry: Entry) -> list[str]:
    label = (entry.label or "unlabelled").capitalize()
    where = f"sentence {entry.sentence_id + 1}" if entry.sentence_id is not None else None
    if entry.kind == "highlight":
        kind, heading = "quote", " · ".join(filter(None, [label if entry.label else None, where])) or "Highlight"
    elif entry.kind == "flagged":
        kind, heading = "info", f"{label} · {where} · flagged by reader, not highlighted"
    else:
        kind, heading = "warning", "Orphaned highlight · no longer found in the article"
    lines = [f"> [!{kind}] {heading}"]
    lines += [f"> {line}" if line else ">" for line in _escape_block(entry.exact)]
    if entry.note:
        # The note is the reader's own Markdown, kept inside the callout so it cannot spill out.
        note_lines = entry.note.split("\n")
        note_lines[0] = f"**Note:** {note_lines[0]}"
        lines.append(">")
        lines += [f"> {line}" if line.strip() else ">" for line in note_lines]
    lines.append("")
    return lines


# Characters that mean something to CommonMark or Obsidian anywhere in a line: emphasis, code, links
# and wikilinks, HTML, tags, tables, strikethrough, ==highlight==, $math$, %%comments%%, ^block ids.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~=$%^])")
# An entity reference such as &amp; would be decoded.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# At the start of a line: list bullets, ordered list numbers, and the lines that make headings or rules.
_LINE_START = re.compile(r"^([-+]|\d{1,9}(?=[.)]))")


def _escape_line(text: str) -> str:
    """Article text as literal Markdown inline text."""
    return _ENTITY.sub(r"\\&", _INLINE_SPECIAL.sub(r"\\\1", text))


def _escape_block(text: str) -> list[str]:
    """Article text as literal Markdown lines: inline marks escaped, no line read as a list or heading."""
    lines = []
    for line in text.split("\n"):
        line = _escape_line(line.strip())
        match = _LINE_START.match(line)
        if match and match.group(1) in "-+":
            line = "\\" + line
        elif match:
            digits = match.group(1)
            line = f"{digits}\\{line[len(digits):]}"
        lines.append(line)
    return lines


def _markdown_source(article: Article) -> str:
    if article.from_url:
        # The angle-bracket destination takes any URL once its brackets and spaces are encoded.
        destination = article.origin.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
        return f"[{_escape_line(article.origin)}](<{destination}>)"
    return _escape_line(_origin_shown(article))


def _origin_shown(article: Article) -> str:
    """Where the article came from, in words that still mean something once the export is moved."""
    if article.from_stdin:
        return "standard input"
    if article.from_url:
        return article.origin
    return str(Path(article.origin).expanduser().resolve())


def _yaml_string(value: str) -> str:
    """A YAML double-quoted scalar; a JSON string is one, bar the line separators YAML 1.1 breaks on."""
    return json.dumps(value, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


# W3C Web Annotation


def web_annotation(export: Export) -> str:
    """A JSON array of W3C Web Annotations, one per passage."""
    source = source_iri(export.article)
    annotations = [_annotation(entry, source) for entry in export.entries]
    return json.dumps(annotations, ensure_ascii=False, indent=2) + "\n"


def _annotation(entry: Entry, source: str) -> dict:
    annotation: dict = {
        "@context": WEB_ANNOTATION_CONTEXT,
        "id": uuid.UUID(hex=entry.id).urn,
        "type": "Annotation",
    }
    if entry.kind == "flagged":
        # Not the reader's highlight: reader's own classification of the sentence.
        annotation["motivation"] = "classifying"
        annotation["creator"] = {"type": "Software", "name": "reader"}
    else:
        annotation["motivation"] = "commenting" if entry.note else "highlighting"
    if entry.created is not None:
        annotation["created"] = _iso(entry.created)
    if entry.updated is not None:
        annotation["modified"] = _iso(entry.updated)
    body = []
    if entry.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": entry.note, "format": "text/plain"})
    if entry.label:
        body.append({"type": "TextualBody", "purpose": "tagging", "value": entry.label})
    if body:
        annotation["body"] = body
    selectors: list[dict] = [
        {"type": "TextQuoteSelector", "exact": entry.exact, "prefix": entry.prefix, "suffix": entry.suffix}
    ]
    # An orphan's offsets point into an earlier text: only its quote still describes it.
    if entry.kind != "orphan":
        selectors.append({"type": "TextPositionSelector", "start": entry.start, "end": entry.end})
    annotation["target"] = {"source": source, "selector": selectors}
    return annotation


def source_iri(article: Article) -> str:
    """The article as an IRI: its URL, its file as a file: URI, or text from stdin by its hash (RFC 6920)."""
    if article.from_url:
        return article.origin
    if not article.from_stdin:
        return Path(article.origin).expanduser().resolve().as_uri()
    digest = base64.urlsafe_b64encode(sha256(article.text.encode("utf-8")).digest()).rstrip(b"=").decode()
    return f"ni:///sha-256;{digest}"


# Readwise CSV

# A spreadsheet runs a cell starting with these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def readwise_csv(export: Export) -> str:
    """Readwise's import CSV: RFC 4180, CRLF line ends, formula-like cells defused."""
    article = export.article
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(READWISE_COLUMNS)
    for entry in export.entries:
        note = entry.note
        if entry.kind == "flagged":
            note = f"Flagged by reader as {entry.label}, not highlighted"
        row = [
            entry.exact,
            title_of(article),
            article.author or "",
            article.origin if article.from_url else "",
            note or "",
            "" if entry.sentence_id is None or entry.kind == "orphan" else str(entry.sentence_id + 1),
            "" if entry.created is None else _readable(entry.created),
        ]
        writer.writerow([_defuse(cell) for cell in row])
    return buffer.getvalue()


def _defuse(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


# Shared


WRITERS: dict[str, Callable[[Export], str]] = {"md": markdown, "json": web_annotation, "csv": readwise_csv}


def title_of(article: Article) -> str:
    """The article's title, else the name of where it came from."""
    if article.title:
        return article.title
    if article.from_stdin:
        return "Untitled article"
    return article.origin if article.from_url else Path(article.origin).name


def _iso(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _readable(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def _file_mode(output: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (0666 less the umask)."""
    try:
        return output.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
