"""An article analysed in the order a reader needs it: the paragraphs asked for first, the whole at the end.

Each batch is parsed and labelled on its own, so its labels can be shown at once; what needs the whole
article (a quote that runs over paragraphs, speakers named after entities, figures) comes with
`whole()`, which gives exactly what `analyze()` gives, and takes again every label that the rest of the
article did not change instead of working it out twice.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import TYPE_CHECKING

from reader import nlp
from reader.analysis.opinion import OpinionModel
from reader.model import Analysis, Article, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

BATCH_CHARACTERS = 4_000
"""About two screenfuls of text: what a batch parses at the least, in whole pieces."""


@dataclass(frozen=True)
class Batch:
    """The labelled sentences of one stretch of the article, as known from that stretch alone."""

    start: int
    end: int
    sentences: tuple[Sentence, ...]


class ProgressiveAnalysis:
    """Parses an article batch by batch, nearest the reader first, and labels each batch as it comes."""

    def __init__(self, article: Article, batch_characters: int = BATCH_CHARACTERS,
                 model: OpinionModel = "learned") -> None:
        from reader.analysis import segment

        self.article = article
        self.model = model
        self.batch_characters = batch_characters
        self._pieces = nlp.pieces(article.text)
        self._starts = [0, *accumulate(len(piece) for piece in self._pieces)]
        self._docs: list[Doc | None] = [None] * len(self._pieces)
        self._paragraphs = segment.paragraphs(article.text)
        self._paragraph_starts = [paragraph.start for paragraph in self._paragraphs]
        self._labelled: dict[int, tuple[Sentence, ...]] = {}
        self._memo: dict = {}
        self._parsed = 0

    @property
    def done(self) -> float:
        """The fraction of the text parsed so far."""
        return self._parsed / max(len(self.article.text), 1)

    @property
    def finished(self) -> bool:
        """Whether every piece of the text is parsed (then `whole()` has everything it needs)."""
        return all(doc is not None for doc in self._docs)

    def next_batch(self, near: int = 0) -> Batch:
        """Parse and label the next stretch not yet parsed at or after offset `near` (else the first from the top)."""
        first = self._first_unparsed(near)
        last = first
        size = len(self._pieces[first])
        while last + 1 < len(self._pieces) and self._docs[last + 1] is None and size < self.batch_characters:
            last += 1
            size += len(self._pieces[last])
        docs = list(nlp.pipe(self._pieces[first : last + 1]))
        for number, doc in enumerate(docs, start=first):
            self._docs[number] = doc
        self._parsed += size
        start, end = self._starts[first], self._starts[last + 1]
        from reader.analysis import label_text

        headline = len(self._paragraphs) > 1 if start == 0 else False
        # Up to the end of the stretch, in the article's numbering: the paragraphs before it are white space.
        paragraphs = [replace(paragraph, end=min(paragraph.end, end))
                      for paragraph in self._paragraphs[: bisect_left(self._paragraph_starts, end)]]
        sentences = tuple(label_text(nlp.join(docs, start), paragraphs, headline, self._memo, self.model))
        self._labelled[start] = sentences
        return Batch(start, end, sentences)

    def sentences_so_far(self) -> tuple[Sentence, ...]:
        """Every sentence labelled so far, in the order of the text, numbered in that order."""
        ordered = [sentence for start in sorted(self._labelled) for sentence in self._labelled[start]]
        return tuple(replace(sentence, id=number) for number, sentence in enumerate(ordered))

    def whole(self) -> Analysis:
        """The analysis of the whole article, parsing what is left: the same as `analyze(article)`."""
        from reader.analysis import analyze_doc

        while not self.finished:
            self.next_batch()
        joined = nlp.join([doc for doc in self._docs if doc is not None])
        return analyze_doc(self.article, joined, self._memo, self.model)

    def _first_unparsed(self, near: int) -> int:
        here = max(bisect_right(self._starts, near) - 1, 0)
        order = [*range(here, len(self._pieces)), *range(here)]
        return next(number for number in order if self._docs[number] is None)
