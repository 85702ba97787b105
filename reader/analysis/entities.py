"""People, organisations, places and groups, with their aliases merged."""

from __future__ import annotations

from reader.model import Entity, Sentence


def find_entities(doc, sentences: list[Sentence]) -> list[Entity]:
    return []
