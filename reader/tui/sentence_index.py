"""The analysis sentences looked up by offset and by label, as the article view moves and draws."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from reader.model import Sentence


class SentenceIndex:
    """The sentences of an analysis in reading order; a sentence's id is its index here."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = sentences
        self._starts = [sentence.start for sentence in sentences]
        self._labelled: dict[frozenset[str], list[int]] = {}

    def __len__(self) -> int:
        return len(self.sentences)

    def __getitem__(self, index: int) -> Sentence:
        return self.sentences[index]

    def containing(self, offset: int) -> Sentence | None:
        """The sentence that holds `offset`, if any (text between sentences belongs to none)."""
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return None

    def at(self, offset: int) -> int | None:
        """The index of the sentence holding `offset`, or of the next one when it falls between two."""
        if not self.sentences:
            return None
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return 0
        if offset >= self.sentences[index].end and index + 1 < len(self.sentences):
            return index + 1
        return index

    def first_from(self, offset: int) -> int | None:
        """The index of the first sentence that starts at or after `offset` (or the last sentence)."""
        if not self.sentences:
            return None
        return min(bisect_left(self._starts, offset), len(self.sentences) - 1)

    def overlapping(self, start: int, end: int) -> list[Sentence]:
        """The sentences that share some of the text between `start` and `end`."""
        if start == end:
            return []
        index = max(bisect_right(self._starts, start) - 1, 0)
        found = []
        while index < len(self.sentences) and self.sentences[index].start < end:
            if self.sentences[index].end > start:
                found.append(self.sentences[index])
            index += 1
        return found

    def labelled(self, labels: frozenset[str]) -> list[int]:
        """The ids of the sentences with one of `labels`, in reading order."""
        ids = self._labelled.get(labels)
        if ids is None:
            ids = self._labelled[labels] = [sentence.id for sentence in self.sentences if sentence.label in labels]
        return ids


def nearest(ids: Sequence[int], here: int, forward: bool) -> int | None:
    """The first of the sorted `ids` after `here` (or the last before it), if there is one."""
    if forward:
        index = bisect_right(ids, here)
        return ids[index] if index < len(ids) else None
    index = bisect_left(ids, here) - 1
    return ids[index] if index >= 0 else None
