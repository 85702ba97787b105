"""Views held without a reporting verb: "Trump responded by …", "Other officials weighed in on …".

News attributes far more than speech. Who plans, fears, doubts, backs, hits out at or bets on something
holds a view the sentence reports; the reporting-verb lexicon cannot list them all. Each predicate with a
subject (a verb, an adjective after "is", a noun with an owner) is weighed by a logistic model over its
words and its parse (stance_weights.txt, fitted by training/stances.py on PolNeAR's training articles).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.analysis import lexicon
from reader.analysis.voices import speakers
from reader.analysis.voices.quotation_marks import QuoteIndex
from reader.frozen_mapping import FrozenMapping
from reader.model import Span, Speaker

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacy.tokens import Doc, Token

_PRONOUNS = {"he", "she", "they", "it", "this", "that", "who", "which"}
# What the author or the reader holds is no one else's view: the author's stays theirs to judge.
_FIRST_AND_SECOND = {"i", "me", "we", "us", "you"}


@dataclass(frozen=True)
class Stance:
    """A predicate that may report its holder's view, and the holder."""

    predicate: Token
    holder: Speaker
    features: tuple[str, ...]

    @property
    def cue(self) -> Span:
        token = self.predicate
        return Span(token.text, token.idx, token.idx + len(token))


def stances(doc: Doc, start: int, end: int, quoted: QuoteIndex) -> Iterator[Stance]:
    """Every predicate in doc.text[start:end], outside direct quotes, whose holder the parse names."""
    span = doc.char_span(start, end, alignment_mode="expand") if start < end else None
    if span is None:
        return
    marked = any(token.is_quote for token in span)
    for token in span:
        if quoted.in_speech(token.idx):
            continue
        holder = _holder(doc, token, quoted)
        if holder is not None:
            yield Stance(token, holder, tuple(predicate_features(doc, token, holder, marked)))


def _holder(doc: Doc, token: Token, quoted: QuoteIndex) -> Speaker | None:
    holder = None
    if token.pos_ == "VERB":
        holder = speakers.of_verb(doc, token, quoted)
    elif token.pos_ == "ADJ" and token.dep_ == "acomp":
        holder = speakers.of_verb(doc, token.head, quoted)
    elif token.pos_ == "NOUN":
        owner = next((child for child in token.children if child.dep_ == "poss"), None)
        if owner is not None:
            holder = speakers.headed_by(doc, owner, quoted)
    return None if holder is None or holder.text.lower() in _FIRST_AND_SECOND else holder


def predicate_features(doc: Doc, token: Token, holder: Speaker, marked: bool) -> Iterator[str]:
    """What the model weighs of a predicate and its holder."""
    lemma = token.lemma_.lower()
    yield f"lemma={lemma}"
    yield f"pos={token.pos_}"
    yield f"dep={token.dep_}"
    yield f"tag={token.tag_}"
    yield f"lemma,dep={lemma},{token.dep_}"
    yield f"head={token.head.pos_}"
    if lemma in lexicon.reporting_verbs():
        yield f"reporting verb={lexicon.reporting_verbs()[lemma] or 'any'}"
    for kind in ("reporting_nouns", "reporting_adjectives", "evaluative"):
        if lemma in lexicon.words(kind):
            yield f"lexicon={kind}"
    for child in token.children:
        yield f"child={child.dep_}"
        if child.dep_ in ("prep", "prt", "aux", "neg", "mark", "advmod", "acomp"):
            yield f"{child.dep_}={child.lower_}"
            yield f"lemma,{child.dep_}={lemma},{child.lower_}"
    yield f"depth={min(depth(token), 3)}"
    if token.dep_ in ("xcomp", "ccomp", "conj", "advcl"):
        yield f"above={token.head.lemma_.lower()}"
    head = doc.char_span(holder.start, holder.end, alignment_mode="expand")
    root = head.root if head is not None and len(head) else None
    if root is not None:
        kind = root.ent_type_ or root.pos_
        yield f"holder={kind}"
        yield f"lemma,holder={lemma},{kind}"
        if root.lower_ in _PRONOUNS:
            yield f"holder word={root.lower_}"
        elif root.pos_ == "NOUN":
            yield f"holder word={root.lemma_.lower()}"
        yield "holder before" if root.i < token.i else "holder after"
    if speakers.is_named(doc, holder):
        yield "holder named"
    if marked:
        yield "quotation marks"


@dataclass(frozen=True)
class StanceWeights:
    """The stance model: a bias, the probability it takes a view from, and one weight per predicate feature."""

    bias: float
    threshold: float
    """The probability from which a predicate is taken as its holder's view."""
    features: FrozenMapping[str, float]


@functools.cache
def stance_weights() -> StanceWeights:
    """The shipped model (stance_weights.txt: `bias`, `threshold`, then a feature and its weight a line)."""
    table = lexicon.weights("stance_weights.txt", "reader.analysis.voices")
    return StanceWeights(table.pop("bias"), table.pop("threshold"), FrozenMapping(table))


def strongest(views: Iterable[Stance]) -> Stance | None:
    """The likeliest of the views, if the model takes it as one (compared in log-odds, each summed once)."""
    model = stance_weights()
    scored = max(((model.bias + sum(model.features.get(feature, 0.0) for feature in view.features), view)
                  for view in views), key=lambda pair: pair[0], default=None)
    if scored is None or scored[0] < math.log(model.threshold / (1 - model.threshold)):
        return None
    return scored[1]


def depth(token: Token) -> int:
    """How far a token hangs below the root of its sentence."""
    below = 0
    while token.head.i != token.i:
        token = token.head
        below += 1
    return below
