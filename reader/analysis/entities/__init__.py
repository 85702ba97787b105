"""Who and what an article names: people, organisations, places and groups, each with its kind, aliases and mentions.

One stage, called once by the pipeline (`find`); the JSON's `entities`, the Entities tab and the speakers' names (see
voices.naming) all read its result. Inside it, in order: `names` (the names as the article writes them, from
`entity_spans`, spaCy's entity spans cleaned up, and `headings`, the title-case lines where spaCy takes capitalised
words for names), `aliases` (the names of one entity merged, its kind and every mention; a surname several people
share given mention by mention by `surnames`), with `kinds` (what a name's own words say of its kind) throughout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.analysis.entities import aliases, kinds, names
from reader.model import Entity, Segment

if TYPE_CHECKING:
    from spacy.tokens import Doc


def find(doc: Doc, sentences: list[Segment]) -> list[Entity]:
    """The named people, organisations, places, groups and others of a parsed text cut into `sentences`, aliases
    merged, most mentioned first."""
    named = [name for name in names.collect(doc, sentences) if not kinds.generic(name.tokens)]
    return aliases.merged(named, [sentence.start for sentence in sentences])
