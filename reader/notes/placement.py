"""Which sentence of the analysis each highlight is on, and so which label it carries."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import replace

from reader.model import Sentence
from reader.notes.format import Highlight


def place(highlights: Iterable[Highlight], sentences: Sequence[Sentence]) -> list[Highlight]:
    """The highlights, each with the id and label of the sentence it overlaps most; orphans as they are."""
    ordered = sorted(sentences, key=lambda sentence: sentence.start)
    starts = [sentence.start for sentence in ordered]
    placed = []
    for highlight in highlights:
        sentence = None if highlight.orphan else _most_overlapped(highlight, ordered, starts)
        if sentence is not None:
            highlight = replace(highlight, sentence_id=sentence.id, label=sentence.label)
        placed.append(highlight)
    return placed


def is_on(highlight: Highlight, sentence: Sentence) -> bool:
    """Whether `highlight` is on `sentence`: placed there, or, before placing, mostly inside it."""
    if highlight.orphan:
        return False
    if highlight.sentence_id is not None:
        return highlight.sentence_id == sentence.id
    return 2 * _overlap(highlight, sentence) > highlight.end - highlight.start


def _most_overlapped(highlight: Highlight, ordered: list[Sentence], starts: list[int]) -> Sentence | None:
    index = max(0, bisect.bisect_right(starts, highlight.start) - 1)
    best, best_overlap = None, 0
    for sentence in ordered[index:]:
        if sentence.start >= highlight.end:
            break
        overlap = _overlap(highlight, sentence)
        if overlap > best_overlap:
            best, best_overlap = sentence, overlap
    return best


def _overlap(highlight: Highlight, sentence: Sentence) -> int:
    return min(sentence.end, highlight.end) - max(sentence.start, highlight.start)
