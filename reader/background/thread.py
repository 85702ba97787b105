"""Any analyzer run in a thread of its own, which quitting the app never waits for."""

from __future__ import annotations

import threading

from reader.background.report import AnalysisCancelled, Analyzer, Report
from reader.model import Analysis, Article
from reader.time_budget import OutOfTime


def analyze_apart(analyzer: Analyzer, article: Article, report: Report) -> Analysis | Exception | None:
    """Run `analyzer` on `article`; its result, the error it raised, or None once `report.wanted()` turned false.

    The analysis runs in a daemon thread of its own, so that quitting during a long analysis never waits
    for it; it stops at its next report once `report.wanted()` is false.
    """
    outcome: list[Analysis | Exception] = []

    def analyze() -> None:
        try:
            outcome.append(analyzer(article, report))
        except Exception as error:  # the app stays a plain reader whatever went wrong
            outcome.append(error)
        except OutOfTime as error:
            outcome.append(RuntimeError(str(error)))

    thread = threading.Thread(target=analyze, name="analysis", daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(0.05)
        if not report.wanted():
            return None
    result = outcome[0] if outcome else RuntimeError("the analysis stopped unexpectedly")
    return None if isinstance(result, AnalysisCancelled) else result
