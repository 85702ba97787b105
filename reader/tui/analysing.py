"""The analysis run for the app: in a thread of its own, reporting progress, stopped when no longer wanted."""

from __future__ import annotations

import threading
from collections.abc import Callable

from reader.model import Analysis, Article

Analyzer = Callable[[Article, Callable[[float], None]], Analysis]
"""Turns an article into its analysis, telling a callback the fraction done."""

PROGRESS_STEP = 0.02
"""The smallest change of progress worth repainting the bar for."""


class AnalysisCancelled(Exception):
    """Raised inside the analysis, at its next progress report, to stop spaCy when the result is no longer wanted."""


def analyze_with_engine(article: Article, progress: Callable[[float], None]) -> Analysis:
    """The real analysis; spaCy is imported here, in the worker, so the text shows before it loads."""
    from reader.analysis import analyze

    return analyze(article, progress=progress)


def analyse_apart(
    analyzer: Analyzer,
    article: Article,
    show_progress: Callable[[float], None],
    wanted: Callable[[], bool],
) -> Analysis | Exception | None:
    """Run `analyzer` on `article`; its result, the error it raised, or None once `wanted()` turned false.

    The analysis runs in a daemon thread of its own, so that quitting during a long analysis never waits
    for it; it stops at its next progress report once `wanted()` is false.
    """
    shown = 0.0

    def progress(fraction: float) -> None:
        nonlocal shown
        if not wanted():
            raise AnalysisCancelled
        if fraction - shown >= PROGRESS_STEP or fraction >= 1:
            shown = fraction
            show_progress(fraction)

    outcome: list[Analysis | Exception] = []

    def analyse() -> None:
        try:
            outcome.append(analyzer(article, progress))
        except Exception as error:  # the app stays a plain reader whatever went wrong
            outcome.append(error)

    thread = threading.Thread(target=analyse, name="analysis", daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(0.05)
        if not wanted():
            return None
    result = outcome[0] if outcome else RuntimeError("the analysis stopped unexpectedly")
    return None if isinstance(result, AnalysisCancelled) else result
