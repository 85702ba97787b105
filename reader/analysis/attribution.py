"""Reported speech without quotation marks: who a sentence's claim is attributed to."""

from __future__ import annotations

from reader.model import Attribution, Quote, Sentence


def attribute(doc, sentences: list[Sentence], quotes: list[Quote]) -> list[Attribution | None]:
    """One attribution (or None) per sentence, aligned with `sentences`."""
    return [None for _ in sentences]
