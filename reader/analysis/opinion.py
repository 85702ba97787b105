"""How much a sentence reads as the author's own opinion, and the cues behind that."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.model import Cue, Sentence


@dataclass(frozen=True)
class Opinion:
    """`score` in 0..1: at 0.5 and above the sentence reads as opinion."""

    score: float
    cues: list[Cue] = field(default_factory=list)


def assess(doc, sentence: Sentence) -> Opinion:
    return Opinion(0.0)
