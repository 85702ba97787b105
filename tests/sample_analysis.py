"""The sample article's analysis as recorded in tests/data, so that a screen drawn from it tests the screen, not the
engine's latest decimals.

Record it again when the engine changes on purpose: `python tests/sample_analysis.py`
"""

from __future__ import annotations

import functools
import json
from dataclasses import replace
from pathlib import Path

from reader.background.report import Report
from reader.model import Analysis, Article

RECORDED = Path(__file__).parent / "data" / "sample-analysis.json"


def sample() -> Article:
    """The sample as reader loads it, named by its file name (the checkout's path differs from one machine to the
    next)."""
    from reader.resources import sample_article
    from reader.sources import load

    path = sample_article()
    return replace(load(str(path)), origin=path.name)


@functools.cache
def recorded() -> Analysis:
    """The sample's analysis as the engine gave it when it was recorded."""
    return Analysis.from_json(json.loads(RECORDED.read_text(encoding="utf-8")))


def replay(article: Article, report: Report) -> Analysis:
    """An analyzer for the app that gives the recorded analysis of the sample at once."""
    analysis = recorded()
    if article != analysis.article:
        raise ValueError(f"only the sample's analysis is recorded, not {article.origin}'s")
    report(1.0)
    return analysis


def record() -> None:
    """Analyse the sample with the engine as it is now and keep what it gives."""
    from reader.analysis import analyze
    from reader.output import json_document

    RECORDED.write_text(json_document(analyze(sample()).to_json()), encoding="utf-8")


if __name__ == "__main__":
    record()
