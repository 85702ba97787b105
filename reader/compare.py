"""Two reports of one story side by side: the claims both make, who each lets speak, what each names, where their
figures differ.

Worked out from two finished analyses alone; reader/alignment.py pairs the claims both make.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.alignment import THRESHOLD, Pair, align
from reader.model import Analysis, Figure
from reader.profile import Profile, profile

SCHEMA = "reader.compare/1"


@dataclass(frozen=True)
class Split:
    """Names as the two articles share them: in both, only in A, only in B (each in its article's words)."""

    both: tuple[str, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]

    def to_json(self) -> dict:
        return {"both": list(self.both), "only_a": list(self.only_a), "only_b": list(self.only_b)}


@dataclass(frozen=True)
class FigureDifference:
    """Aligned claims that give one thing different figures."""

    about: str
    a: Figure
    b: Figure
    pair: Pair


@dataclass(frozen=True)
class Comparison:
    """Everything `reader compare` says of two articles."""

    a: Profile
    b: Profile
    pairs: tuple[Pair, ...]
    voices: Split
    entities: Split
    figures_differ: tuple[FigureDifference, ...]

    def to_json(self) -> dict:
        """The `reader.compare/1` document (reader/compare.schema.json; docs/REFERENCE.md#the-comparison)."""
        return {
            "schema": SCHEMA,
            "a": self.a.to_json(),
            "b": self.b.to_json(),
            "pairs": [{"a": pair.a.id, "b": pair.b.id, "score": round(pair.score, 4)} for pair in self.pairs],
            "voices": self.voices.to_json(),
            "entities": self.entities.to_json(),
            "figures_differ": [{"about": found.about, "a": found.a.text, "b": found.b.text, "kind": found.a.kind,
                                "a_sentence": found.pair.a.id, "b_sentence": found.pair.b.id}
                               for found in self.figures_differ],
        }


def compare(a: Analysis, b: Analysis, threshold: float = THRESHOLD) -> Comparison:
    """The comparison of two analyses; pairs below `threshold` are left out."""
    pairs = align(a, b, threshold)
    return Comparison(
        profile(a), profile(b), pairs,
        split((voice.name for voice in a.voices if voice.name), (voice.name for voice in b.voices if voice.name)),
        split((entity.name for entity in a.entities), (entity.name for entity in b.entities)),
        tuple(_figures_differ(a, b, pairs)),
    )


def split(names_a: Iterable[str], names_b: Iterable[str]) -> Split:
    """Which names both articles use, and which one alone, matched as a reader would ("Joe Biden" is "Biden")."""
    a, b = _keyed(names_a), _keyed(names_b)
    both = [name for key, name in a.items() if _matches(key, b)]
    only_a = [name for key, name in a.items() if not _matches(key, b)]
    only_b = [name for key, name in b.items() if not _matches(key, a)]
    return Split(tuple(both), tuple(only_a), tuple(only_b))


def same_name(one: str, other: str) -> bool:
    """Whether two names stand for one entity: equal once case and a leading "the" are gone, or one is the other's
    last name ("Biden" and "Joe Biden")."""
    return _matches(_key(one), {_key(other): other})


def _keyed(names: Iterable[str]) -> dict[str, str]:
    keyed: dict[str, str] = {}
    for name in names:
        keyed.setdefault(_key(name), name)
    # A lone last name beside the full name in one article is that name again ("Kasich" and "John Kasich").
    return {key: name for key, name in keyed.items()
            if len(key.split()) > 1 or not _matches(key, {other: name for other in keyed if other != key})}


def _key(name: str) -> str:
    words = " ".join(name.replace("’", "'").casefold().split())
    words = re.sub(r"'s$", "", words)
    words = words[4:] if words.startswith("the ") else words
    # A middle initial is left out by one outlet and kept by another: "Donald J. Trump" is "Donald Trump".
    return re.sub(r"(?<=\S) [a-z]\.(?= \S)", "", words)


def _matches(key: str, others: dict[str, str]) -> bool:
    if key in others:
        return True
    # A lone last name stands for the full name ending with it.
    return any(len(key.split()) != len(other.split()) and (key.split()[-1] == other.split()[-1])
               and (len(key.split()) == 1 or len(other.split()) == 1) for other in others)


def _figures_differ(a: Analysis, b: Analysis, pairs: Sequence[Pair]) -> Iterable[FigureDifference]:
    """In each aligned pair, the figures of one kind that the two give different values (a count of 10 against one
    of 12), about the names the two sentences share."""
    figures_a = _figures_of(a)
    figures_b = _figures_of(b)
    names_a, names_b = _entity_names(a), _entity_names(b)
    for pair in pairs:
        for figure_a in figures_a.get(pair.a.id, []):
            same_kind = [figure for figure in figures_b.get(pair.b.id, []) if figure.kind == figure_a.kind]
            if not same_kind or any(figure.normalised == figure_a.normalised for figure in same_kind):
                continue
            shared = [name for name in names_a.get(pair.a.id, [])
                      if any(same_name(name, other) for other in names_b.get(pair.b.id, []))]
            about = ", ".join(shared) if shared else f"the {figure_a.kind}"
            yield FigureDifference(about, figure_a, same_kind[0], pair)


def _figures_of(analysis: Analysis) -> dict[int, list[Figure]]:
    found: dict[int, list[Figure]] = {}
    for figure in analysis.figures:
        if figure.normalised and figure.kind != "date":
            found.setdefault(figure.sentence_id, []).append(figure)
    return found


def _entity_names(analysis: Analysis) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for entity in analysis.entities:
        for sentence_id in dict.fromkeys(mention.sentence_id for mention in entity.mentions):
            found.setdefault(sentence_id, []).append(entity.name)
    return found
