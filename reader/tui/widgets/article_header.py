"""The header: the article's title and source, the analysis progress, and the legend of labels."""

from __future__ import annotations

from collections import Counter

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import ProgressBar, Static

from reader.model import LABELS, Analysis, Article
from reader.tui.marks import label_name

LABEL_KEYS = {label: str(number) for number, label in enumerate(LABELS, start=1)}
"""The key that toggles whether `]` stops at each label."""


class ArticleHeader(Vertical):
    """The title, the source, a progress bar while analysing, and each label with its count."""

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article

    def compose(self) -> ComposeResult:
        with Horizontal(id="headline"):
            yield Static(self._headline(), id="title")
            # No total until the analysis reports: the bar pulses while spaCy loads.
            yield ProgressBar(total=None, show_eta=False, id="progress")
        yield Static(Content("Working out the labels…"), id="legend")

    def _headline(self) -> Content:
        parts: list[tuple[str, str] | str] = []
        if self.article.title:
            parts += [(self.article.title, "bold"), "  "]
        origin = self.article.described
        parts.append((origin, "$text-muted"))
        return Content.assemble(*parts)

    def show_progress(self, fraction: float) -> None:
        """Move the progress bar to `fraction` of the analysis."""
        self.query_one(ProgressBar).update(total=1.0, progress=fraction)

    def show_legend(self, analysis: Analysis, flagged: frozenset[str], complete: bool = True) -> None:
        """Show the count of each label and whether `]` stops at it; the progress bar goes once all are known."""
        self.query_one(ProgressBar).display = not complete
        self.query_one("#legend", Static).update(legend(analysis.counts, flagged))

    def show_failure(self, message: str) -> None:
        """Say that the labels could not be worked out."""
        self.query_one(ProgressBar).display = False
        self.query_one("#legend", Static).update(Content.styled(message, "$text-error"))


def legend(counts: Counter[str], flagged: frozenset[str]) -> Content:
    """`] [ stop at:  1 ☐ reported 12  2 ☑ “ quote 3  3 ☑ ◆ opinion 4`: counts and what 1 2 3 toggle."""
    parts: list[tuple[str, str] | str] = [("] [ stop at:", "$text-muted")]
    for label in LABELS:
        box = "☑" if label in flagged else "☐"
        parts += ["  ", (f"{LABEL_KEYS[label]} {box} ", "$text-muted"), (label_name(label), f"$label-{label}"),
                  f" {counts.get(label, 0)}"]
    return Content.assemble(*parts)
