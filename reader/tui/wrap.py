"""Word-wrapping of article text into screen lines that keep their offsets into the text, with room for the
marks drawn before some offsets, kept from the first frame wherever a sentence may start."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from rich.cells import cell_len

_WORD = re.compile(r"[^ \t\n]+")
_RAW_LINE = re.compile(r"[^\n]*")

# Where a sentence may start: a line's first word, and a word after . ! ? … (with what closes after them) that
# is not in lower case. Wider than where the analysis cuts (a title's full stop counts too): it is only room.
_MAY_START = re.compile(r"(?:^[ \t]*|[.!?…][\"'”’)\]]*\s+)(?=[^\sa-z])", re.MULTILINE)

# Same length in, same length out, so that screen columns and text offsets keep lining up.
_INVISIBLE = str.maketrans({code: " " for code in [*range(0x20), 0x7F]})


class Line(NamedTuple):
    """One screen line: the stretch of text it shows, empty for the blank line between paragraphs."""

    start: int
    end: int


def visible(text: str) -> str:
    """The text as drawn: tabs and any stray control characters become spaces."""
    return text.translate(_INVISIBLE)


def sentence_starts(text: str) -> frozenset[int]:
    """The offsets where a sentence may start: room kept there for a sentence's mark means that labels coming in
    move no line (the analysis starts 99% of its quote and opinion sentences there, on PolNeAR train)."""
    return frozenset(match.end() for match in _MAY_START.finditer(text))


def wrap(text: str, width: int, marks: Mapping[int, int] | None = None) -> list[Line]:
    """Wrap every line of `text` at word boundaries to `width` cells; runs of blank lines become one.

    `marks` gives the cells kept for a mark before some offsets: its word takes that much more room.
    """
    width = max(width, 1)
    offsets = sorted(marks) if marks else []
    lines: list[Line] = []
    for raw in _RAW_LINE.finditer(text):
        words = list(_WORD.finditer(text, raw.start(), raw.end()))
        if not words:
            if lines and lines[-1].start != lines[-1].end:
                lines.append(Line(raw.start(), raw.start()))
            continue
        _wrap_words(text, words, width, _marks_within(offsets, marks, raw.start(), raw.end()), lines)
    if lines and lines[-1].start == lines[-1].end:
        lines.pop()
    return lines


def rewrap(lines: list[Line], text: str, width: int, marks: Mapping[int, int], changed: Iterable[int]) -> list[Line]:
    """`lines` (a wrap of `text` to `width`) with the paragraphs that hold the offsets `changed` wrapped again."""
    width = max(width, 1)
    offsets = sorted(marks)
    paragraphs = sorted({_paragraph_of(text, offset) for offset in changed if 0 <= offset < len(text)})
    starts = [line.start for line in lines]
    result: list[Line] = []
    kept = 0
    for start, end in paragraphs:
        first, after = bisect_left(starts, start, kept), bisect_left(starts, end, kept)
        result.extend(lines[kept:first])
        words = list(_WORD.finditer(text, start, end))
        if words:
            _wrap_words(text, words, width, _marks_within(offsets, marks, start, end), result)
        kept = max(after, first)
    result.extend(lines[kept:])
    return result


def _paragraph_of(text: str, offset: int) -> tuple[int, int]:
    """The line of `text` (between line ends) that holds `offset`."""
    end = text.find("\n", offset)
    return text.rfind("\n", 0, offset) + 1, len(text) if end < 0 else end


def _marks_within(offsets: list[int], marks: Mapping[int, int] | None, start: int, end: int) -> list[tuple[int, int]]:
    """The marks between `start` and `end`, in order, as (offset, cells)."""
    if not offsets or marks is None:
        return []
    return [(offset, marks[offset]) for offset in offsets[bisect_left(offsets, start) : bisect_left(offsets, end)]]


def _wrap_words(
    text: str, words: list[re.Match[str]], width: int, marks: list[tuple[int, int]], lines: list[Line]
) -> None:
    start = end = words[0].start()
    used = 0
    next_mark = 0
    for word in words:
        word_start, word_end = word.span()
        gap = word_start - end if used else 0
        size = _cells(word.group())
        # A mark goes with the word it stands before (or inside), never alone at the end of a line.
        while next_mark < len(marks) and marks[next_mark][0] < word_end:
            size += marks[next_mark][1]
            next_mark += 1
        if used and used + gap + size > width:
            lines.append(Line(start, end))
            start, used, gap = word_start, 0, 0
        if size > width:
            if used:
                lines.append(Line(start, end))
            start, used = _break_long_word(text, word_start, word_end, width, lines, size - _cells(word.group()))
            end = word_end
            continue
        if not used:
            start = word_start
        used += gap + size
        end = word_end
    lines.append(Line(start, end))


def _break_long_word(
    text: str, start: int, end: int, width: int, lines: list[Line], mark: int = 0
) -> tuple[int, int]:
    """Cut a word wider than the line (after a mark of `mark` cells) into full lines; return the start and width
    of the rest."""
    piece_start, used = start, min(mark, width - 1)
    for index in range(start, end):
        size = _cells(text[index])
        if used + size > width and index > piece_start:
            lines.append(Line(piece_start, index))
            piece_start, used = index, 0
        used += size
    return piece_start, used


def _cells(word: str) -> int:
    return len(word) if word.isascii() else cell_len(word)


def line_at(starts: list[int], offset: int) -> int:
    """The index of the line that shows `offset`, given every line's start."""
    return max(bisect_right(starts, offset) - 1, 0)
