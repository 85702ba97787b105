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
    from spacy.tokens import Doc, Span, Token

THRESHOLD = 0.5

# A feature's value counts its cues with diminishing returns: 1, 1 + 1/2, 1 + 1/2 + 1/3 ...
# so that a third hedge adds less than the first. Sentiment is VADER's |compound| instead.
FEATURES = (
    "hedge", "speculation", "prescription", "evaluative", "judging_noun", "predicate", "intensifier", "first_person",
    "second_person", "question", "exclamation", "framing", "scare_quote", "negation", "sentiment",
    "unattributed", "figure", "name", "past", "quoted",
)

# Which cue kind a feature shows as: both kinds of modal verbs are "modal" to the reader.
KINDS = {"speculation": "modal", "prescription": "modal", "predicate": "evaluative", "judging_noun": "evaluative"}

_SPECULATIVE_MODALS = {"may", "might", "could"}
_PRESCRIPTIVE_MODALS = {"should", "must", "ought"}
_FIRST_PERSON = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
_SECOND_PERSON = {"you", "your", "yours", "yourself", "yourselves"}
# Sources that are the author speaking, or nobody in particular: "as I have written", "everyone knows".
_OWN_VOICE = _FIRST_PERSON | {"you", "everyone", "everybody", "nobody", "no one", "anyone", "anybody", "one"}
_FIGURE_ENTITIES = {"MONEY", "PERCENT", "CARDINAL", "DATE", "TIME", "QUANTITY"}
_NAME_ENTITIES = {"PERSON", "ORG"}
# A quotation of this many words or more reports someone's words; fewer are scare quotes or titles.
_QUOTATION_WORDS = 4
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
    counts: dict[str, int] = {}
    pushes = []
    for signal in found:
        counts[signal.feature] = counts.get(signal.feature, 0) + 1
        pushes.append(model.weights.get(signal.feature, 0.0) * signal.value / counts[signal.feature])
    probability = 1 / (1 + math.exp(-(model.bias + sum(pushes))))
    shown = [(replace(s.cue, kind=KINDS.get(s.feature, s.feature)), push) for s, push in zip(found, pushes) if push]
    return Opinion(round(probability, 3), [cue for cue, _ in shown], tuple(push for _, push in shown), found)


def features(found: Iterable[Signal]) -> dict[str, float]:
    """The feature values the model reads from a sentence's signals."""
    values = dict.fromkeys(FEATURES, 0.0)
    counts: dict[str, int] = {}
    for signal in found:
        counts[signal.feature] = counts.get(signal.feature, 0) + 1
        values[signal.feature] += signal.value / counts[signal.feature]
    return values


def signals(doc: Doc, sentence: Sentence) -> list[Signal]:
    """Every signal that fires in the sentence, in the order of the text."""
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    quoted = _quotations(sentence)
    found = [
        *_lexicon_signals(span, quoted),
        *_modal_signals(span),
        *_person_signals(span, quoted),
        *_negation_signals(span, quoted),
        *_punctuation_signals(sentence),
        *_quotation_signals(sentence, quoted),
        *_sentiment_signals(span),
        *_factual_signals(span),
    ]
    if not attributed_to_others(sentence, found):
        found.append(Signal("unattributed", _token_cue(span.root)))
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
    if attribution.source is None:
        return True
    return attribution.source.text.lower() not in _OWN_VOICE


def _lexicon_signals(span: Span, quoted: list[tuple[int, int]]) -> Iterable[Signal]:
    lexicons = _lexicons()
    for feature in ("hedge", "intensifier", "framing"):
        for first, last in lexicons[feature].find(span):
            yield Signal(feature, _tokens_cue(span, first, last))
    for token in span:
        if token.lemma_.lower() not in lexicons["evaluative"].words and token.lower_ not in lexicons["evaluative"].words:
            continue
        if token.pos_ in ("ADJ", "ADV") or token.dep_ in ("amod", "acomp", "advmod"):
            yield Signal("evaluative", _token_cue(token))
    for token in span:
        if token.pos_ == "NOUN" and token.lemma_.lower() in lexicons["judging_noun"].words:
            yield Signal("judging_noun", _token_cue(token))
    for token in span:
        # A judging predicate the lexicon does not know: "the plan is unworkable".
        if (token.dep_ == "acomp" and token.pos_ == "ADJ" and token.lemma_.lower() not in lexicons["evaluative"].words
                and not _inside(token.idx, quoted)):
            yield Signal("predicate", _token_cue(token))


def _modal_signals(span: Span) -> Iterable[Signal]:
    for token in span:
        if token.tag_ != "MD":
            continue
        word = token.lower_
        feature = "speculation" if word in _SPECULATIVE_MODALS else "prescription" if word in _PRESCRIPTIVE_MODALS else None
        if feature is None:
            continue
        # "may not" reads as one cue.
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        last = following if following is not None and following.dep_ == "neg" else token
        end = last.idx + len(last)
        yield Signal(feature, Cue("", token.doc.text[token.idx : end], token.idx, end))


def _person_signals(span: Span, quoted: list[tuple[int, int]]) -> Iterable[Signal]:
    for token in span:
        if _inside(token.idx, quoted):
            continue
        if token.lower_ in _FIRST_PERSON and token.pos_ == "PRON" or token.lower_ in ("my", "our"):
            yield Signal("first_person", _token_cue(token))
        elif token.lower_ in _SECOND_PERSON:
            yield Signal("second_person", _token_cue(token))


def _negation_signals(span: Span, quoted: list[tuple[int, int]]) -> Iterable[Signal]:
    # Arguing against something ("not", "never") is the author's move more often than a report's.
    for token in span:
        if token.dep_ == "neg" and not _inside(token.idx, quoted):
            yield Signal("negation", _token_cue(token))


def _punctuation_signals(sentence: Sentence) -> Iterable[Signal]:
    text = sentence.text.rstrip(_TRAILING)
    if text.endswith("?"):
        yield Signal("question", Cue("question", "?", sentence.start + len(text) - 1, sentence.start + len(text)))
    for match in re.finditer("!", sentence.text):
        yield Signal("exclamation", Cue("exclamation", "!", sentence.start + match.start(), sentence.start + match.end()))


def _quotation_signals(sentence: Sentence, quoted: list[tuple[int, int]]) -> Iterable[Signal]:
    for start, end in quoted:
        words = len(_WORD.findall(sentence.text[start - sentence.start : end - sentence.start]))
        feature = "quoted" if words >= _QUOTATION_WORDS else "scare_quote"
        yield Signal(feature, Cue(feature, sentence.text[start - sentence.start : end - sentence.start], start, end))


def _sentiment_signals(span: Span) -> Iterable[Signal]:
    analyzer = _analyzer()
    compound = analyzer.polarity_scores(span.text)["compound"]
    if not compound:
        return
    # VADER gives one number; the cue is the word of the sentence that weighs most in its lexicon.
    lexicon = analyzer.lexicon
    strongest = max(span, key=lambda token: abs(lexicon.get(token.lower_, 0.0)))
    if strongest.lower_ in lexicon:
        yield Signal("sentiment", _token_cue(strongest), abs(compound))


def _factual_signals(span: Span) -> Iterable[Signal]:
    for entity in span.ents:
        if entity.label_ in _FIGURE_ENTITIES:
            yield Signal("figure", Cue("figure", entity.text, entity.start_char, entity.end_char))
        elif entity.label_ in _NAME_ENTITIES:
            yield Signal("name", Cue("name", entity.text, entity.start_char, entity.end_char))
    root = span.root
    if root.tag_ == "VBD":
        yield Signal("past", _token_cue(root))


def _quotations(sentence: Sentence) -> list[tuple[int, int]]:
    """Character spans (inside the quotation marks) of the quotations within the sentence."""
    return [(sentence.start + m.start() + 1, sentence.start + m.end() - 1) for m in _QUOTATION.finditer(sentence.text)]


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _token_cue(token: Token) -> Cue:
    return Cue("", token.text, token.idx, token.idx + len(token))


def _tokens_cue(span: Span, first: int, last: int) -> Cue:
    start, end = span[first].idx, span[last].idx + len(span[last])
    return Cue("", span.doc.text[start:end], start, end)


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

    def find(self, span: Span) -> list[tuple[int, int]]:
        """(first, last) token indices within `span` of each match, longest first at a start, no overlaps."""
        forms = [(token.lower_, token.lemma_.lower()) for token in span]
        found, index = [], 0
        while index < len(forms):
            ends = [end for key in set(forms[index]) for phrase in self.phrases.get(key, ())
                    if (end := self._match(forms, index, phrase)) is not None]
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
