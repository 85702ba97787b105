"""One label per sentence — quote, reported or opinion — by the rules in DESIGN.md."""

from __future__ import annotations

import re

from reader.analysis.opinion import Opinion
from reader.model import Cue, Quote, Sentence

_WORD = re.compile(r"\w+(?:['’]\w+)*")


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
        share = quoted_share(sentence, quotes)
        cues = list(opinion.cues)
        if sentence.attribution is not None:
            cue = sentence.attribution.cue
            cues.insert(0, Cue("attribution", cue.text, cue.start, cue.end))
        if share >= 0.5:
            quote_score = 0.5 + share / 2
            scores = {"quote": quote_score, "reported": 1 - quote_score, "opinion": 0.0}
        elif sentence.attribution is not None:
            # An attributed opinion is reported: the author only relays it.
            scores = {"quote": share / 2, "reported": 1 - share / 2, "opinion": 0.0}
        else:
            scores = {"quote": share / 2, "reported": (1 - opinion.score) * (1 - share / 2),
                      "opinion": opinion.score * (1 - share / 2)}
        sentence.label = max(scores, key=scores.get)
        sentence.scores = {key: round(value, 3) for key, value in scores.items()}
        sentence.confidence = sentence.scores[sentence.label]
        sentence.cues = sorted(cues, key=lambda cue: cue.start)
