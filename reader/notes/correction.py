"""A reader's correction of a sentence: the label or speaker they say is right, beside what the analysis said."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from reader.model import LABELS, Label, Sentence


@dataclass(frozen=True)
class Correction:
    """What the reader says a sentence is, anchored as a highlight is, with the analysis's own answer kept."""

    id: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    label: Label
    """The label the reader says the sentence has (the analysis's own when they corrected only the speaker)."""
    speaker: str | None
    """Who the reader says speaks, or None when they left the speaker as the analysis found it."""
    was_label: Label
    was_speaker: str | None
    number: int
    """The sentence's number (from 1) when it was corrected: `reader notes --corrections` lists it without
    analysing the article again."""
    created: datetime
    updated: datetime
    orphan: bool = False

    def __post_init__(self) -> None:
        if self.label not in LABELS or self.was_label not in LABELS:
            raise ValueError(f"correction {self.id} has a label that is not one of {', '.join(LABELS)}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"correction {self.id} has bad offsets {self.start}..{self.end}")

    @property
    def relabelled(self) -> bool:
        """Whether the reader gave the sentence another label (not only another speaker)."""
        return self.label != self.was_label

    def is_on(self, sentence: Sentence) -> bool:
        """Whether the correction is on `sentence`: most of its passage lies inside it."""
        overlap = min(sentence.end, self.end) - max(sentence.start, self.start)
        return not self.orphan and 2 * overlap > self.end - self.start

    def what_was(self) -> str:
        """What the analysis said, in words: `was reported`, `was reported, said by the council`."""
        parts = []
        if self.relabelled:
            parts.append(f"was {self.was_label}")
        if self.speaker is not None:
            parts.append(f"speaker was {self.was_speaker or 'not named'}")
        return "; ".join(parts)


def corrected(sentences: Sequence[Sentence], corrections: Iterable[Correction]) -> list[Sentence]:
    """The sentences with the labels the reader gave them; the others as the analysis labelled them."""
    ordered = sorted((c for c in corrections if not c.orphan), key=lambda c: c.start)
    result = list(sentences)
    for index, sentence in enumerate(result):
        correction = next((c for c in ordered if c.is_on(sentence)), None)
        if correction is not None and correction.label != sentence.label:
            result[index] = replace(sentence, label=correction.label)
    return result
