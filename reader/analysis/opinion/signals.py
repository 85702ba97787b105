"""The signals that a sentence is the author's own opinion: each that fires is a `Signal`, the words that fired it
(a cue, with offsets into the text) and the feature of the models it counts for."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.analysis import lexicon
from reader.analysis.entities import headings
from reader.analysis.voices.quotation_marks import Stretch
from reader.model import Cue, Segment

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as Tokens
    from spacy.vocab import Vocab

# A feature's value counts its cues with diminishing returns: 1, 1 + 1/2, 1 + 1/2 + 1/3 ...
# so that a third hedge adds less than the first. Sentiment is the strongest word's valence instead.
FEATURES = (
    "hedge", "speculation", "prescription", "evaluative", "judging_noun", "predicate", "intensifier",
    "first_person", "second_person", "question", "exclamation", "framing", "scare_quote", "negation",
    "sentiment", "unattributed", "figure", "name", "past", "quoted",
)

_MODALS = {"may": "speculation", "might": "speculation", "could": "speculation",
           "should": "prescription", "must": "prescription", "ought": "prescription"}
FIRST_PERSON = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
_SECOND_PERSON = {"you", "your", "yours", "yourself", "yourselves"}
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


def fired(doc: Doc, sentence: Segment, stretches: list[Stretch]) -> list[Signal]:
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


def unsourced(span: Tokens) -> Signal:
    """The signal of a sentence that says nowhere where its claim comes from, on the word that says what it asserts."""
    root = _unsourced_word(span)
    return Signal("unattributed", Cue("", root.text, root.idx, root.idx + len(root.text)))


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
        elif dep == "acomp" and pos == "ADJ" and token.tag_ == "JJ" and not words.quoted_at(index):
            # A judging predicate the lexicon does not know: "the plan is unworkable".
            yield Signal("predicate", words.cue(index))
        if pos == "NOUN" and lemma in judging:
            yield Signal("judging_noun", words.cue(index))
        if token.tag_ == "MD" and lower in _MODALS:
            # "may not" reads as one cue.
            following = index + 1 if index + 1 < len(words.tokens) and words.tokens[index + 1].dep_ == "neg" else index
            yield Signal(_MODALS[lower], words.cue(index, following))
        if (lower in FIRST_PERSON or lower in _SECOND_PERSON or dep == "neg") and not words.quoted_at(index):
            if lower in FIRST_PERSON and (pos == "PRON" or lower in ("my", "our")):
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
def _analyzer():
    # Imported here: VADER's lexicon takes a moment to load, and only analysis needs it.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()
