"""Readwise's import CSV: the reader's own highlights, each label a Readwise inline tag at the start of its note."""

from __future__ import annotations

import csv
import io

from reader.control import clean_text
from reader.export.document import Entry, Export, readable, title_of

READWISE_COLUMNS = ("Highlight", "Title", "Author", "URL", "Note", "Location", "Date", "Tags", "Correction")
"""Readwise's import columns, then reader's own: Readwise leaves a column it does not know alone."""
# A spreadsheet runs a cell starting with these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def imported(entry: Entry) -> bool:
    """Whether Readwise gets the passage: every row becomes one of the user's own highlights, so no flagged ones."""
    return entry.kind != "flagged"


def readwise_csv(export: Export) -> str:
    """Readwise's import CSV: RFC 4180, CRLF line ends, formula-like cells defused, control characters gone."""
    article = export.article
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(READWISE_COLUMNS)
    for entry in filter(imported, export.entries):
        row = [
            entry.exact,
            title_of(article),
            article.author or "",
            article.origin if article.from_url else "",
            _note(entry),
            "" if entry.number is None or entry.kind == "orphan" else str(entry.number),
            "" if entry.created is None else readable(entry.created),
            entry.colour or "",
            _correction(entry),
        ]
        writer.writerow([_defuse(clean_text(cell)) for cell in row])
    return buffer.getvalue()


def _note(entry: Entry) -> str:
    """The note, after Readwise inline tags (`.opinion`) that say the label, or that the passage is gone."""
    tag = "orphan" if entry.kind == "orphan" else entry.label
    return " ".join(filter(None, [f".{tag}" if tag else None, entry.note]))


def _correction(entry: Entry) -> str:
    """`opinion (was reported)`, `said by Ana Ruiz (speaker was not named)`: what the reader corrected."""
    correction = entry.correction
    if correction is None:
        return ""
    said: list[str] = [correction.label] if correction.relabelled else []
    if correction.speaker is not None:
        said.append(f"said by {correction.speaker}")
    return f"{', '.join(said)} ({correction.what_was()})"


def _defuse(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell
