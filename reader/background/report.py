"""What an analysis tells the screen while it works, and what it asks of it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from reader.model import Analysis, Article, Sentence

PROGRESS_STEP = 0.02
"""The smallest change of progress worth repainting the bar for."""


class AnalysisCancelled(Exception):
    """Raised inside the analysis, at its next report, to stop it when the result is no longer wanted."""


@dataclass(frozen=True, kw_only=True)
class Report:
    """What an analysis tells the screen while it works, and what it asks of it.

    Called with a fraction, it reports progress (an analyzer that only does that is fine); `labelled`
    gives the sentences of a stretch as soon as they are known; `near` is where the reader is looking;
    `wanted` whether the result still is; `first_look` gives a first look's sentences, before any are known;
    `told` gives a line the reader should read while the analysis goes on (without the learned model, or
    started again).
    """

    progress: Callable[[float], None]
    labelled: Callable[[tuple[Sentence, ...]], None] = lambda sentences: None
    near: Callable[[], int] = lambda: 0
    wanted: Callable[[], bool] = lambda: True
    first_look: Callable[[tuple[Sentence, ...]], None] = lambda sentences: None
    told: Callable[[str], None] = lambda message: None

    def __call__(self, fraction: float) -> None:
        if not self.wanted():
            raise AnalysisCancelled
        self.progress(fraction)


class Analyzer(Protocol):
    """Turns an article into its analysis, telling a `Report` how it goes."""

    def __call__(self, article: Article, report: Report, /) -> Analysis: ...


def in_steps(show: Callable[[float], None]) -> Callable[[float], None]:
    """`show` for progress, called only once it has moved by PROGRESS_STEP since last shown, or is complete: each
    call costs the screen a repaint."""
    shown = 0.0

    def progress(fraction: float) -> None:
        nonlocal shown
        if fraction - shown >= PROGRESS_STEP or fraction >= 1:
            shown = fraction
            show(fraction)

    return progress
