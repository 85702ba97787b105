"""Word-wrapping of article text into screen lines that keep their offsets into the text."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from rich.cells import cell_len

_WORD = re.compile(r"[^ \t\n]+")
_RAW_LINE = re.compile(r"[^\n]*")

# Same length in, same length out, so that screen columns and text offsets keep lining up.
_INVISIBLE = str.maketrans({code: " " for code in [*range(0x20), 0x7F]})


class Line(NamedTuple):
    """One screen line: the stretch of text it shows, empty for the blank line between paragraphs."""

    start: int
    end: int


def visible(text: str) -> str:
    """The text as drawn: tabs and any stray control characters become spaces."""
    return text.translate(_INVISIBLE)


def wrap(text: str, width: int) -> list[Line]:
    """Wrap every line of `text` at word boundaries to `width` cells; runs of blank lines become one."""
    width = max(width, 1)
    lines: list[Line] = []
    for raw in _RAW_LINE.finditer(text):
        words = list(_WORD.finditer(text, raw.start(), raw.end()))
        if not words:
            if lines and lines[-1].start != lines[-1].end:
                lines.append(Line(raw.start(), raw.start()))
            continue
        _wrap_words(text, words, width, lines)
    if lines and lines[-1].start == lines[-1].end:
        lines.pop()
    return lines


def _wrap_words(text: str, words: list[re.Match[str]], width: int, lines: list[Line]) -> None:
    start = end = words[0].start()
    used = 0
    for word in words:
        word_start, word_end = word.span()
        gap = word_start - end if used else 0
        size = _cells(word.group())
        if used and used + gap + size > width:
            lines.append(Line(start, end))
            start, used, gap = word_start, 0, 0
        if size > width:
            if used:
                lines.append(Line(start, end))
            start, used = _break_long_word(text, word_start, word_end, width, lines)
            end = word_end
            continue
        if not used:
            start = word_start
        used += gap + size
        end = word_end
    lines.append(Line(start, end))


def _break_long_word(text: str, start: int, end: int, width: int, lines: list[Line]) -> tuple[int, int]:
    """Cut a word wider than the line into full lines; return the start and width of the rest."""
    piece_start, used = start, 0
    for index in range(start, end):
        size = _cells(text[index])
        if used + size > width:
            lines.append(Line(piece_start, index))
            piece_start, used = index, 0
        used += size
    return piece_start, used


def _cells(word: str) -> int:
    return len(word) if word.isascii() else cell_len(word)


def line_at(starts: list[int], offset: int) -> int:
    """The index of the line that shows `offset`, given every line's start."""
    return max(bisect_right(starts, offset) - 1, 0)
