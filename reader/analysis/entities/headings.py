"""Title-case sentences (headlines, section headings), where spaCy takes capitalised words for names."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from reader.analysis.entities import kinds
from reader.model import Segment

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"}
_HEADLINE_SHORTEST = 3
_SIGNATURE_LONGEST = 4
_LABEL_LONGEST = 2
_LONGEST_HEADING = 200
_WORD = re.compile(r"[^\W\d_]+")
# A credit's label (Contributing: Deborah Berry), not a headline's (Poll: Sanders Leads Clinton Nationally).
# A title states without a full stop; a line that ends in one (or in a colon that opens what follows) is prose.
_TITLE_LONGEST = 20
_PROSE_ENDS = tuple(".!?:;,…")
_CLOSERS = " )]\"'”’"
_CREDIT = re.compile(r"\(|(?:additional )?(?:contributing|reporting|editing|writing|byline|photos?|credits?)\b", re.I)


def heading_tokens(doc: Doc, sentences: list[Segment]) -> bytearray:
    """Marks the tokens of title-case sentences, where spaCy takes capitalised words for names."""
    marks = bytearray(len(doc))
    per_paragraph = Counter(sentence.paragraph for sentence in sentences)
    for sentence in sentences:
        if not is_heading(sentence.text, alone=per_paragraph[sentence.paragraph] == 1):
            continue
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is not None:
            marks[span.start : span.end] = b"\x01" * len(span)
    return marks


def is_heading(text: str, alone: bool = False) -> bool:
    """Whether a sentence is in title case: a line of its own with every word capitalised but small ones
    (Knack for Deals, Correction Appended), or a longer sentence of capitalised words or small words too."""
    if len(text) > _LONGEST_HEADING:
        return False
    words = _WORD.findall(text)
    if len(words) < 2 or not words[0][0].isupper() or _CREDIT.match(text):
        return False  # a credit (Reporting by Amanda Becker; Contributing: Deborah Berry) is no heading
    label, colon, rest = text.partition(":")
    if colon and len(_WORD.findall(label)) <= _LABEL_LONGEST and len(_WORD.findall(rest)) <= _HEADLINE_SHORTEST:
        return False  # nor a turn of an interview (Q: Does Ted Cruz?)
    capitalised = [word[0].isupper() for word in words]
    content = [upper for word, upper in zip(words, capitalised, strict=True) if word.lower() not in SMALL_WORDS]
    # A short line of a name and a place is a signature (David Groner. / Rhinelander, Wis.), not a heading.
    signature = len(words) <= _SIGNATURE_LONGEST and ("," in text or kinds.given_name(words[0].lower()))
    if alone and all(content) and not signature:
        return True
    if all(capitalised) and len(words) > _HEADLINE_SHORTEST:
        return True
    small_capitalised = any(word.lower() in SMALL_WORDS and word[0].isupper() for word in words[1:])
    return small_capitalised and sum(capitalised) >= 0.8 * len(words)


def is_title(text: str, alone: bool) -> bool:
    """Whether a sentence is a title or heading: a short line of its own (`alone`) with no full stop (Chaos Reigns;
    Budget talks stall in the Senate), or in title case whatever it ends with (Clinton and Sanders Aren't Butting
    Heads — Yet.). It is judged on its words alone: a title attributes nothing, being short and unsourced is its
    form, not the author's voice."""
    words = _WORD.findall(text)
    return alone and 0 < len(words) <= _TITLE_LONGEST and (
        not text.rstrip(_CLOSERS).endswith(_PROSE_ENDS) or is_heading(text, alone))


def alone(span: Span) -> bool:
    """Whether the words are a line of their own: a line break, or a run of space that is a token of its own (the
    space a batch of the progressive analysis starts with), on either side."""
    doc = span.doc
    before = span.start == 0 or doc[span.start - 1].is_space or "\n" in doc[span.start - 1].whitespace_
    after = span.end == len(doc) or doc[span.end].is_space or "\n" in doc[span.end - 1].whitespace_
    return before and after
