"""One label per sentence — quote, reported or opinion — by the rules in docs/MODELS.md (How the labels are made)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reader.analysis.opinion import THRESHOLD, Opinion
from reader.analysis.voices.quotation_marks import QuoteIndex, mostly_quoted
from reader.frozen_mapping import FrozenMapping
from reader.model import Attribution, Cue, Label, Quote, Segment

# An attributed claim can still carry some of the author's slant, but far less than an unattributed one.
_ATTRIBUTED_OPINION = 0.2
_SECONDARY = {"sentiment", "negation", "unattributed", "past"}


@dataclass(frozen=True)
class Verdict:
    """A sentence's label, how sure it is, the score of every label, and the cues behind it."""

    label: Label
    confidence: float
    scores: FrozenMapping[str, float]
    cues: tuple[Cue, ...]


def judge(sentence: Segment, quoted: QuoteIndex, quotes: list[Quote], attribution: Attribution | None,
          opinion: Opinion) -> Verdict:
    """The label of one sentence from its quoted share, its attribution and its opinion score.

    `quotes` are the quotes that touch the sentence.
    """
    share = quoted.speech_share(sentence.start, sentence.end)
    scores = _scores(share, opinion.attributed, opinion.score)
    label: Label
    if mostly_quoted(share):
        label = "quote"
    elif not opinion.attributed and opinion.score >= THRESHOLD:
        label = "opinion"
    else:
        label = "reported"
    rounded = FrozenMapping((key, round(value, 3)) for key, value in scores.items())
    return Verdict(label, rounded[label], rounded, _cues(sentence, label, quotes, attribution, opinion))


def _scores(share: float, attributed: bool, opinion: float) -> dict[str, float]:
    """Scores per label that sum to 1: the quoted share first, then opinion against report."""
    quote = share if mostly_quoted(share) else share / 2
    rest = 1 - quote
    if mostly_quoted(share):
        opinion_part = 0.0
    elif attributed:
        opinion_part = rest * opinion * _ATTRIBUTED_OPINION
    else:
        opinion_part = rest * opinion
    return {"quote": quote, "reported": rest - opinion_part, "opinion": opinion_part}


def _cues(sentence: Segment, label: Label, quotes: list[Quote], attribution: Attribution | None,
          opinion: Opinion) -> tuple[Cue, ...]:
    """The words behind the label: quotation and speaker, attribution, and the opinion signals that fired."""
    cues = []
    if label == "quote":
        for quote in quotes:
            start, end = max(quote.start, sentence.start), min(quote.end, sentence.end)
            cues.append(Cue("quote", sentence.text[start - sentence.start : end - sentence.start], start, end))
            if quote.cue is not None:
                cues.append(Cue("attribution", quote.cue.text, quote.cue.start, quote.cue.end))
    elif opinion.attributed and attribution is not None:
        cues.append(Cue("attribution", attribution.cue.text, attribution.cue.start, attribution.cue.end))
    for cue, push in opinion.cues() if label != "quote" else ():
        # A cue that pushed the other way is no reason for the label: a fact's figures don't make an opinion.
        if (label == "opinion") != (push > 0):
            continue
        cues.append(replace(cue, push=round(push, 3)))
    # A weak signal already inside a sharper cue (negation in "may not", past tense in "said") says it twice.
    shown = [cue for cue in cues if cue.kind not in _SECONDARY or not any(
        other.kind not in _SECONDARY and other.start <= cue.start and cue.end <= other.end for other in cues)]
    unique = {(cue.kind, cue.start, cue.end): cue for cue in shown}
    return tuple(sorted(unique.values(), key=lambda cue: (cue.start, cue.end)))
