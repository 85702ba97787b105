"""A sentence's signals made a score: the weights of the two models, and each cue's push on the score."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from reader.analysis import lexicon
from reader.analysis.opinion.signals import FEATURES, Signal
from reader.frozen_mapping import FrozenMapping
from reader.model import Cue

THRESHOLD = 0.5

# Which cue kind a feature shows as: both kinds of modal verbs are "modal" to the reader.
KINDS = {"speculation": "modal", "prescription": "modal", "predicate": "evaluative", "judging_noun": "evaluative"}

OpinionModel = Literal["learned", "rules"]
MODELS: tuple[OpinionModel, ...] = ("learned", "rules")


@dataclass(frozen=True)
class Frame:
    """The author's own words around someone's reported words: their text and the signals among them."""

    text: str
    signals: tuple[Signal, ...]


@dataclass(frozen=True)
class Opinion:
    """How much a sentence reads as the author's opinion (`score` in 0..1: opinion from 0.5), and why."""

    score: float
    signals: tuple[Signal, ...]
    """The signals that fired outside someone else's quoted words, in the order of the text."""
    pushes: tuple[float, ...]
    """Each signal's push on the log-odds, aligned with `signals`: positive towards opinion."""
    attributed: bool
    """Whether the sentence relays someone else's words: then its opinion is theirs, not the author's."""
    model: float = 0.0
    """The sentence model's push on the log-odds, 0 when it did not read the sentence."""
    frame: Frame | None = None
    """For a sentence that relays someone, the author's own words around the report."""

    def cues(self) -> Iterator[tuple[Cue, float]]:
        """Each signal that moved the score, as the cue a reader is shown, with its push."""
        for signal, push in zip(self.signals, self.pushes, strict=True):
            if push:
                yield replace(signal.cue, kind=KINDS.get(signal.feature, signal.feature)), push


@dataclass(frozen=True)
class OpinionWeights:
    """A fitted logistic model: a bias, one weight per feature, and one for the sentence model's log-odds."""

    bias: float
    features: FrozenMapping[str, float]
    model: float = 0.0


def score(found: Iterable[Signal], attributed: bool = False, weights: OpinionWeights | None = None,
          log_odds: float = 0.0, frame: Frame | None = None) -> Opinion:
    """Combine signals (and the sentence model's log-odds, with weights that take them) into an Opinion."""
    weights = weights or rules_weights()
    found = tuple(found)
    pushes = tuple(weights.features.get(signal.feature, 0.0) * value for signal, value in _diminished(found))
    model = weights.model * log_odds
    return Opinion(round(_logistic(weights.bias + model + sum(pushes)), 3), found, pushes, attributed, model, frame)


def _logistic(total: float) -> float:
    # Through tanh: no overflow however far the total runs.
    return 0.5 * (1 + math.tanh(total / 2))


def feature_values(found: Iterable[Signal]) -> dict[str, float]:
    """The feature values the model reads from a sentence's signals."""
    values = dict.fromkeys(FEATURES, 0.0)
    for signal, value in _diminished(found):
        values[signal.feature] += value
    return values


def _diminished(found: Iterable[Signal]) -> Iterable[tuple[Signal, float]]:
    """Each signal with its share of its feature: the n-th signal of a feature counts 1/n."""
    counts: dict[str, int] = {}
    for signal in found:
        counts[signal.feature] = counts.get(signal.feature, 0) + 1
        yield signal, signal.value / counts[signal.feature]


@functools.cache
def rules_weights() -> OpinionWeights:
    """The weights of `--model rules` (opinion_weights.txt): the features alone, no sentence model."""
    weights = lexicon.weights("opinion_weights.txt", "reader.analysis.opinion")
    return OpinionWeights(weights.pop("bias"), FrozenMapping(weights))


@functools.cache
def stacked_weights() -> OpinionWeights:
    """The weights of `--model learned` (opinion_model/stack.txt): the sentence model's log-odds and the features."""
    from reader.analysis.opinion import opinion_model

    stack = opinion_model.stack()
    if set(stack.weights) != set(FEATURES):
        raise ValueError(
            "the opinion model's stack and the features disagree: refit it (training/opinion.py --stack-only)"
        )
    return OpinionWeights(stack.bias, stack.weights, stack.model)
