"""The analysis engine: from an Article to an Analysis, one step per module."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from reader import nlp
from reader.analysis import attribution, entities, figures, label, opinion, quotes, segment
from reader.model import Analysis, Article, Paragraph, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc


def analyze(article: Article, progress: Callable[[float], None] | None = None) -> Analysis:
    """Analyse one article; `progress` is told the fraction parsed so far."""
    return _analyze_doc(article, nlp.parse(article.text, progress))


def analyze_many(articles: Iterable[Article]) -> Iterator[Analysis]:
    """Analyse several articles, parsing them in one stream."""
    articles = list(articles)
    for article, doc in zip(articles, nlp.parse_many(a.text for a in articles)):
        yield _analyze_doc(article, doc)


def classify(lines: Iterable[str]) -> list[Sentence]:
    """Label each line as one sentence on its own."""
    lines = list(lines)
    labelled = []
    for line, doc in zip(lines, nlp.parse_many(lines)):
        sentence = Sentence(0, 0, len(line), line, 0)
        _label(doc, [sentence])
        labelled.append(sentence)
    return labelled


def _analyze_doc(article: Article, doc: Doc) -> Analysis:
    paragraphs: list[Paragraph] = segment.paragraphs(article.text)
    sentences = segment.sentences(doc, paragraphs)
    found_quotes = _label(doc, sentences)
    found_entities = entities.find_entities(doc, sentences)
    entities.name_sources(found_entities, sentences, found_quotes)
    found_figures = figures.find_figures(doc, sentences, article.date)
    return Analysis(article, paragraphs, sentences, found_quotes, found_entities, found_figures)


def _label(doc: Doc, sentences: list[Sentence]):
    found_quotes = quotes.find_quotes(doc, sentences)
    for sentence, attributed in zip(sentences, attribution.attribute(doc, sentences, found_quotes)):
        sentence.attribution = attributed
    opinions = [opinion.assess(doc, sentence) for sentence in sentences]
    label.label_sentences(sentences, found_quotes, opinions)
    return found_quotes
