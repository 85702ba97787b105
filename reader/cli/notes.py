"""`reader notes` and `reader export`: list the annotated articles, and export one or all of them."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import export, notes
from reader.cli.arguments import PROFILE
from reader.cli.messages import UsageError, say
from reader.control import clean_text
from reader.export import ExportError
from reader.export.document import iso
from reader.model import Article, Quote, Sentence
from reader.notes import LibraryEntry, NoteStore
from reader.origin import STDIN, describe_origin, is_url, origin_of
from reader.output import OutputFailed, emit, json_document, json_line, readable_output, utf8_output
from reader.profile import Profile, profile


def export_articles(options: argparse.Namespace) -> int:
    """`reader export`: one article to stdout or -o FILE, or --all of them into -o DIR."""
    if options.all and options.source:
        raise UsageError("give an ARTICLE or --all, not both")
    if options.all and options.output is None:
        raise UsageError("--all writes one file per article: name their folder with -o DIR")
    if not options.all and options.source is None:
        raise UsageError("give the ARTICLE to export (a file, a URL, -, or a number from `reader notes`), or --all")
    try:
        if options.all:
            return _export_all(options.output, options.format, options.include)
        return _export_one(options.source, options.format, options.include, options.output)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputFailed(f"cannot write standard output: {error.strerror or error}") from None


def list_articles(options: argparse.Namespace) -> int:
    """`reader notes`: the annotated articles, last opened first."""
    if options.corrections:
        return _list_corrections()
    return _list(options.format)


NOTHING_SAVED = "open it in reader, press h on a sentence, then export"
# How much of an article's sha256 the table shows: enough to name it in `reader export`.
SHOWN_PREFIX = 8


def _list(output_format: str) -> int:
    """Print the library, newest first: a table for people, or JSON."""
    entries = notes.library.entries()
    # Written through `emit`, so that a full disk is one line that says so.
    if output_format == "json":
        utf8_output()
        emit(json_document([_entry_json(entry) for entry in entries]))
    elif entries:
        readable_output()
        emit(_table(entries))
    else:
        emit("No annotated articles yet: open one in reader and press h on a sentence.\n")
    return 0


def _list_corrections() -> int:
    """Print every correction of the library as JSON lines, article by article (newest first), in reading order."""
    utf8_output()
    lines = []
    for entry in notes.library.entries():
        record = entry.article
        for correction in notes.corrections_of(entry):
            lines.append(json_line({
                "sha256": record.sha256,
                "source": record.origin,
                "title": record.title,
                "sentence": correction.number,
                "text": correction.exact,
                "original_label": correction.was_label,
                "original_speaker": correction.was_speaker,
                "label": correction.label,
                "speaker": correction.speaker if correction.speaker is not None else correction.was_speaker,
                "orphan": correction.orphan,
                "corrected": iso(correction.updated),
            }))
    emit("".join(lines))
    return 0


def _export_one(name: str, fmt: str, include: Sequence[str], output: Path | None) -> int:
    """Export the article `name` stands for (a source as opened, or a number or sha256 prefix of the library)."""
    data = _exported(_article_named(name), fmt, _includable(fmt, include))
    if output is None or str(output) == STDIN:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        export.save(output, data)
    return 0


def _export_all(folder: Path, fmt: str, include: Sequence[str]) -> int:
    """Write every article of the library to `folder`, one file each; 1 when some failed, 2 when all did."""
    from reader.sources import SourceError

    entries = notes.library.entries()
    if not entries:
        raise ExportError(f"no annotated articles to export: {NOTHING_SAVED}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot make the folder {folder}: {error.strerror or error}") from None
    include, failed = _includable(fmt, include), 0
    for entry in entries:
        try:
            article = _article_of(entry)
            export.save(folder / export.file_name(article, fmt), _exported(article, fmt, include))
        except (ExportError, SourceError, notes.NoteStoreError) as error:
            failed += 1
            say(f"article {entry.number} ({_flat(entry.article.title or entry.article.origin)}): {error}")
    say(f"{len(entries) - failed} of {len(entries)} articles exported to {folder}")
    return 0 if not failed else 2 if failed == len(entries) else 1


def _article_named(name: str) -> Article:
    """The article to export: from the library by number or hash, else as last annotated from that origin.

    The notes keep the text they were made on, so only a source annotated by an older reader is read again.
    """
    from reader.sources import load

    if name != STDIN and not is_url(name) and not _is_path(name):
        entry = notes.find(notes.library.entries(), name)
        if entry is not None:
            return _article_of(entry)
    if name != STDIN:
        record = notes.stored_article(origin_of(name))
        stored = None if record is None else record.article()
        if stored is not None:
            return stored
    return load(name)


def _is_path(name: str) -> bool:
    try:
        return Path(name).exists()
    except (OSError, ValueError):  # a name too long, or with a NUL in it
        return False


def _exported(article: Article, fmt: str, include: Sequence[str]) -> bytes:
    """The saved highlights and notes of `article` in `fmt`, labelled by a fresh analysis when there are any."""
    store = NoteStore.open(article)
    if not store.known:
        reason = store.warnings[-1] if store.warnings else f"it was never annotated ({NOTHING_SAVED})"
        raise ExportError(f"nothing saved for {describe_origin(article.origin)}: {reason}")
    for warning in store.warnings:
        say(warning)
    sentences: Sequence[Sentence] = []
    quotes: Sequence[Quote] = []
    found: Profile | None = None
    if store.highlights or store.corrections or include:
        # spaCy costs a second to load: only pay for it when there are labels to give.
        from reader.analysis import analyze
        from reader.analysis.opinion.opinion_model import ModelBroken

        try:
            analysis = analyze(article)
        except ModelBroken as error:
            say(f"{error.problem}: the labels come from the rules alone")
            analysis = analyze(article, model="rules")
        sentences, quotes = analysis.sentences, analysis.quotes
        if PROFILE in include:
            found = profile(analysis)
    labels = [label for label in include if label != PROFILE]
    return export.render(export.collect(store, sentences, labels, notes.utc_now(), quotes, found), fmt)


def _includable(fmt: str, include: Sequence[str]) -> Sequence[str]:
    """The labels to add unhighlighted, and the profile: none in a Readwise CSV, which would import them as the
    reader's own; the profile in Markdown alone, the one format with a place for it."""
    if fmt != "md" and PROFILE in include:
        say(f"--include {PROFILE} adds the profile to a Markdown export only (--format md)")
        include = [item for item in include if item != PROFILE]
    if fmt != "csv" or not include:
        return include
    say("the Readwise CSV leaves out --include: Readwise would import those sentences as your own highlights")
    return ()


def _article_of(entry: LibraryEntry) -> Article:
    """A library article as annotated; one saved by an older reader, without its text, is read again."""
    from reader.sources import load

    article = entry.article.article()
    if article is not None:
        return article
    if entry.article.origin == STDIN:
        raise ExportError("its text was not kept (saved by an older reader) and it came from standard input:"
                          " pipe it again into `reader export -`")
    return load(entry.article.origin)


def _entry_json(entry: LibraryEntry) -> dict:
    record = entry.article
    return {
        "number": entry.number,
        "sha256": record.sha256,
        "title": record.title,
        "origin": record.origin,
        "author": record.author,
        "date": record.date,
        "highlights": entry.highlights,
        "orphans": entry.orphans,
        "opened": iso(entry.opened),
        "text_kept": record.text is not None,
    }


def _table(entries: list[LibraryEntry]) -> str:
    """Number, hash prefix, highlights, last opened (local time), title and origin; cut to the terminal's width."""
    rows = [("#", "sha256", "highlights", "last opened", "title", "origin")]
    for entry in entries:
        rows.append((
            str(entry.number),
            entry.sha256[:SHOWN_PREFIX],
            str(entry.highlights),
            entry.opened.astimezone().strftime("%Y-%m-%d %H:%M"),
            _flat(entry.article.title or "(no title)"),
            _flat(describe_origin(entry.article.origin)),
        ))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = []
    for row in rows:
        fixed = "  ".join(cell.rjust(width) if column in (0, 2) else cell.ljust(width)
                          for column, (cell, width) in enumerate(zip(row[:4], widths, strict=True)))
        lines.append(f"{fixed}  {row[4]}  {row[5]}")
    if sys.stdout.isatty():
        columns = shutil.get_terminal_size().columns
        lines = [line if len(line) <= columns else line[: columns - 1] + "…" for line in lines]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _flat(text: str) -> str:
    """Outside text on one line, without control characters."""
    return " ".join(clean_text(text).split())
