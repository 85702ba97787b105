"""The sentences of an article's batches put together as they come, for the screen to show before the whole."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace

from reader.model import Sentence


class LabelledSoFar:
    """The sentences of the batches labelled so far, in the text's order, numbered as the whole article numbers them.

    A first look's sentences (see `reader.analysis.first_look`) stand in for the analysis's own until a batch
    of those covers their stretch of text, and never take the place of one.
    """

    def __init__(self) -> None:
        self.sentences: tuple[Sentence, ...] = ()
        self._first_look: set[tuple[int, int]] = set()

    def add(self, batch: tuple[Sentence, ...], first_look: bool = False) -> tuple[Sentence, ...]:
        """Put in a batch's sentences; every sentence known so far, renumbered where the batch pushed them on."""
        if first_look:
            batch = tuple(sentence for sentence in batch if not self._overlapped(sentence.start, sentence.end))
        if not batch:
            return self.sentences
        # A batch is a new stretch of text: it goes in whole between the sentences before and after it, in place
        # of the first look's over the same stretch.
        first = bisect_right([sentence.end for sentence in self.sentences], batch[0].start)
        last = bisect_left([sentence.start for sentence in self.sentences], batch[-1].end)
        self._first_look.difference_update((sentence.start, sentence.end) for sentence in self.sentences[first:last])
        if first_look:
            self._first_look.update((sentence.start, sentence.end) for sentence in batch)
        after = (*batch, *self.sentences[last:])
        self.sentences = (*self.sentences[:first],
                          *(replace(sentence, id=number) for number, sentence in enumerate(after, start=first)))
        return self.sentences

    def settle(self) -> None:
        """Take the first look's sentences as they are: the analysis that would have cut them again has failed."""
        self._first_look.clear()

    def is_first_look(self, sentence: Sentence) -> bool:
        """Whether `sentence` is a first look's, which the analysis may yet cut and label otherwise."""
        return (sentence.start, sentence.end) in self._first_look

    @property
    def parsed(self) -> bool:
        """Whether any of the sentences known so far is the analysis's own."""
        return len(self._first_look) < len(self.sentences)

    def _overlapped(self, start: int, end: int) -> bool:
        index = bisect_right([sentence.start for sentence in self.sentences], start) - 1
        return any(0 <= place < len(self.sentences) and self.sentences[place].start < end
                   and self.sentences[place].end > start for place in (index, index + 1))
