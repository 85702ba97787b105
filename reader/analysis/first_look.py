"""A first look at a stretch of an article, before spaCy has loaded: what the app shows for the second it takes.

Sentences are cut where the marks that end them are, quotes are found by their quotation marks as the full
analysis finds them, a reporting verb ("said", "according to") marks a claim as someone else's, and the
sentence model alone scores the rest for opinion. Its labels stand in for the full analysis's of the same
stretch until those come; most are the same.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right

from reader.analysis import label, lexicon, segment
from reader.analysis.opinion import Opinion, OpinionWeights, score
from reader.analysis.voices import quotation_marks
from reader.analysis.voices.quotation_marks import mostly_quoted
from reader.frozen_mapping import FrozenMapping
from reader.model import Article, Quote, Sentence

FIRST_LOOK_CHARACTERS = 3_000
"""About a screenful and a half: what a first look covers from where the reader is."""

OPINION_LOG_ODDS = 0.3
"""The sentence model's log-odds from which a first look calls a sentence opinion: chosen on PolNeAR train as the
cut-off that agrees best with the full analysis (benchmarks/first_look.py --fit)."""
# The sentence model alone, with no hand features beside it, opinion from OPINION_LOG_ODDS on.
_MODEL_ALONE = OpinionWeights(-OPINION_LOG_ODDS, FrozenMapping(), 1.0)


def first_look(article: Article, near: int = 0, characters: int = FIRST_LOOK_CHARACTERS) -> tuple[Sentence, ...]:
    """The sentences of the paragraphs from `near` on, about `characters` of them, with first-look labels."""
    from reader.analysis.opinion import opinion_model

    text = article.text
    paragraphs = segment.paragraphs(text)
    if not paragraphs:
        return ()
    first = max(bisect_right([paragraph.start for paragraph in paragraphs], near) - 1, 0)
    last = first
    while last + 1 < len(paragraphs) and paragraphs[last].end - paragraphs[first].start < characters:
        last += 1
    # Numbered as the whole article numbers its paragraphs; the headline is the first paragraph's to be.
    segments = [place for place in segment.rough_sentences(text, paragraphs[: last + 1], len(paragraphs) > 1)
                if place.paragraph >= first]
    index = quotation_marks.index(text, segments)
    shares = [index.speech_share(place.start, place.end) for place in segments]
    relayed = [bool(_relayed().search(place.text)) for place in segments]
    scored = [place.text for place, share, other in zip(segments, shares, relayed, strict=True)
              if not mostly_quoted(share) and not other]
    log_odds = iter(opinion_model.load().log_odds(scored))
    sentences = []
    for number, (place, share, other) in enumerate(zip(segments, shares, relayed, strict=True)):
        opinion = score((), other, _MODEL_ALONE, next(log_odds)) if not mostly_quoted(share) and not other else Opinion(
            0.0, (), (), other)
        speech = [Quote(stretch.start, stretch.end, text[stretch.start : stretch.end], (), None, None)
                  for stretch in index.touching(place.start, place.end) if stretch.speech]
        verdict = label.judge(place, index, speech, None, opinion)
        sentences.append(Sentence(number, place.start, place.end, place.text, place.paragraph, verdict.label,
                                  verdict.confidence, verdict.scores, verdict.cues))
    return tuple(sentences)


@functools.cache
def _relayed() -> re.Pattern[str]:
    """The commonest ways a sentence gives its claim to someone else, as they stand in the text (the full analysis
    reads them from the parse): the forms of lexicons/reporting_forms.txt, and "according to", which the full
    analysis reads by its words too (attribution.py)."""
    forms = {form for forms in lexicon.table("reporting_forms").values() for form in forms} | {"according to"}
    return re.compile(rf"\b(?:{'|'.join(sorted(map(re.escape, forms)))})\b", re.IGNORECASE)


def likely_scored(article: Article) -> list[str]:
    """The sentences that the analysis will most likely run through the sentence model, as a first look cuts them,
    likeliest first (for `opinion_model.SentenceModel.ahead`): those neither mostly quoted nor relaying someone,
    then those that relay someone, whose frame is often the whole sentence ("the senator's call for a ban")."""
    paragraphs = segment.paragraphs(article.text)
    segments = segment.rough_sentences(article.text, paragraphs)
    index = quotation_marks.index(article.text, segments)
    unquoted = [place.text for place in segments if not mostly_quoted(index.speech_share(place.start, place.end))]
    return [text for text in unquoted if not _relayed().search(text)] + [text for text in unquoted
                                                                          if _relayed().search(text)]
