"""Where each link of a page lies in the article text: found by the words that carry it and the words before them.

A link's own words are not enough: "the" or "and" is found a paragraph too early, and the link underlined
and opened from a sentence that has none (and missing from its own). The words before it in its block say
which occurrence it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reader.model import Link
from reader.origin import is_link

CONTEXT = 40
"""Characters of the text before a link that pin down where it is (cut back to a word's start)."""

_INLINE = frozenset({"ref", "hi", "del"})
"""trafilatura's elements inside a line of text; every other one starts and ends a block."""

_SPACE = re.compile(r"\s+")

MAX_TRIES = 1000
"""Occurrences of a link's words looked at for the words before them; past that (a text changed since), the first."""


@dataclass(frozen=True)
class _Ref:
    before: str
    """The text just before the link's words, as the extraction has it (blocks apart by a line break)."""
    words: str
    url: str


def links_of(body: Any, text: str) -> list[Link]:
    """The links (`<ref target>`) of trafilatura's `body` found again in `text`, in reading order; one whose words are
    not there, or that leads nowhere a browser opens, is left out."""
    found: list[Link] = []
    position = 0
    for ref in _refs(body):
        if not ref.words or not is_link(ref.url):
            continue
        span = _find(text, ref, position)
        if span is None:
            continue
        position = span[1]
        found.append(Link(span[0], span[1], ref.url))
    return found


def _refs(body: Any) -> Iterator[_Ref]:
    """Each `<ref>` of `body` with the text before it, as the body reads from its start."""
    from lxml import etree

    pieces: list[str] = []
    opened: dict[Any, int] = {}
    """The piece each open `<ref>` starts at."""
    for event, element in etree.iterwalk(body, events=("start", "end")):
        if not isinstance(element.tag, str):  # a comment or a processing instruction
            continue
        if element.tag not in _INLINE:
            pieces.append("\n")
        if event == "start":
            opened[element] = len(pieces)
            pieces.append(element.text or "")
            continue
        if element.tag == "ref":
            start = opened.pop(element)
            raw = "".join(pieces[start:])
            lead = raw[: len(raw) - len(raw.lstrip())]
            yield _Ref(_tail(pieces, start) + lead, raw.strip(), (element.get("target") or "").strip())
        pieces.append(element.tail or "")


def _tail(pieces: list[str], end: int) -> str:
    """The last `CONTEXT` characters or so of `pieces[:end]` joined, from a word's start: part of a word may not
    match."""
    tail = ""
    for index in range(end - 1, -1, -1):
        tail = pieces[index] + tail
        if len(tail) > CONTEXT:
            return re.sub(r"^\S*", "", tail[-CONTEXT:])
    return tail


def _find(text: str, ref: _Ref, position: int) -> tuple[int, int] | None:
    """Where `ref`'s words are in `text` from `position`: the first occurrence after the words before them (which
    may lie before `position`, in the last link's words), else the first occurrence."""
    words = " ".join(ref.words.split())
    first = text.find(words, position)
    if first < 0:
        return None
    before = _one_space(ref.before)
    candidate, tries = first, 0
    while before.strip() and candidate >= 0 and tries < MAX_TRIES:
        # A blank line in the text may stand for a line break of the extraction: twice the characters are enough.
        if _one_space(text[max(candidate - 2 * len(before), 0) : candidate]).endswith(before):
            return candidate, candidate + len(words)
        candidate, tries = text.find(words, candidate + 1), tries + 1
    return first, first + len(words)


def _one_space(text: str) -> str:
    """`text` with each run of white space one space: the extraction and the article break lines differently."""
    return _SPACE.sub(" ", text)
