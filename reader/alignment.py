"""Which claims of two reports of one story say the same thing: the aligner of `reader compare`.

Two reports of one event name the same people in nearly every sentence, so shared names say little about which
sentences match: here a sentence is weighed by its other words (its names cut out), stemmed, TF-IDF over the
sentences of both articles, with a little of the sentences beside it in its paragraph (a quote's "he said" gets
the name from the sentence before). Shared names and equal figures add a little on top. A pair is kept only when
each sentence is the other's best match and the score reaches THRESHOLD: precision first, since a wrong pair
misleads a reader more than a missing one. benchmarks/alignment.py measures it on hand-aligned PolNeAR pairs
(docs/BENCHMARKS.md); the opinion model's encoder aligned worse than these words there. Standard library only.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reader.model import Analysis, Sentence

THRESHOLD = 0.25
"""The least score of an aligned pair, chosen on two of the hand-aligned pairs of benchmarks/alignment.py."""

CONTEXT_WEIGHT = 0.35
"""How much the words of the sentences just before and after, in the same paragraph, count against its own."""

WORDS_WEIGHT, NAMES_WEIGHT, FIGURES_WEIGHT = 1.0, 0.1, 0.1
"""How a pair's score is made: the cosine of its words, the share of names and of figures the two have in common;
divided by their sum, so the score runs from 0 to 1."""

STOP_WORDS = frozenset("""
a an the and or but if of to in on at by for with from as into about over after before than that this these those
it its is are was were be been being has have had do does did not no so such he she they them his her their him we
us our you your i me my who whom which what when where why how all any both each more most other some there here
said says say told according also just very would will could should may might can must up out then mr ms mrs
""".split())
"""Words that say little of what a sentence is about ("said" is in every report)."""

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,]\d+)*")
_SUFFIXES = ("ations", "ation", "ments", "ment", "ingly", "ings", "ing", "edly", "ers", "er", "ied", "ies", "ed",
             "es", "ly", "s")
"""Endings cut so that "pledged", "pledges" and "pledge", or "endorsement" and "endorsed", meet."""


@dataclass(frozen=True)
class Pair:
    """A claim of A and a claim of B that report the same thing, and how sure the alignment is (0 to 1)."""

    a: Sentence
    b: Sentence
    score: float


def align(a: Analysis, b: Analysis, threshold: float = THRESHOLD) -> tuple[Pair, ...]:
    """The claims of A and B that report the same thing, each the other's best match, in A's order."""
    if not a.sentences or not b.sentences:
        return ()
    words_a, words_b = _claim_words(a), _claim_words(b)
    weigh = _idf(words_a + words_b)
    vectors_a = _vectors(a, words_a, weigh)
    vectors_b = _vectors(b, words_b, weigh)
    names_a, names_b = _names_by_sentence(a), _names_by_sentence(b)
    figures_a, figures_b = _figures_by_sentence(a), _figures_by_sentence(b)
    total = WORDS_WEIGHT + NAMES_WEIGHT + FIGURES_WEIGHT
    scores = [[(WORDS_WEIGHT * _cosine(vector_a, vector_b)
                + NAMES_WEIGHT * _overlap(names_a.get(one.id, set()), names_b.get(other.id, set()))
                + FIGURES_WEIGHT * _overlap(figures_a.get(one.id, set()), figures_b.get(other.id, set()))) / total
               for other, vector_b in zip(b.sentences, vectors_b, strict=True)]
              for one, vector_a in zip(a.sentences, vectors_a, strict=True)]
    best_of_b = [_best([row[column] for row in scores]) for column in range(len(b.sentences))]
    pairs = []
    for row, sentence_a in enumerate(a.sentences):
        column = _best(scores[row])
        if scores[row][column] >= threshold and best_of_b[column] == row:
            pairs.append(Pair(sentence_a, b.sentences[column], scores[row][column]))
    return tuple(pairs)


def _best(scores: list[float]) -> int:
    """Where the highest score is (the first, on a tie)."""
    return max(range(len(scores)), key=scores.__getitem__)


def words(text: str) -> list[str]:
    """A text's words that carry its meaning: case-folded, stop words dropped, each cut to its stem."""
    found = []
    for word in _WORD.findall(text.replace("’", "'").casefold()):
        word = re.sub(r"'s$", "", word)
        if word in STOP_WORDS or len(word) < 2 and not word.isdigit():
            continue
        found.append(word if word.isdigit() else stem(word))
    return found


def stem(word: str) -> str:
    """A crude stem, good enough to match the forms of one word within two articles (never shown to anyone)."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "ls":
        word = word[:-1]
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def _claim_words(analysis: Analysis) -> list[list[str]]:
    """Each sentence's words with the names of its entities cut out: what it says, not whom it is about."""
    names: dict[int, list[tuple[int, int]]] = {}
    for entity in analysis.entities:
        for mention in entity.mentions:
            names.setdefault(mention.sentence_id, []).append((mention.start, mention.end))
    text = analysis.article.text
    found = []
    for sentence in analysis.sentences:
        pieces, position = [], sentence.start
        for start, end in sorted(names.get(sentence.id, [])):
            pieces.append(text[position:max(position, start)])
            position = max(position, min(end, sentence.end))
        pieces.append(text[position:sentence.end])
        found.append(words(" ".join(pieces)))
    return found


def _vectors(analysis: Analysis, words_of: list[list[str]], idf: dict[str, float]) -> list[dict[str, float]]:
    """Each sentence's unit TF-IDF vector, with CONTEXT_WEIGHT of its neighbours' words in the same paragraph."""
    sentences = analysis.sentences
    vectors = []
    for index, sentence in enumerate(sentences):
        vector: dict[str, float] = {}
        for word in words_of[index]:
            vector[word] = vector.get(word, 0.0) + idf[word]
        for near in (index - 1, index + 1):
            if 0 <= near < len(sentences) and sentences[near].paragraph == sentence.paragraph:
                for word in words_of[near]:
                    vector[word] = vector.get(word, 0.0) + CONTEXT_WEIGHT * idf[word]
        norm = math.sqrt(sum(value * value for value in vector.values()))
        vectors.append({word: value / norm for word, value in vector.items()} if norm else {})
    return vectors


def _idf(documents: Sequence[list[str]]) -> dict[str, float]:
    """Each word's inverse document frequency over the sentences of both articles (smoothed, as scikit-learn's)."""
    seen = Counter(word for words in documents for word in set(words))
    total = len(documents)
    return {word: math.log((1 + total) / (1 + count)) + 1 for word, count in seen.items()}


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
        words_of_name = re.sub(r"['’]s$", "", " ".join(entity.name.casefold().split())).split()
        if not words_of_name:
            continue
        for mention in entity.mentions:
            found.setdefault(mention.sentence_id, set()).add(words_of_name[-1])
    return found


def _figures_by_sentence(analysis: Analysis) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for figure in analysis.figures:
        if figure.normalised:
            found.setdefault(figure.sentence_id, set()).add(figure.normalised)
    return found
