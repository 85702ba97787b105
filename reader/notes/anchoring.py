"""Finding highlights again in a changed text: by their quote and its context, else by a passage much like it."""

from __future__ import annotations

import bisect
import difflib
import os
from dataclasses import replace
from typing import TypeVar

from reader.notes.correction import Correction
from reader.notes.format import Highlight, Notes

Anchored = TypeVar("Anchored", Highlight, Correction)
"""What is anchored in the text by its offsets, its quote and the context around it."""

# Characters of context kept on each side of a highlight, as in a W3C TextQuoteSelector.
CONTEXT = 32
# How alike an edited passage must be to the highlighted one to carry the highlight over.
MIN_SIMILARITY = 0.75
# Shorter pieces of the quote and its context used to find an edited passage.
ANCHOR_LENGTH = 12
# The nearest occurrences of an anchor worth trying; beyond that it is too common to help.
MAX_CANDIDATES = 40


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix kept around the passage `text[start:end]`."""
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def reanchor(notes: Notes, text: str) -> Notes:
    """The same notes, each highlight and correction found again in `text` by its quote, or made an orphan."""
    highlights = {key: reattach(highlight, text) for key, highlight in notes.highlights.items()}
    corrections = {key: reattach(correction, text) for key, correction in notes.corrections.items()}
    return Notes(highlights, dict(notes.removed), notes.opened, corrections)


def reattach(highlight: Anchored, text: str) -> Anchored:
    """The highlight anchored in `text`: where its quote is, else where a passage much like it is."""
    if text[highlight.start : highlight.end] == highlight.exact and highlight.end > highlight.start:
        return replace(highlight, orphan=False)
    span = _find_exact(highlight, text) or _find_similar(highlight, text)
    if span is None:
        return replace(highlight, orphan=True)
    start, end = span
    prefix, suffix = context(text, start, end)
    return replace(
        highlight,
        start=start,
        end=end,
        exact=text[start:end],
        prefix=prefix,
        suffix=suffix,
        orphan=False,
    )


def _find_exact(highlight: Anchored, text: str) -> tuple[int, int] | None:
    """The occurrence of the quote whose context agrees best, then the nearest to its old place."""
    length = len(highlight.exact)
    occurrences = _occurrences(text, highlight.exact, highlight.start)
    if not occurrences:
        return None

    def rank(start: int) -> tuple[int, int]:
        before = _common_suffix(text[max(0, start - CONTEXT) : start], highlight.prefix)
        after = _common_prefix(text[start + length : start + length + CONTEXT], highlight.suffix)
        return (-(before + after), abs(start - highlight.start))

    start = min(occurrences, key=rank)
    return start, start + length


def _find_similar(highlight: Anchored, text: str) -> tuple[int, int] | None:
    """An edited version of the passage, between its context or its own first and last words."""
    exact, length = highlight.exact, len(highlight.exact)
    starts: set[int] = set()
    ends: set[int] = set()
    for prefix in _pieces(highlight.prefix, from_end=True):
        starts.update(i + len(prefix) for i in _occurrences(text, prefix, highlight.start - len(prefix)))
    if not highlight.prefix:
        starts.add(0)
    starts.update(_occurrences(text, exact[:ANCHOR_LENGTH], highlight.start))
    for suffix in _pieces(highlight.suffix, from_end=False):
        ends.update(_occurrences(text, suffix, highlight.end))
    if not highlight.suffix:
        ends.add(len(text))
    tail = exact[-ANCHOR_LENGTH:]
    ends.update(i + len(tail) for i in _occurrences(text, tail, highlight.end - len(tail)))

    ends_in_order = sorted(ends)
    candidates = []
    for start in starts:
        # Only ends that leave a passage of about the old length are worth comparing.
        first = bisect.bisect_left(ends_in_order, start + length // 2)
        last = bisect.bisect_right(ends_in_order, start + 2 * length + ANCHOR_LENGTH)
        candidates += [(abs(start - highlight.start), start, end) for end in ends_in_order[first:last]]
    # Nearest first, so that a candidate which can at best tie the most similar one so far is skipped.
    best, best_ratio = None, MIN_SIMILARITY
    for _, start, end in sorted(candidates):
        matcher = difflib.SequenceMatcher(None, exact, text[start:end], autojunk=False)
        if matcher.quick_ratio() <= best_ratio and best is not None:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio or (best is None and ratio == best_ratio):
            best, best_ratio = (start, end), ratio
    if best is None:
        return None
    start, end = best
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _pieces(around: str, from_end: bool) -> list[str]:
    """The whole context and its part next to the passage, as anchors to look for."""
    if not around.strip():
        return []
    short = around[-ANCHOR_LENGTH:] if from_end else around[:ANCHOR_LENGTH]
    return [around] if short == around else [around, short]


def _occurrences(text: str, piece: str, near: int) -> list[int]:
    """Where `piece` occurs in `text`, the nearest `MAX_CANDIDATES` to `near`."""
    if not piece:
        return []
    found = []
    index = text.find(piece)
    while index != -1:
        found.append(index)
        index = text.find(piece, index + 1)
    if len(found) > MAX_CANDIDATES:
        found = sorted(found, key=lambda i: abs(i - near))[:MAX_CANDIDATES]
    return found


def _common_prefix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a, b]))


def _common_suffix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a[::-1], b[::-1]]))
