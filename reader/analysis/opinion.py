"""How much a sentence reads as the author's own opinion, and the cues behind that.

Each signal that fires in a sentence becomes a `Signal`: a cue (the actual words, with offsets into
the text) and the feature it counts for. A small logistic model, fitted on training sentences by
`benchmarks/tune_opinion.py` and stored in `opinion_weights.txt`, turns the features into a score.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib.resources import files
from typing import TYPE_CHECKING

from reader.model import Cue, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

THRESHOLD = 0.5

# A feature's value counts its cues with diminishing returns: 1, 1 + 1/2, 1 + 1/2 + 1/3 ...
# so that a third hedge adds less than the first. Sentiment is the strongest word's valence instead.
FEATURES = (
    "hedge", "speculation", "prescription", "evaluative", "judging_noun", "predicate", "intensifier",
    "first_person", "second_person", "question", "exclamation", "framing", "scare_quote", "negation",
    "sentiment", "unattributed", "figure", "name", "past", "quoted",
)

# Which cue kind a feature shows as: both kinds of modal verbs are "modal" to the reader.
KINDS = {"speculation": "modal", "prescription": "modal", "predicate": "evaluative", "judging_noun": "evaluative"}

_MODALS = {"may": "speculation", "might": "speculation", "could": "speculation",
           "should": "prescription", "must": "prescription", "ought": "prescription"}
_FIRST_PERSON = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
_SECOND_PERSON = {"you", "your", "yours", "yourself", "yourselves"}
# Sources that are the author speaking, or nobody in particular: "as I have written", "everyone knows".
_OWN_VOICE = _FIRST_PERSON | {"you", "everyone", "everybody", "nobody", "no one", "anyone", "anybody", "one"}
_FIGURE_ENTITIES = {"MONEY", "PERCENT", "CARDINAL", "DATE", "TIME", "QUANTITY"}
_NAME_ENTITIES = {"PERSON", "ORG"}
# A quotation of this many words or more reports someone's words; fewer are scare quotes or titles.
_QUOTATION_WORDS = 4
# VADER's valences run from -4 to 4.
_STRONGEST_VALENCE = 4.0
_QUOTATION = re.compile(r"“[^“”]*”|\"[^\"]*\"|‘[^‘’]*’(?!\w)|(?<!\w)'[^']*'(?!\w)")
_WORD = re.compile(r"\w+")
_TRAILING = " \t\"'”’)]"


@dataclass(frozen=True)
class Signal:
    """One signal that fired: the words (`cue`) and the feature of the model they count for."""

    feature: str
    cue: Cue
    value: float = 1.0


@dataclass(frozen=True)
class Opinion:
    """`score` in 0..1: at 0.5 and above the sentence reads as opinion."""

    score: float
    cues: list[Cue] = field(default_factory=list)
    # Each cue's push on the log-odds, aligned with `cues`: positive towards opinion, negative towards fact.
    pushes: tuple[float, ...] = ()
    signals: tuple[Signal, ...] = ()

    def outside(self, spans: Iterable[tuple[int, int]]) -> Opinion:
        """The same assessment without the signals that lie inside `spans` (someone else's words)."""
        spans = list(spans)
        kept = tuple(s for s in self.signals if not any(a <= s.cue.start and s.cue.end <= b for a, b in spans))
        return self if len(kept) == len(self.signals) else score(kept)


@dataclass(frozen=True)
class Model:
    """The fitted logistic model: a bias and one weight per feature."""

    bias: float
    weights: dict[str, float]


def assess(doc: Doc, sentence: Sentence) -> Opinion:
    """Score how much `sentence` reads as the author's own opinion, with the cues that fired."""
    return score(signals(doc, sentence))


def score(found: Iterable[Signal]) -> Opinion:
    """Combine signals into an Opinion through the fitted model."""
    model = _model()
    found = tuple(found)
    pushes = [model.weights.get(signal.feature, 0.0) * value for signal, value in _diminished(found)]
    probability = 1 / (1 + math.exp(-(model.bias + sum(pushes))))
    shown = [(replace(s.cue, kind=KINDS.get(s.feature, s.feature)), push) for s, push in zip(found, pushes) if push]
    return Opinion(round(probability, 3), [cue for cue, _ in shown], tuple(push for _, push in shown), found)


def features(found: Iterable[Signal]) -> dict[str, float]:
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


def signals(doc: Doc, sentence: Sentence) -> list[Signal]:
    """Every signal that fires in the sentence, in the order of the text."""
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    words = _Words(sentence, list(span), _quotations(sentence))
    found = [
        *_phrase_signals(words),
        *_word_signals(words),
        *_punctuation_signals(sentence),
        *_quotation_signals(sentence, words.quoted),
        *_sentiment_signals(words),
        *_factual_signals(words, span.root),
    ]
    if not attributed_to_others(sentence, found):
        found.append(Signal("unattributed", words.cue(span.root.i - span.start)))
    return sorted(found, key=lambda s: (s.cue.start, s.cue.end))


def attributed_to_others(sentence: Sentence, found: Iterable[Signal] = ()) -> bool:
    """Whether the sentence relays someone else's words, not the author's ("I believe", "everyone knows").

    A reporting verb inside one of the author's framing phrases ("not to mention") attributes nothing.
    """
    attribution = sentence.attribution
    if attribution is None:
        return False
    cue = attribution.cue
    if any(s.feature == "framing" and s.cue.start <= cue.start and cue.end <= s.cue.end for s in found):
        return False
    if attribution.speaker is None:
        return True
    return attribution.speaker.text.lower() not in _OWN_VOICE


class _Words:
    """The tokens of one sentence with their lowercase forms and lemmas, read from spaCy once."""

    def __init__(self, sentence: Sentence, tokens: list[Token], quoted: list[tuple[int, int]]):
        self.sentence = sentence
        self.tokens = tokens
        self.forms = [(token.lower_, token.lemma_.lower()) for token in tokens]
        self.quoted = quoted
        self.reported = [(start, end) for start, end in quoted if _reports(sentence, start, end)]

    def cue(self, first: int, last: int | None = None) -> Cue:
        """The cue of tokens first..last (indices within the sentence)."""
        begin = self.tokens[first]
        text = begin.doc[begin.i : self.tokens[first if last is None else last].i + 1].text
        return Cue("", text, begin.idx, begin.idx + len(text))

    def quoted_at(self, index: int) -> bool:
        offset = self.tokens[index].idx
        return any(start <= offset < end for start, end in self.quoted)

    def reported_at(self, index: int) -> bool:
        """Whether the token lies inside a quotation long enough to report someone's words."""
        offset = self.tokens[index].idx
        return any(start <= offset < end for start, end in self.reported)


def _phrase_signals(words: _Words) -> Iterable[Signal]:
    lexicons = _lexicons()
    for feature in ("hedge", "intensifier", "framing"):
        for first, last in lexicons[feature].find(words.forms):
            yield Signal(feature, words.cue(first, last))


def _word_signals(words: _Words) -> Iterable[Signal]:
    lexicons = _lexicons()
    evaluative, judging = lexicons["evaluative"].words, lexicons["judging_noun"].words
    for index, (token, (lower, lemma)) in enumerate(zip(words.tokens, words.forms)):
        pos, dep = token.pos_, token.dep_
        if lemma in evaluative or lower in evaluative:
            if pos in ("ADJ", "ADV") or dep in ("amod", "acomp", "advmod"):
                yield Signal("evaluative", words.cue(index))
        elif dep == "acomp" and pos == "ADJ" and not words.quoted_at(index):
            # A judging predicate the lexicon does not know: "the plan is unworkable".
            yield Signal("predicate", words.cue(index))
        if pos == "NOUN" and lemma in judging:
            yield Signal("judging_noun", words.cue(index))
        if token.tag_ == "MD" and lower in _MODALS:
            # "may not" reads as one cue.
            following = index + 1 if index + 1 < len(words.tokens) and words.tokens[index + 1].dep_ == "neg" else index
            yield Signal(_MODALS[lower], words.cue(index, following))
        if (lower in _FIRST_PERSON or lower in _SECOND_PERSON or dep == "neg") and not words.quoted_at(index):
            if lower in _FIRST_PERSON and (pos == "PRON" or lower in ("my", "our")):
                yield Signal("first_person", words.cue(index))
            elif lower in _SECOND_PERSON:
                yield Signal("second_person", words.cue(index))
            elif dep == "neg":
                # Arguing against something ("not", "never") is the author's move more often than a report's.
                yield Signal("negation", words.cue(index))


def _punctuation_signals(sentence: Sentence) -> Iterable[Signal]:
    text = sentence.text.rstrip(_TRAILING)
    if text.endswith("?"):
        yield Signal("question", Cue("question", "?", sentence.start + len(text) - 1, sentence.start + len(text)))
    for match in re.finditer("!", sentence.text):
        yield Signal("exclamation", Cue("exclamation", "!", sentence.start + match.start(), sentence.start + match.end()))


def _quotation_signals(sentence: Sentence, quoted: list[tuple[int, int]]) -> Iterable[Signal]:
    for start, end in quoted:
        feature = "quoted" if _reports(sentence, start, end) else "scare_quote"
        yield Signal(feature, Cue(feature, sentence.text[start - sentence.start : end - sentence.start], start, end))


def _reports(sentence: Sentence, start: int, end: int) -> bool:
    """Whether the quotation at start..end is long enough to report someone's words, not a scare quote."""
    return len(_WORD.findall(sentence.text[start - sentence.start : end - sentence.start])) >= _QUOTATION_WORDS


def _sentiment_signals(words: _Words) -> Iterable[Signal]:
    # The strongest word of VADER's lexicon outside reported words, by its valence: one sharply charged word
    # ("disaster", "cheerful") marks the author's stance, where VADER's compound averages it away over the sentence.
    lexicon = _analyzer().lexicon
    weights = [0.0 if words.reported_at(index) else abs(lexicon.get(lower, 0.0))
               for index, (lower, _) in enumerate(words.forms)]
    strongest = max(range(len(weights)), key=weights.__getitem__)
    if weights[strongest]:
        yield Signal("sentiment", words.cue(strongest), weights[strongest] / _STRONGEST_VALENCE)


def _factual_signals(words: _Words, root: Token) -> Iterable[Signal]:
    first = None
    # Entities read off the tokens: `Span.ents` walks the whole document, too slow once per sentence.
    for index, token in enumerate([*words.tokens, None]):
        iob = token.ent_iob_ if token is not None else "O"
        if first is not None and iob != "I":
            kind = words.tokens[first].ent_type_
            feature = "figure" if kind in _FIGURE_ENTITIES else "name" if kind in _NAME_ENTITIES else None
            if feature is not None:
                yield Signal(feature, words.cue(first, index - 1))
            first = None
        if iob == "B" or (iob == "I" and first is None):
            first = index
    if root.tag_ == "VBD":
        yield Signal("past", words.cue(root.i - words.tokens[0].i))


def _quotations(sentence: Sentence) -> list[tuple[int, int]]:
    """Character spans (inside the quotation marks) of the quotations within the sentence."""
    return [(sentence.start + m.start() + 1, sentence.start + m.end() - 1) for m in _QUOTATION.finditer(sentence.text)]


class Lexicon:
    """Words and phrases from a lexicon file, matched on a token's lowercase form or lemma.

    A phrase is a space-separated run of words; "*" in it stands for up to two words of any kind.
    """

    GAP = 2

    def __init__(self, entries: Iterable[str]):
        self.words: set[str] = set()
        self.phrases: dict[str, list[tuple[str, ...]]] = {}
        for entry in entries:
            parts = tuple(entry.split())
            if len(parts) == 1:
                self.words.add(parts[0])
            self.phrases.setdefault(parts[0], []).append(parts)

    def find(self, forms: list[tuple[str, str]]) -> list[tuple[int, int]]:
        """(first, last) indices into `forms` (each token's lowercase form and lemma) of each match, no overlaps."""
        found, index = [], 0
        while index < len(forms):
            lower, lemma = forms[index]
            candidates = self.phrases.get(lower, []) + (self.phrases.get(lemma, []) if lemma != lower else [])
            ends = [end for phrase in candidates if (end := self._match(forms, index, phrase)) is not None]
            if ends:
                last = max(ends)
                found.append((index, last))
                index = last + 1
            else:
                index += 1
        return found

    def _match(self, forms: list[tuple[str, str]], index: int, phrase: tuple[str, ...]) -> int | None:
        if not phrase:
            return index - 1
        if phrase[0] == "*":
            for skip in range(self.GAP + 1):
                end = self._match(forms, index + skip, phrase[1:])
                if end is not None:
                    return end
            return None
        if index < len(forms) and phrase[0] in forms[index]:
            return self._match(forms, index + 1, phrase[1:])
        return None


def _read_lines(name: str) -> list[str]:
    text = files("reader.analysis").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def _lexicons() -> dict[str, Lexicon]:
    names = {"hedge": "hedges.txt", "intensifier": "intensifiers.txt", "framing": "framing.txt",
             "evaluative": "evaluative.txt", "judging_noun": "evaluative_nouns.txt"}
    return {feature: Lexicon(_read_lines(name)) for feature, name in names.items()}


@functools.cache
def _model() -> Model:
    weights = {}
    for line in _read_lines("opinion_weights.txt"):
        name, value = line.split()
        weights[name] = float(value)
    return Model(weights.pop("bias"), weights)


@functools.cache
def _analyzer():
    # Imported here: VADER's lexicon takes a moment to load, and only analysis needs it.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()
