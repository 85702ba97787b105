"""The analysis batch by batch, nearest the reader first: the one loop the analysis process and this process both
run, and the analyzers that run it here."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.background.report import Analyzer, Report
from reader.model import Analysis, Article
from reader.time_budget import ThreadBudget, default_seconds, limited

if TYPE_CHECKING:
    from reader.analysis.opinion import OpinionModel


def analyze_in_batches(article: Article, report: Report, model: OpinionModel, max_seconds: float | None,
                       look_first: bool) -> Analysis:
    """The analysis of `article`, telling `report` each batch of labels from where the reader looks, then giving the
    whole, which is exactly `analyze()`'s; before spaCy loads, a first look with the learned model when `look_first`.

    OutOfTime once the batches and the whole have taken `max_seconds` of CPU time (None: the default for the
    article's size), spaCy's loading apart: in a process's main thread wherever the work is, in another thread at
    the next batch.
    """
    from reader import nlp
    from reader.analysis.first_look import first_look
    from reader.analysis.progressive import ProgressiveAnalysis

    model = learned_or_rules(model, report.told)
    if model == "learned" and look_first:
        report.first_look(first_look(article, report.near()))
    # spaCy loads before the clock starts: an import cut short by it would leave the process half made.
    nlp.pipeline()
    seconds = max_seconds or default_seconds(article.text)
    with limited(seconds):
        budget = ThreadBudget(seconds)
        progressive = ProgressiveAnalysis(article, model=model)
        while not progressive.finished:
            batch = progressive.next_batch(report.near())
            budget.check()
            report(progressive.done)
            report.labelled(batch.sentences)
        whole = progressive.whole()
    return whole


def learned_or_rules(model: OpinionModel, told: Callable[[str], None]) -> OpinionModel:
    """`model`, loaded; the rules instead of the learned model when a file of it is missing or damaged, which the
    reader is `told`: the app still labels every sentence."""
    from reader.analysis.opinion import opinion_model

    if model != "learned":
        return model
    try:
        opinion_model.load()
        opinion_model.stack()
    except opinion_model.ModelBroken as error:
        told(f"{error.problem}: the labels come from the rules alone, as with --model rules")
        return "rules"
    return model


def analyze_progressively(article: Article, report: Report, model: OpinionModel = "learned",
                          max_seconds: float | None = None) -> Analysis:
    """The real analysis, in this process, batch by batch from where the reader looks (a first look before, while
    spaCy loads, with the learned model); OutOfTime once it has taken `max_seconds` of CPU time (None: the default
    for the article's size)."""
    from reader import nlp

    return analyze_in_batches(article, report, model, max_seconds, look_first=not nlp.loaded())


def progressively(model: OpinionModel = "learned", max_seconds: float | None = None) -> Analyzer:
    """The real analysis in this process, scoring opinion with `model`, within `max_seconds` of CPU time."""
    return functools.partial(analyze_progressively, model=model, max_seconds=max_seconds)


def known(analysis: Analysis, otherwise: Analyzer) -> Analyzer:
    """An analyzer that has `analysis` at once for its article (the comparison worked it out already), and asks
    `otherwise` for any other (one chosen in the library)."""

    def analyze(article: Article, report: Report) -> Analysis:
        if article.sha256 != analysis.article.sha256:
            return otherwise(article, report)
        report(1.0)
        return analysis

    return analyze
