"""The figures a reader checks: money, percentages, counts, dates and quantities, normalised.

One stage, called once by the pipeline (`find`); the JSON's `figures`, the Figures tab, the report and the profile
read its result. Inside it: `phrases` (where each figure lies and what it says: its kind, value and unit), with
`amounts` (the number a figure's words say) and `dates` (dates resolved against the article's own); then here, the
hedge written just before a figure, its sentence, and whether it is approximate or unsourced.

A figure whose words give no exact number is `approximate`: a vague amount (`several million dollars`), a range
(`between 5 and 10`) or a hedged one (`about 1,200`, `more than $1 million`, the hedge read just before a currency
sign too). An amount, share, count or quantity in a sentence that says nowhere where it comes from is unsourced.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection
from typing import TYPE_CHECKING

from reader import nlp
from reader.analysis.figures import amounts, phrases
from reader.analysis.figures.amounts import HEDGE_BEFORE
from reader.analysis.figures.dates import reference_date
from reader.model import Figure, Segment

if TYPE_CHECKING:
    from spacy.tokens import Doc

_LONGEST_HEDGE = 20


def find(doc: Doc, sentences: list[Segment], reference: str | None, sourced: Collection[int]) -> list[Figure]:
    """Every figure of the article in reading order.

    `reference` (ISO date, the article's) resolves relative dates; `sourced` are the ids of the sentences
    that say where their claims come from.
    """
    text = nlp.text_of(doc)
    starts = [sentence.start for sentence in sentences]
    figures: list[Figure] = []
    for start, end, kind, value, unit in phrases.measured(doc, reference_date(reference)):
        if kind in ("money", "percent", "count"):  # over the next two years is no estimate
            start = _hedge_before(text, start, figures[-1].end if figures else 0)
        sentence_id = max(bisect_right(starts, start) - 1, 0)
        # A date is when something happened, not a claim that needs a source, nor an estimate.
        unsourced = kind != "date" and sentence_id not in sourced
        # A count with no value is a vague one or a range (dozens, 80-200).
        approximate = kind != "date" and (amounts.approximate(text[start:end]) or (kind == "count" and value is None))
        figures.append(Figure(text[start:end], kind, value, unit, start, end, sentence_id, unsourced, approximate))
    return figures


def _hedge_before(text: str, start: int, earliest: int) -> int:
    """Where a figure starts with the hedge written just before it (about $20 billion, more than 5%), which the
    currency sign or spaCy left out; never before `earliest`, the end of the figure before."""
    hedge = HEDGE_BEFORE.search(text, max(start - _LONGEST_HEDGE, earliest), start)
    return hedge.start() if hedge is not None else start
