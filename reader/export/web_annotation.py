"""W3C Web Annotation JSON: an AnnotationCollection whose first page holds one annotation per passage."""

from __future__ import annotations

import json
import uuid

from reader.export.document import Entry, Export, iso, source_iri, title_of
from reader.model import Article

WEB_ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def web_annotation(export: Export) -> str:
    """The article's annotations as one AnnotationCollection, its single page embedded (no page when empty)."""
    article = export.article
    source = source_iri(article)
    positions = _positions_fit(article)
    items = [_annotation(entry, source, positions) for entry in export.entries]
    collection: dict = {
        "@context": WEB_ANNOTATION_CONTEXT,
        "id": _urn(f"{source}#reader-notes"),
        "type": "AnnotationCollection",
        "label": title_of(article),
        "total": len(items),
    }
    if items:
        collection["first"] = {
            "id": _urn(f"{source}#reader-notes-page-1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        }
    return json.dumps(collection, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _annotation(entry: Entry, source: str, positions: bool) -> dict:
    annotation: dict = {"id": uuid.UUID(hex=entry.id).urn, "type": "Annotation"}
    if entry.kind == "flagged":
        # Not the reader's highlight: reader's own classification of the sentence.
        annotation["motivation"] = "classifying"
        annotation["creator"] = {"type": "Software", "name": "reader"}
    elif entry.kind == "correction":
        annotation["motivation"] = "editing"
    else:
        annotation["motivation"] = "commenting" if entry.note else "highlighting"
    if entry.created is not None:
        annotation["created"] = iso(entry.created)
    if entry.updated is not None:
        annotation["modified"] = iso(entry.updated)
    body = []
    if entry.note:
        # The note dialog keeps what the reader typed, and the Markdown export writes it as Markdown: it is theirs.
        body.append({"type": "TextualBody", "purpose": "commenting", "value": entry.note, "format": "text/markdown"})
    if entry.label:
        body.append({"type": "TextualBody", "purpose": "tagging", "value": entry.label})
    if entry.colour is not None:
        body.append({"type": "TextualBody", "purpose": "tagging", "value": entry.colour})
    if entry.correction is not None:
        # The reader's edit of reader's own classification: what it should say, and what it said.
        correction = entry.correction
        edit = {"type": "TextualBody", "purpose": "editing", "format": "text/plain",
                "value": f"label: {correction.label}" + (f"; speaker: {correction.speaker}" if correction.speaker
                                                         else "") + f" ({correction.what_was()})"}
        body.append(edit)
    if body:
        annotation["body"] = body
    selectors: list[dict] = [
        {"type": "TextQuoteSelector", "exact": entry.exact, "prefix": entry.prefix, "suffix": entry.suffix}
    ]
    # An orphan's offsets point into an earlier text: only its quote still describes it.
    if positions and entry.kind != "orphan":
        selectors.append({"type": "TextPositionSelector", "start": entry.start, "end": entry.end})
    annotation["target"] = {"source": source, "selector": selectors}
    return annotation


def _positions_fit(article: Article) -> bool:
    """Whether offsets into reader's text count in the source too: not for a page, whose text reader extracted.

    Standard input is named by the hash of reader's text itself, and a plain-text file is that text.
    """
    if article.from_stdin:
        return True
    return not article.from_url and not article.from_page


def _urn(name: str) -> str:
    """A lasting urn:uuid for something of the article's, named by `name`."""
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn
