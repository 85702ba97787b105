"""How much each sentence reads as the author's own opinion, and the cues behind that.

One stage, called once by the pipeline (`find`); the labels (label.py) and the cues the app and the JSON show read
its result. Inside it: `signals` (each signal that fires in a sentence: a cue, the words with offsets into the text,
and the feature it counts for), `scoring` (the signals made a score by the weights of one of two models) and
`opinion_model` (the learned sentence model, its files in opinion_model/). Words inside someone else's quoted speech
say nothing of the author's opinion: their signals are left out. The two models:

- "learned" (the default): the fine-tuned sentence model's log-odds (opinion_model.py) stacked with the
  signals' features (opinion_model/stack.txt, fitted by training/opinion.py). Only a sentence that is
  neither mostly quoted nor relaying someone else's words runs through the sentence model. One that
  relays someone is the author's opinion only when the author's own words around the report (its
  `Frame`) are, by the same stack on their signals; a mostly quoted one never is.
- "rules": a logistic model over the features alone (opinion_weights.txt, fitted by
  benchmarks/tune_opinion.py on the same sentences as the stack), needing no sentence model.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from reader.analysis.entities import headings
from reader.analysis.opinion import signals
from reader.analysis.opinion.scoring import (
    MODELS,
    THRESHOLD,
    Frame,
    Opinion,
    OpinionModel,
    OpinionWeights,
    feature_values,
    score,
    stacked_weights,
)
from reader.analysis.opinion.signals import FEATURES, Signal
from reader.analysis.voices.attribution import authors_words as attribution_words
from reader.analysis.voices.attribution import frame_text as attribution_frame_text
from reader.analysis.voices.quotation_marks import QuoteIndex, mostly_quoted
from reader.model import Attribution, Cue, Segment

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "FEATURES", "MODELS", "THRESHOLD", "Frame", "Opinion", "OpinionModel", "OpinionWeights", "Signal", "assess",
    "feature_values", "find", "frame", "relays_others", "score",
]


def find(doc: Doc, sentences: Sequence[Segment], quoted: QuoteIndex, attributions: Sequence[Attribution | None],
         model: OpinionModel = "learned") -> list[Opinion]:
    """How much each of `sentences` reads as the author's own opinion, with the signals that fired (see `assess`);
    `attributions` are theirs, one a sentence."""
    if model == "learned":
        from reader.analysis.opinion import opinion_model

        # What the sentence model will read, in order: each sentence not mostly quoted, or for one that relays
        # someone the author's words around the report. On the second core, while this one assesses the sentences
        # before them (the same scores); the guesses it was given during the parse are dropped.
        read = [text for sentence, attribution in zip(sentences, attributions, strict=True)
                if not mostly_quoted(quoted.speech_share(sentence.start, sentence.end))
                and (text := _read_by_model(doc, sentence, attribution))]
        if read:
            opinion_model.load().only_ahead(read)
    return [assess(doc, sentence, quoted, attribution, model)
            for sentence, attribution in zip(sentences, attributions, strict=True)]


def assess(doc: Doc, sentence: Segment, quoted: QuoteIndex, attribution: Attribution | None,
           model: OpinionModel = "learned") -> Opinion:
    """Score how much `sentence` reads as the author's own opinion, with the signals that fired."""
    stretches = quoted.touching(sentence.start, sentence.end)
    speech = [(stretch.start, stretch.end) for stretch in stretches if stretch.speech]
    found = signals.fired(doc, sentence, stretches)
    framing = [signal.cue for signal in found if signal.feature == "framing" and not _inside(signal.cue, speech)]
    attributed = relays_others(attribution, framing)
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if not attributed and span is not None and len(span) and not headings.is_title(sentence.text, headings.alone(span)):
        found.append(signals.unsourced(span))
    kept = sorted((signal for signal in found if not _inside(signal.cue, speech)),
                  key=lambda signal: (signal.cue.start, signal.cue.end))
    framed = frame(doc, sentence, attribution, kept) if attributed and attribution is not None else None
    if model != "learned" or mostly_quoted(quoted.speech_share(sentence.start, sentence.end)):
        return score(kept, attributed, frame=framed)
    from reader.analysis.opinion import opinion_model

    if framed is None:
        [log_odds] = opinion_model.load().log_odds([sentence.text])
        return score(kept, attributed, stacked_weights(), log_odds)
    # What someone is reported to think is theirs, but the words the author frames it with are the author's: the
    # stack weighs their signals and the model's reading of them alone ("Trump falsely claimed that"). Leaving the
    # model out there was as good on cross-validation but 0.02 worse on dev_test and 0.04 on BABE (docs/MODELS.md).
    text = attribution_frame_text(doc, sentence, attribution)
    [frame_odds] = opinion_model.load().log_odds([text]) if text else [0.0]
    own = score(framed.signals, False, stacked_weights(), frame_odds, frame=framed)
    return own if own.score >= THRESHOLD else score(kept, attributed, frame=framed)


def _read_by_model(doc: Doc, sentence: Segment, attribution: Attribution | None) -> str:
    """What the sentence model will most likely read of a sentence not mostly quoted (see `assess`): the author's
    words around what it reports when it relays someone, else the sentence."""
    if attribution is not None and relays_others(attribution):
        return attribution_frame_text(doc, sentence, attribution)
    return sentence.text


def frame(doc: Doc, sentence: Segment, attribution: Attribution, found: Iterable[Signal]) -> Frame:
    """The author's words around what a sentence reports (see `attribution.authors_words`), with the signals
    among `found` that lie in them."""
    words = attribution_words(doc, sentence, attribution.cue)
    covered = {offset for token in words for offset in range(token.idx, token.idx + len(token))}
    return Frame("".join(token.text_with_ws for token in words).strip(),
                 tuple(signal for signal in found if _inside_words(signal.cue, covered)))


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
    return not attribution.speaker.authors


def _inside(cue: Cue, spans: list[tuple[int, int]]) -> bool:
    return any(start <= cue.start and cue.end <= end for start, end in spans)


def _inside_words(cue: Cue, covered: set[int]) -> bool:
    """Whether every character of a cue but spaces is one of `covered` (offsets into the text)."""
    return all(offset in covered for offset, char in enumerate(cue.text, cue.start) if not char.isspace())
