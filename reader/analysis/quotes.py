"""Direct speech: spans between quotation marks, their speaker and cue."""

from __future__ import annotations

from reader.model import Quote, Sentence


def find_quotes(doc, sentences: list[Sentence]) -> list[Quote]:
    return []
