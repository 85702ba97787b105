"""Two small reports of one storm and an unrelated one, written for the tests (tests/data/compare), with their
analyses as recorded, so that a comparison drawn from them tests the screen, not the engine's latest decimals; and
the app comparing them.

Record them again when the engine changes on purpose: `python tests/compare_analyses.py`
"""

from __future__ import annotations

import functools
import json
from dataclasses import replace
from pathlib import Path

from reader.background.report import Report
from reader.model import Analysis, Article
from reader.tui.comparison_app import ComparisonApp
from reader.tui.screens.compare import CompareScreen

FOLDER = Path(__file__).parent / "data" / "compare"
FIRST, SECOND, UNRELATED = "storm-first.txt", "storm-second.txt", "library.txt"


def article(name: str) -> Article:
    """The article as reader loads it, named by its file name (the checkout's path differs from one machine to the
    next)."""
    from reader.sources import load

    return replace(load(str(FOLDER / name)), origin=name)


@functools.cache
def recorded(name: str) -> Analysis:
    """The article's analysis as the engine gave it when it was recorded."""
    return Analysis.from_json(json.loads(_recording(name).read_text(encoding="utf-8")))


def replay(article: Article, report: Report) -> Analysis:
    """An analyzer for the app that gives the recorded analysis of one of the articles at once."""
    for name in (FIRST, SECOND, UNRELATED):
        if recorded(name).article == article:
            report(1.0)
            return recorded(name)
    raise ValueError(f"no analysis of {article.origin} is recorded")


def storm_app(second: str = SECOND, analyzer=replay) -> ComparisonApp:
    """The comparison of the first storm report with `second`, analysed by `analyzer`."""
    return ComparisonApp(article(FIRST), article(second), analyzer=analyzer)


async def compared(pilot) -> CompareScreen:
    """Wait until both analyses and the comparison are on screen; return the comparison screen."""
    from helpers import until

    screen = pilot.app.comparison
    await until(pilot, lambda: screen.comparison is not None, "the comparison never came")
    await pilot.pause()
    return screen


def _recording(name: str) -> Path:
    return FOLDER / f"{Path(name).stem}.analysis.json"


def record() -> None:
    """Analyse the articles with the engine as it is now and keep what it gives."""
    from reader.analysis import analyze
    from reader.output import json_document

    for name in (FIRST, SECOND, UNRELATED):
        _recording(name).write_text(json_document(analyze(article(name)).to_json()), encoding="utf-8")


if __name__ == "__main__":
    record()
