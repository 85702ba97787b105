"""Paragraphs (blank-line separated) and sentences, with offsets into the article text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.model import Paragraph, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

_PARAGRAPH = re.compile(r"\S(?:.*?\S)??(?=\n[ \t\r\f\v]*\n|\s*\Z)", re.DOTALL)


def paragraphs(text: str) -> list[Paragraph]:
    """The blank-line separated paragraphs, without their surrounding white space."""
    return [Paragraph(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


def sentences(doc: Doc, paragraphs: list[Paragraph]) -> list[Sentence]:
    """The sentences of each paragraph, in order, trimmed of white space; unlabelled."""
    text = doc.text
    found: list[Sentence] = []
    index = 0
    for sent in doc.sents:
        start, end = _trim(text, sent.start_char, sent.end_char)
        if start == end:
            continue
        while paragraphs[index].end <= start:
            index += 1
        found.append(Sentence(len(found), start, end, text[start:end], index))
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
