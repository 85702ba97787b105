"""How much each sentence reads as the author's own opinion, and the cues behind that: the names of the stage,
whose work is all in signals.py until it is split where it parts."""

from __future__ import annotations

from reader.analysis.opinion.signals import (
    FEATURES,
    MODELS,
    THRESHOLD,
    Frame,
    Opinion,
    OpinionModel,
    OpinionWeights,
    Signal,
    assess,
    feature_values,
    frame,
    relays_others,
    score,
)

__all__ = [
    "FEATURES", "MODELS", "THRESHOLD", "Frame", "Opinion", "OpinionModel", "OpinionWeights", "Signal", "assess",
    "feature_values", "frame", "relays_others", "score",
]
