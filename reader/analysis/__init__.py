"""The analysis engine: from an Article to an Analysis, one step per module, each returning new values."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from reader import nlp
from reader.analysis import entities, figures, label, opinion, segment, voices
from reader.analysis.opinion import MODELS, OpinionModel
from reader.analysis.voices import quotation_marks
from reader.model import Analysis, Article, Attribution, Paragraph, Quote, Segment, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

Memo = dict[tuple, tuple[label.Verdict, opinion.Opinion]]
"""Labels found for sentences, by everything a label depends on (see `_labelled`)."""

__all__ = [
    "MODELS", "OpinionModel", "analyze", "analyze_doc", "analyze_many", "classify", "label_text", "opinion_features",
]


def analyze(article: Article, progress: Callable[[float], None] | None = None,
            model: OpinionModel = "learned", ahead: bool = True) -> Analysis:
    """Analyse one article; `progress` is told the fraction parsed so far; `model` scores opinion (see opinion/).

    With the learned model and `ahead`, the sentences it will most likely read are scored on another core while
    spaCy parses (the same scores; set it false where every core has work already).
    """
    if model != "learned" or not ahead:
        return analyze_doc(article, nlp.parse(article.text, progress), model=model)
    from reader.analysis.first_look import likely_scored
    from reader.analysis.opinion import opinion_model

    with opinion_model.load().ahead(likely_scored(article)):
        return analyze_doc(article, nlp.parse(article.text, progress), model=model)


def analyze_many(articles: Iterable[Article], model: OpinionModel = "learned") -> Iterator[Analysis]:
    """Analyse several articles, parsing them in one stream."""
    articles = list(articles)
    for article, doc in zip(articles, nlp.parse_many(a.text for a in articles), strict=True):
        yield analyze_doc(article, doc, model=model)


def classify(lines: Iterable[str], model: OpinionModel = "learned") -> list[Sentence]:
    """Label each line as one sentence on its own."""
    return [sentence for sentence, _ in _each_line(lines, model)]


def opinion_features(lines: Iterable[str]) -> list[tuple[dict[str, float], bool, opinion.Frame | None]]:
    """For each line read as one sentence, as `classify` reads it: the hand features of its opinion score,
    whether reader's rule keeps it from being the author's opinion (mostly quoted, or relaying someone), and
    for one that relays someone, the author's words around the report (whose own opinion still counts)."""
    return [(opinion.feature_values(assessed.signals), sentence.label == "quote" or assessed.attributed,
             assessed.frame if sentence.label != "quote" else None)
            for sentence, assessed in _each_line(lines, "rules")]


def _each_line(lines: Iterable[str], model: OpinionModel) -> Iterator[tuple[Sentence, opinion.Opinion]]:
    lines = list(lines)
    for line, doc in zip(lines, nlp.parse_many(lines), strict=True):
        segments = [Segment(0, 0, len(line), line, 0)]
        index = quotation_marks.index(line, segments)
        found = voices.find(doc, segments, index)
        yield from _labelled(doc, segments, index, found.quotes, found.attributions, model)


def analyze_doc(article: Article, doc: Doc, memo: Memo | None = None, model: OpinionModel = "learned") -> Analysis:
    """The analysis of an article already parsed as `doc` (whose text is the article's).

    `memo` holds labels found earlier, by `label_text`, that still hold where nothing around them changed.
    """
    paragraphs = segment.paragraphs(article.text)
    segments = segment.sentences(doc, paragraphs)
    index = quotation_marks.index(article.text, segments)
    found_entities = entities.find(doc, segments)
    found = voices.find(doc, segments, index, found_entities)
    sentences = [sentence for sentence, _ in _labelled(doc, segments, index, found.quotes, found.attributions, model,
                                                        memo)]
    sourced = {sentence.id for sentence in sentences
               if sentence.attribution is not None and not sentence.attribution.held}
    sourced.update(id for quote in found.quotes if quote.speaker is not None for id in quote.sentence_ids)
    return Analysis(
        article=article,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        quotes=found.quotes,
        entities=tuple(found_entities),
        figures=tuple(figures.find(doc, segments, article.date, sourced)),
        voices=found.heard,
    )


def label_text(doc: Doc, paragraphs: list[Paragraph], headline: bool | None = None,
               memo: Memo | None = None, model: OpinionModel = "learned") -> list[Sentence]:
    """The labelled sentences of the given paragraphs of a parsed text, on their own (speakers unnamed).

    `headline` says whether the first paragraph is a headline (see `segment.sentences`); `memo` keeps
    each sentence's label for a later analysis of the whole text to reuse (see `_labelled`).
    """
    segments = segment.sentences(doc, paragraphs, headline)
    index = quotation_marks.index(nlp.text_of(doc), segments)
    found = voices.find(doc, segments, index)
    return [sentence for sentence, _ in _labelled(doc, segments, index, found.quotes, found.attributions, model, memo)]


def _labelled(doc: Doc, segments: list[Segment], index: quotation_marks.QuoteIndex, found_quotes: Sequence[Quote],
              attributions: Sequence[Attribution | None], model: OpinionModel, memo: Memo | None = None,
              ) -> Iterator[tuple[Sentence, opinion.Opinion]]:
    """Each segment as a labelled Sentence, with the opinion assessment behind its label.

    A label depends only on the sentence's words, the quotations and quotes that touch it and its
    attribution; with the same of these, a label found before (in `memo`) is taken again.
    """
    touching: list[list[Quote]] = [[] for _ in segments]
    for quote in found_quotes:
        for sentence_id in quote.sentence_ids:
            touching[sentence_id].append(quote)
    keys = [(place.start, place.end, tuple(index.touching(place.start, place.end)),
             tuple((quote.start, quote.end, quote.cue) for quote in near), _unnamed(attributed))
            for place, attributed, near in zip(segments, attributions, touching, strict=True)]
    known = {number: memo[key] for number, key in enumerate(keys) if memo is not None and key in memo}
    fresh = [number for number in range(len(segments)) if number not in known]
    assessed = opinion.find(doc, [segments[number] for number in fresh], index,
                            [attributions[number] for number in fresh], model)
    for number, found in zip(fresh, assessed, strict=True):
        known[number] = (label.judge(segments[number], index, touching[number], attributions[number], found), found)
        if memo is not None:
            memo[keys[number]] = known[number]
    for number, (place, attributed) in enumerate(zip(segments, attributions, strict=True)):
        verdict, found = known[number]
        sentence = Sentence(place.id, place.start, place.end, place.text, place.paragraph, verdict.label,
                            verdict.confidence, verdict.scores, verdict.cues, attributed)
        yield sentence, found


def _unnamed(attribution: Attribution | None) -> Attribution | None:
    """The attribution as the text gives it, without the entity name the whole analysis may add."""
    if attribution is None or attribution.speaker is None or attribution.speaker.name is None:
        return attribution
    return replace(attribution, speaker=replace(attribution.speaker, name=None))
