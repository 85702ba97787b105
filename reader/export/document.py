"""What an export holds, whatever its format: the article and its passages in reading order."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path
from typing import Literal

from reader.errors import ReaderError
from reader.model import Article, Quote, Sentence, sentence_number
from reader.notes import Correction, Highlight, NoteStore, context, corrected, place
from reader.profile import Profile
from reader.resources import is_sample

EntryKind = Literal["highlight", "flagged", "correction", "orphan"]


class ExportError(ReaderError):
    """Nothing to export, or a request that cannot be met; the message is one line for the user."""


@dataclass(frozen=True)
class Entry:
    """One exported passage: a highlight of the reader's, a sentence reader flagged, a sentence the reader corrected
    (and did not highlight), or an orphan."""

    kind: EntryKind
    id: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    note: str | None = None
    label: str | None = None
    number: int | None = None
    """The sentence's number as the app shows it (`reader.model.sentence_number`)."""
    created: datetime | None = None
    updated: datetime | None = None
    speaker: str | None = None
    """Who speaks a quote passage, when the analysis knows (or the reader said, correcting it)."""
    correction: Correction | None = None
    """The reader's correction of the passage's sentence: `label` is then the label they gave it."""
    colour: str | None = None
    """The colour of a highlight (or an orphan), which every format carries as a tag."""

    def corrected(self) -> str | None:
        """What the reader corrected, in words: `corrected: was reported`; None when they corrected nothing."""
        return None if self.correction is None else f"corrected: {self.correction.what_was()}"


@dataclass(frozen=True)
class Export:
    """What every writer writes: the article, its entries in reading order (orphans last), and when."""

    article: Article
    entries: tuple[Entry, ...]
    exported: datetime
    profile: Profile | None = None
    """The article's profile, which the Markdown adds after the passages when asked (`--include profile`)."""


def collect(
    store: NoteStore, sentences: Sequence[Sentence], include: Sequence[str], exported: datetime,
    quotes: Sequence[Quote] = (), profile: Profile | None = None,
) -> Export:
    """The store's highlights (labelled by `sentences`, as the reader corrected them), the sentences of the `include`
    labels, the corrections of sentences neither gives, then the orphans; a quote passage names its speaker as
    `quotes` give it, or as the reader said; `profile` goes with them for the Markdown."""
    text = store.article.text
    speakers = {
        sentence_id: quote.speaker.name or quote.speaker.text
        for quote in quotes if quote.speaker is not None for sentence_id in quote.sentence_ids
    }
    corrections = [correction for correction in store.corrections if not correction.orphan]
    sentences = corrected(sentences, corrections)
    correction_of = {sentence.id: c for sentence in sentences for c in corrections if c.is_on(sentence)}
    highlights = place(store.highlights, sentences)
    entries = [_from_highlight(highlight, "highlight", speakers, correction_of) for highlight in highlights]
    highlighted = {highlight.sentence_id for highlight in highlights}
    for sentence in sentences:
        if sentence.label in include and sentence.id not in highlighted:
            prefix, suffix = context(text, sentence.start, sentence.end)
            correction = correction_of.get(sentence.id)
            entries.append(
                Entry(
                    kind="flagged",
                    id=_flagged_id(store.article, sentence),
                    start=sentence.start,
                    end=sentence.end,
                    exact=text[sentence.start : sentence.end],
                    prefix=prefix,
                    suffix=suffix,
                    label=sentence.label,
                    number=sentence.number,
                    speaker=_speaker(sentence.id, sentence.label, speakers, correction),
                    correction=correction,
                )
            )
    given = {entry.correction.id for entry in entries if entry.correction is not None}
    entries += [_from_correction(correction) for correction in corrections if correction.id not in given]
    entries.sort(key=lambda entry: (entry.start, entry.end))
    entries += [_from_highlight(orphan, "orphan") for orphan in store.orphans]
    return Export(store.article, tuple(entries), exported, profile)


def _speaker(sentence_id: int | None, label: str | None, speakers: dict[int, str],
             correction: Correction | None) -> str | None:
    """Who speaks a quote passage: whom the reader named, correcting it, else whom the analysis found."""
    if correction is not None and correction.speaker is not None:
        return correction.speaker
    return speakers.get(sentence_id) if label == "quote" and sentence_id is not None else None


def _from_correction(correction: Correction) -> Entry:
    return Entry(
        kind="correction",
        id=correction.id,
        start=correction.start,
        end=correction.end,
        exact=correction.exact,
        prefix=correction.prefix,
        suffix=correction.suffix,
        label=correction.label,
        number=correction.number,
        created=correction.created,
        updated=correction.updated,
        speaker=correction.speaker,
        correction=correction,
    )


def _from_highlight(highlight: Highlight, kind: EntryKind, speakers: dict[int, str] | None = None,
                    correction_of: dict[int, Correction] | None = None) -> Entry:
    correction = None
    if correction_of and highlight.sentence_id is not None:
        correction = correction_of.get(highlight.sentence_id)
    speaker = _speaker(highlight.sentence_id, highlight.label, speakers or {}, correction)
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
        number=None if highlight.sentence_id is None else sentence_number(highlight.sentence_id),
        created=highlight.created,
        updated=highlight.updated,
        speaker=speaker,
        correction=correction,
        colour=highlight.colour,
    )


def _flagged_id(article: Article, sentence: Sentence) -> str:
    """A stable id for a flagged sentence: the same article and sentence always get the same one."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{source_iri(article)}#char={sentence.start},{sentence.end}").hex


def title_of(article: Article) -> str:
    """The article's title, else the name of where it came from."""
    if article.title:
        return article.title
    if article.from_stdin:
        return "Untitled article"
    return article.origin if article.from_url else Path(article.origin).name


def source_iri(article: Article) -> str:
    """The article as an IRI: its URL, its file as a file: URI, or text from stdin by its hash (RFC 6920)."""
    if article.from_url:
        return article.origin
    # The sample's path moves with each install: it is known by its text, as an article from stdin is.
    if not article.from_stdin and not is_sample(article.origin):
        return Path(article.origin).expanduser().resolve().as_uri()
    return text_iri(article)


def text_iri(article: Article) -> str:
    """The article's text itself as an IRI: its sha256 as a named-information URI (RFC 6920)."""
    digest = base64.urlsafe_b64encode(sha256(article.text.encode("utf-8")).digest()).rstrip(b"=").decode()
    return f"ni:///sha-256;{digest}"


def origin_shown(article: Article) -> str:
    """Where the article came from, in words that still mean something once the export is moved."""
    if article.from_stdin:
        return "standard input"
    if article.from_url:
        return article.origin
    if is_sample(article.origin):
        return "reader's sample article"
    return str(Path(article.origin).expanduser().resolve())


def iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def readable(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
