"""How much a sentence reads as the author's own opinion, and the cues behind that.

Each signal that fires in a sentence becomes a `Signal`: a cue (the actual words, with offsets into
the text) and the feature it counts for. Words inside someone else's quoted speech say nothing of the
author's opinion: their signals are left out. Two models turn the signals into a score:

- "learned" (the default): the fine-tuned sentence model's log-odds (opinion_model.py) stacked with the
  signals' features (opinion_model/stack.txt, fitted by training/opinion.py). Only a sentence that is
  neither mostly quoted nor relaying someone else's words runs through the sentence model. One that
  relays someone is the author's opinion only when the author's own words around the report (its
  `Frame`) are, by the same stack on their signals; a mostly quoted one never is.
- "rules": a logistic model over the features alone (opinion_weights.txt, fitted by
  benchmarks/tune_opinion.py on the same sentences as the stack), needing no sentence model.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from reader.analysis import lexicon
from reader.analysis.entities import headings
from reader.analysis.voices.attribution import authors_words as attribution_words
from reader.analysis.voices.attribution import frame_text as attribution_frame_text
from reader.analysis.voices.quotation_marks import QuoteIndex, Stretch, mostly_quoted
from reader.frozen_mapping import FrozenMapping
from reader.model import Attribution, Cue, Segment

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as Tokens
    from spacy.vocab import Vocab

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
# VADER's valences run from -4 to 4.
_STRONGEST_VALENCE = 4.0
_TRAILING = " \t\"'”’)]"
_PHRASE_LEXICONS = {"hedge": "hedges", "intensifier": "intensifiers", "framing": "framing"}
# Hedges of degree, which soften only the adjective or adverb they modify.
_DEGREES = {"somewhat", "rather", "fairly"}


@dataclass(frozen=True)
class Signal:
    """One signal that fired: the words (`cue`) and the feature of the model they count for."""

    feature: str
    cue: Cue
    value: float = 1.0


@dataclass(frozen=True)
class Frame:
    """The author's own words around someone's reported words: their text and the signals among them."""

    text: str
    signals: tuple[Signal, ...]


OpinionModel = Literal["learned", "rules"]
MODELS: tuple[OpinionModel, ...] = ("learned", "rules")


@dataclass(frozen=True)
class Opinion:
    """How much a sentence reads as the author's opinion (`score` in 0..1: opinion from 0.5), and why."""

    score: float
    signals: tuple[Signal, ...]
    """The signals that fired outside someone else's quoted words, in the order of the text."""
    pushes: tuple[float, ...]
    """Each signal's push on the log-odds, aligned with `signals`: positive towards opinion."""
    attributed: bool
    """Whether the sentence relays someone else's words: then its opinion is theirs, not the author's."""
    model: float = 0.0
    """The sentence model's push on the log-odds, 0 when it did not read the sentence."""
    frame: Frame | None = None
    """For a sentence that relays someone, the author's own words around the report."""

    def cues(self) -> Iterator[tuple[Cue, float]]:
        """Each signal that moved the score, as the cue a reader is shown, with its push."""
        for signal, push in zip(self.signals, self.pushes, strict=True):
            if push:
                yield replace(signal.cue, kind=KINDS.get(signal.feature, signal.feature)), push


@dataclass(frozen=True)
class OpinionWeights:
    """A fitted logistic model: a bias, one weight per feature, and one for the sentence model's log-odds."""

    bias: float
    features: FrozenMapping[str, float]
    model: float = 0.0


def assess(doc: Doc, sentence: Segment, quoted: QuoteIndex, attribution: Attribution | None,
           model: OpinionModel = "learned") -> Opinion:
    """Score how much `sentence` reads as the author's own opinion, with the signals that fired."""
    stretches = quoted.touching(sentence.start, sentence.end)
    speech = [(stretch.start, stretch.end) for stretch in stretches if stretch.speech]
    found = signals(doc, sentence, stretches)
    framing = [signal.cue for signal in found if signal.feature == "framing" and not _inside(signal.cue, speech)]
    attributed = relays_others(attribution, framing)
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if not attributed and span is not None and len(span) and not headings.is_title(sentence.text, headings.alone(span)):
        root = _unsourced_word(span)
        found.append(Signal("unattributed", Cue("", root.text, root.idx, root.idx + len(root.text))))
    kept = sorted((signal for signal in found if not _inside(signal.cue, speech)),
                  key=lambda signal: (signal.cue.start, signal.cue.end))
    framed = frame(doc, sentence, attribution, kept) if attributed and attribution is not None else None
    if model != "learned" or mostly_quoted(quoted.speech_share(sentence.start, sentence.end)):
        return score(kept, attributed, frame=framed)
    from reader.analysis import opinion_model

    if framed is None:
        [log_odds] = opinion_model.load().log_odds([sentence.text])
        return score(kept, attributed, _stacked(), log_odds)
    # What someone is reported to think is theirs, but the words the author frames it with are the author's: the
    # stack weighs their signals and the model's reading of them alone ("Trump falsely claimed that"). Leaving the
    # model out there was as good on cross-validation but 0.02 worse on dev_test and 0.04 on BABE (docs/MODELS.md).
    text = attribution_frame_text(doc, sentence, attribution)
    [frame_odds] = opinion_model.load().log_odds([text]) if text else [0.0]
    own = score(framed.signals, False, _stacked(), frame_odds, frame=framed)
    return own if own.score >= THRESHOLD else score(kept, attributed, frame=framed)


def frame(doc: Doc, sentence: Segment, attribution: Attribution, found: Iterable[Signal]) -> Frame:
    """The author's words around what a sentence reports (see `attribution.authors_words`), with the signals
    among `found` that lie in them."""
    words = attribution_words(doc, sentence, attribution.cue)
    covered = {offset for token in words for offset in range(token.idx, token.idx + len(token))}
    return Frame("".join(token.text_with_ws for token in words).strip(),
                 tuple(signal for signal in found if _inside_words(signal.cue, covered)))


def score(found: Iterable[Signal], attributed: bool = False, weights: OpinionWeights | None = None,
          log_odds: float = 0.0, frame: Frame | None = None) -> Opinion:
    """Combine signals (and the sentence model's log-odds, with weights that take them) into an Opinion."""
    weights = weights or _rules()
    found = tuple(found)
    pushes = tuple(weights.features.get(signal.feature, 0.0) * value for signal, value in _diminished(found))
    model = weights.model * log_odds
    return Opinion(round(_logistic(weights.bias + model + sum(pushes)), 3), found, pushes, attributed, model, frame)


def _logistic(total: float) -> float:
    # Through tanh: no overflow however far the total runs.
    return 0.5 * (1 + math.tanh(total / 2))


def feature_values(found: Iterable[Signal]) -> dict[str, float]:
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


def signals(doc: Doc, sentence: Segment, stretches: list[Stretch]) -> list[Signal]:
    """Every signal that fires in the sentence but the one for lacking a source; `stretches` are its quotations."""
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    words = _Words(sentence, span, stretches)
    return [
        *_phrase_signals(words),
        *_word_signals(words),
        *_punctuation_signals(sentence),
        *_quotation_signals(sentence, stretches),
        *_sentiment_signals(words),
        *_factual_signals(words, span.root, headings.is_heading(sentence.text)),
    ]


def relays_others(attribution: Attribution | None, framing: Iterable[Cue] = ()) -> bool:
    """Whether a sentence with this attribution relays someone else's words, not the author's ("I believe").

    A reporting verb inside one of the author's framing phrases ("not to mention") attributes nothing, and
    a view someone is said to hold ("Other officials weighed in") is the author's telling.
    """
    if attribution is None or attribution.held:
        return False
    cue = attribution.cue
    if any(phrase.start <= cue.start and cue.end <= phrase.end for phrase in framing):
        return False
    if attribution.speaker is None:
        return True
    return attribution.speaker.text.lower() not in _OWN_VOICE


def _unsourced_word(span: Tokens) -> Token:
    """The word that says what a sentence with no source asserts: its root, or where the root is a name (a headline
    "Trump’s Wall" parsed around "Trump"), its first verb, else its first noun or adjective that is no name."""
    root = span.root
    if root.pos_ != "PROPN" and not root.ent_type_:
        return root
    for kinds in (("VERB", "AUX"), ("NOUN", "ADJ")):
        found = next((token for token in span if token.pos_ in kinds and not token.ent_type_), None)
        if found is not None:
            return found
    return root


def _inside(cue: Cue, spans: list[tuple[int, int]]) -> bool:
    return any(start <= cue.start and cue.end <= end for start, end in spans)


def _inside_words(cue: Cue, covered: set[int]) -> bool:
    """Whether every character of a cue but spaces is one of `covered` (offsets into the text)."""
    return all(offset in covered for offset, char in enumerate(cue.text, cue.start) if not char.isspace())


class _Words:
    """The tokens of one sentence with their lowercase forms and lemmas, read from spaCy once."""

    def __init__(self, sentence: Segment, span, stretches: list[Stretch]):
        self.sentence = sentence
        self.span = span
        self.tokens: list[Token] = list(span)
        self.forms = [(token.lower_, token.lemma_.lower()) for token in self.tokens]
        self.quoted = [(stretch.start, stretch.end) for stretch in stretches]
        self.reported = [(stretch.start, stretch.end) for stretch in stretches if stretch.speech]

    def cue(self, first: int, last: int | None = None) -> Cue:
        """The cue of tokens first..last (indices within the sentence)."""
        begin = self.tokens[first]
        text = begin.doc[begin.i : self.tokens[first if last is None else last].i + 1].text
        return Cue("", text, begin.idx, begin.idx + len(text))

    def quoted_at(self, index: int) -> bool:
        """Whether the token lies between quotation marks."""
        offset = self.tokens[index].idx
        return any(start <= offset < end for start, end in self.quoted)

    def reported_at(self, index: int) -> bool:
        """Whether the token lies inside someone's quoted words."""
        offset = self.tokens[index].idx
        return any(start <= offset < end for start, end in self.reported)


def _phrase_signals(words: _Words) -> Iterable[Signal]:
    ends: dict[str, dict[int, int]] = {feature: {} for feature in _PHRASE_LEXICONS}
    for feature, first, end in _phrase_finder(words.span.doc.vocab)(words.span):
        found = ends[feature]
        found[first] = max(found.get(first, 0), end)
    for feature, found in ends.items():
        # Of the phrases that start at a word the longest wins, and the next match starts after it.
        free = 0
        for first in sorted(found):
            if first >= free and not (feature == "hedge" and _degree_of_nothing(words.tokens[first])):
                yield Signal(feature, words.cue(first, found[first] - 1))
                free = found[first]


def _degree_of_nothing(token: Token) -> bool:
    """Whether a hedge of degree softens no quality: "reporting fairly" and "rather than" are no "fairly good"."""
    return token.lower_ in _DEGREES and token.head.pos_ not in ("ADJ", "ADV")


def _word_signals(words: _Words) -> Iterable[Signal]:
    evaluative, judging = lexicon.words("evaluative"), lexicon.words("evaluative_nouns")
    for index, (token, (lower, lemma)) in enumerate(zip(words.tokens, words.forms, strict=True)):
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


def _punctuation_signals(sentence: Segment) -> Iterable[Signal]:
    text = sentence.text.rstrip(_TRAILING)
    if text.endswith("?"):
        yield Signal("question", Cue("question", "?", sentence.start + len(text) - 1, sentence.start + len(text)))
    for match in re.finditer("!", sentence.text):
        start = sentence.start + match.start()
        yield Signal("exclamation", Cue("exclamation", "!", start, start + 1))


def _quotation_signals(sentence: Segment, stretches: list[Stretch]) -> Iterable[Signal]:
    for stretch in stretches:
        feature = "quoted" if stretch.speech else "scare_quote"
        start, end = max(stretch.start, sentence.start), min(stretch.end, sentence.end)
        if start < end:
            text = sentence.text[start - sentence.start : end - sentence.start]
            yield Signal(feature, Cue(feature, text, start, end))


def _sentiment_signals(words: _Words) -> Iterable[Signal]:
    # The strongest word of VADER's lexicon outside reported words, by its valence: one sharply charged word
    # ("disaster", "cheerful") marks the author's stance, where VADER's compound averages it away over the sentence.
    lexicon = _analyzer().lexicon
    weights = [0.0 if words.reported_at(index) else abs(lexicon.get(lower, 0.0))
               for index, (lower, _) in enumerate(words.forms)]
    strongest = max(range(len(weights)), key=weights.__getitem__)
    if weights[strongest]:
        yield Signal("sentiment", words.cue(strongest), weights[strongest] / _STRONGEST_VALENCE)


def _factual_signals(words: _Words, root: Token, heading: bool) -> Iterable[Signal]:
    first = None
    # Entities read off the tokens: `Span.ents` walks the whole document, too slow once per sentence.
    for index, token in enumerate([*words.tokens, None]):
        iob = token.ent_iob_ if token is not None else "O"
        if first is not None and iob != "I":
            kind = words.tokens[first].ent_type_
            # In a title-case heading every word is capitalised, so what spaCy tags there is no name.
            name = kind in _NAME_ENTITIES and not heading
            feature = "figure" if kind in _FIGURE_ENTITIES else "name" if name else None
            if feature is not None:
                yield Signal(feature, words.cue(first, index - 1))
            first = None
        if iob == "B" or (iob == "I" and first is None):
            first = index
    if root.tag_ == "VBD":
        yield Signal("past", words.cue(root.i - words.tokens[0].i))


@functools.cache
def _phrase_finder(vocab: Vocab) -> lexicon.PhraseFinder:
    return lexicon.PhraseFinder(vocab, _PHRASE_LEXICONS)


@functools.cache
def _rules() -> OpinionWeights:
    weights = lexicon.weights("opinion_weights.txt")
    return OpinionWeights(weights.pop("bias"), FrozenMapping(weights))


@functools.cache
def _stacked() -> OpinionWeights:
    from reader.analysis import opinion_model

    stack = opinion_model.stack()
    if set(stack.weights) != set(FEATURES):
        raise ValueError(
            "the opinion model's stack and the features disagree: refit it (training/opinion.py --stack-only)"
        )
    return OpinionWeights(stack.bias, stack.weights, stack.model)


@functools.cache
def _analyzer():
    # Imported here: VADER's lexicon takes a moment to load, and only analysis needs it.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()
