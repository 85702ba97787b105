"""Two reports of one story side by side: the claims both make, who each lets speak, what each names, where their
figures differ.

Worked out from two finished analyses alone. A claim of A and one of B are aligned when they report the same thing:
their words weighed by TF-IDF (over the sentences of both articles) are close by cosine, and the names and figures
they share count on top; each sentence is aligned once at most, best pairs first. No library beyond the standard
one: scikit-learn is a training tool here, not a dependency.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.model import Analysis, Figure, Sentence
from reader.profile import Profile, profile

SCHEMA = "reader.compare/1"

THRESHOLD = 0.3
"""The least score of an aligned pair (benchmarks/alignment.py measures precision and recall around it)."""

WORDS_WEIGHT, NAMES_WEIGHT, FIGURES_WEIGHT = 0.7, 0.2, 0.1
"""How a pair's score is made: the cosine of its words, the share of names they have in common, the share of
figures of equal value; the three add up to 1, so the score runs from 0 to 1."""

STOP_WORDS = frozenset("""
a an the and or but if of to in on at by for with from as into about over after before than that this these those
it its is are was were be been being has have had do does did not no so such he she they them his her their him we
us our you your i me my who whom which what when where why how all any both each more most other some there here
said says say told according also just very would will could should may might can must up out then
""".split())
"""Words that say little of what a sentence is about ("said" is in every report)."""

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Pair:
    """A claim of A and a claim of B that report the same thing, and how sure the alignment is (0 to 1)."""

    a: Sentence
    b: Sentence
    score: float


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


def align(a: Analysis, b: Analysis, threshold: float = THRESHOLD) -> tuple[Pair, ...]:
    """The claims of A and B that report the same thing, each sentence once at most, in A's order."""
    words_a = [_words(sentence.text) for sentence in a.sentences]
    words_b = [_words(sentence.text) for sentence in b.sentences]
    weigh = _idf(words_a + words_b)
    vectors_a = [_vector(words, weigh) for words in words_a]
    vectors_b = [_vector(words, weigh) for words in words_b]
    names_a, names_b = _names_by_sentence(a), _names_by_sentence(b)
    figures_a, figures_b = _figures_by_sentence(a), _figures_by_sentence(b)
    scored = []
    for sentence_a, vector_a in zip(a.sentences, vectors_a, strict=True):
        for sentence_b, vector_b in zip(b.sentences, vectors_b, strict=True):
            words = _cosine(vector_a, vector_b)
            if words == 0:
                continue
            score = (WORDS_WEIGHT * words
                     + NAMES_WEIGHT * _overlap(names_a.get(sentence_a.id, set()), names_b.get(sentence_b.id, set()))
                     + FIGURES_WEIGHT * _overlap(figures_a.get(sentence_a.id, set()),
                                                 figures_b.get(sentence_b.id, set())))
            if score >= threshold:
                scored.append(Pair(sentence_a, sentence_b, score))
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    pairs = []
    for pair in sorted(scored, key=lambda pair: (-pair.score, pair.a.id, pair.b.id)):
        if pair.a.id not in taken_a and pair.b.id not in taken_b:
            pairs.append(pair)
            taken_a.add(pair.a.id)
            taken_b.add(pair.b.id)
    return tuple(sorted(pairs, key=lambda pair: pair.a.id))


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
    return keyed


def _key(name: str) -> str:
    words = " ".join(name.replace("’", "'").casefold().split())
    words = re.sub(r"'s$", "", words)
    return words[4:] if words.startswith("the ") else words


def _matches(key: str, others: dict[str, str]) -> bool:
    if key in others:
        return True
    # A lone last name stands for the full name ending with it.
    return any(len(key.split()) != len(other.split()) and (key.split()[-1] == other.split()[-1])
               and (len(key.split()) == 1 or len(other.split()) == 1) for other in others)


def _words(text: str) -> list[str]:
    """A sentence's words that carry its meaning, case-folded, a plural's s and a possessive dropped."""
    words = []
    for word in _WORD.findall(text.replace("’", "'").casefold()):
        word = re.sub(r"'s$", "", word)
        if word in STOP_WORDS or len(word) < 2 and not word.isdigit():
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return words


def _idf(documents: Sequence[list[str]]) -> dict[str, float]:
    """Each word's inverse document frequency over the sentences of both articles (smoothed, as scikit-learn's)."""
    seen = Counter(word for words in documents for word in set(words))
    total = len(documents)
    return {word: math.log((1 + total) / (1 + count)) + 1 for word, count in seen.items()}


def _vector(words: list[str], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(words)
    vector = {word: count * idf[word] for word, count in counts.items()}
    norm = math.sqrt(sum(value * value for value in vector.values()))
    return {word: value / norm for word, value in vector.items()} if norm else {}


def _cosine(one: dict[str, float], other: dict[str, float]) -> float:
    if len(one) > len(other):
        one, other = other, one
    return sum(value * other.get(word, 0.0) for word, value in one.items())


def _overlap(one: set[str], other: set[str]) -> float:
    """The share of the smaller set that the other has too."""
    if not one or not other:
        return 0.0
    return len(one & other) / min(len(one), len(other))


def _names_by_sentence(analysis: Analysis) -> dict[int, set[str]]:
    """The last word of each entity named in each sentence: "Biden" in both "Joe Biden" and "Biden's"."""
    found: dict[int, set[str]] = {}
    for entity in analysis.entities:
        key = _key(entity.name).split()[-1] if _key(entity.name) else ""
        for mention in entity.mentions:
            found.setdefault(mention.sentence_id, set()).add(key)
    return found


def _figures_by_sentence(analysis: Analysis) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for figure in analysis.figures:
        if figure.normalised:
            found.setdefault(figure.sentence_id, set()).add(figure.normalised)
    return found


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
