"""One label per sentence — quote, reported or opinion — by the rules in DESIGN.md."""

from __future__ import annotations

import re

from reader.analysis.opinion import THRESHOLD, Opinion, attributed_to_others
from reader.model import Cue, Quote, Sentence

_WORD = re.compile(r"\w+(?:['’]\w+)*")
# An attributed claim can still carry some of the author's slant, but far less than an unattributed one.
_ATTRIBUTED_OPINION = 0.2
_SECONDARY = {"sentiment", "negation", "unattributed", "past"}


def quoted_share(sentence: Sentence, quotes: list[Quote]) -> float:
    """The share of the sentence's words that lie inside direct quotes."""
    words = [(m.start() + sentence.start, m.end() + sentence.start) for m in _WORD.finditer(sentence.text)]
    if not words:
        return 0.0
    spans = [(q.start, q.end) for q in quotes if q.start < sentence.end and q.end > sentence.start]
    inside = sum(1 for start, end in words if any(s <= start and end <= e for s, e in spans))
    return inside / len(words)


def label_sentences(sentences: list[Sentence], quotes: list[Quote], opinions: list[Opinion]) -> None:
    """Set each sentence's label, confidence, scores and cues."""
    for sentence, opinion in zip(sentences, opinions):
        touching = [q for q in quotes if q.start < sentence.end and q.end > sentence.start]
        # Words inside a direct quote are the speaker's: they say nothing of the author's opinion.
        opinion = opinion.outside((q.start, q.end) for q in touching)
        share = quoted_share(sentence, touching)
        attributed = attributed_to_others(sentence, opinion.signals)
        scores = _scores(share, attributed, opinion.score)
        if share >= 0.5:
            label = "quote"
        elif not attributed and opinion.score >= THRESHOLD:
            label = "opinion"
        else:
            label = "reported"
        sentence.label = label
        sentence.scores = {key: round(value, 3) for key, value in scores.items()}
        sentence.confidence = sentence.scores[label]
        sentence.cues = _cues(sentence, label, touching, opinion, attributed)


def _scores(share: float, attributed: bool, opinion: float) -> dict[str, float]:
    """Scores per label that sum to 1: the quoted share first, then opinion against report."""
    quote = share if share >= 0.5 else share / 2
    rest = 1 - quote
    if share >= 0.5:
        opinion_part = 0.0
    elif attributed:
        opinion_part = rest * opinion * _ATTRIBUTED_OPINION
    else:
        opinion_part = rest * opinion
    return {"quote": quote, "reported": rest - opinion_part, "opinion": opinion_part}


def _cues(sentence: Sentence, label: str, quotes: list[Quote], opinion: Opinion, attributed: bool) -> list[Cue]:
    """The words behind the label: quotation and speaker, attribution, and the opinion signals that fired."""
    cues = []
    if label == "quote":
        for quote in quotes:
            start, end = max(quote.start, sentence.start), min(quote.end, sentence.end)
            cues.append(Cue("quote", sentence.text[start - sentence.start : end - sentence.start], start, end))
            if quote.cue is not None:
                cues.append(Cue("attribution", quote.cue.text, quote.cue.start, quote.cue.end))
    elif attributed:
        cue = sentence.attribution.cue
        cues.append(Cue("attribution", cue.text, cue.start, cue.end))
    for cue, push in zip(opinion.cues, opinion.pushes):
        if label == "opinion" and push < 0:
            continue  # Factual signals did not make this sentence an opinion.
        # Lacking a source, or one charged word ("illegal", "approval"), explains an opinion, not a report.
        if cue.kind in ("unattributed", "sentiment") and label != "opinion":
            continue
        cues.append(cue)
    # A weak signal already inside a sharper cue (negation in "may not", past tense in "said") says it twice.
    shown = [cue for cue in cues if cue.kind not in _SECONDARY or not any(
        other.kind not in _SECONDARY and other.start <= cue.start and cue.end <= other.end for other in cues)]
    unique = {(cue.kind, cue.start, cue.end): cue for cue in shown}
    return sorted(unique.values(), key=lambda cue: (cue.start, cue.end))
