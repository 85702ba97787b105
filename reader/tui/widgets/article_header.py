"""The header: the article's title, byline and source, the analysis progress, and the legend of labels."""

from __future__ import annotations

from collections import Counter

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import ProgressBar, Static

from reader.model import LABELS, Analysis, Article
from reader.origin import describe_origin
from reader.resources import is_sample
from reader.tui.marks import label_name

LABEL_KEYS = {label: str(number) for number, label in enumerate(LABELS, start=1)}
"""The key that toggles whether `]` stops at each label."""


class ArticleHeader(Vertical):
    """The title, the byline, the source, a progress bar while analysing, and each label with its count."""

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article

    def compose(self) -> ComposeResult:
        with Horizontal(id="headline"):
            yield Static(headline(self.article), id="title")
            # No total until the analysis reports: the bar pulses while spaCy loads.
            yield ProgressBar(total=None, show_eta=False, id="progress")
        yield Legend(id="legend")

    def show_progress(self, fraction: float) -> None:
        """Move the progress bar to `fraction` of the analysis."""
        self.query_one(ProgressBar).update(total=1.0, progress=fraction)

    def show_legend(self, analysis: Analysis, flagged: frozenset[str], complete: bool = True) -> None:
        """Show the count of each label and whether `]` stops at it; the progress bar goes once all are known."""
        self.query_one(ProgressBar).display = not complete
        self.query_one(Legend).show(analysis.counts, flagged, complete)

    def show_failure(self, message: str) -> None:
        """Say that the labels could not be worked out."""
        self.query_one(ProgressBar).display = False
        self.query_one(Legend).show_message(Content.styled(message, "$text-error"))


def headline(article: Article) -> Content:
    """`Title  Author · 2024-05-01  source`: the byline when the page gave one; the sample named as such."""
    parts: list[tuple[str, str] | str] = []
    if article.title:
        parts += [(article.title, "bold"), "  "]
    byline = " · ".join(part for part in (article.author, article.date) if part)
    if byline:
        parts += [byline, "  "]
    parts.append((origin_name(article.origin), "$text-muted"))
    return Content.assemble(*parts)


def origin_name(origin: str) -> str:
    """Where an article came from, in words: the sample shipped with reader is "sample", not a path."""
    return "sample" if is_sample(origin) else describe_origin(origin)


class Legend(Widget):
    """Each label with its count and whether `]` stops at it, in as many words as the width allows."""

    DEFAULT_CSS = """
    Legend {
        height: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._counts: Counter[str] | None = None
        self._flagged: frozenset[str] = frozenset()
        self._complete = True
        self._message = Content("Working out the labels…")

    def show(self, counts: Counter[str], flagged: frozenset[str], complete: bool = True) -> None:
        """The counts, said to be "so far" while the analysis has labelled only some of the sentences."""
        self._counts, self._flagged, self._complete = counts, flagged, complete
        self.refresh()

    def show_message(self, message: Content) -> None:
        self._counts, self._message = None, message
        self.refresh()

    def render(self) -> Content:
        if self._counts is None:
            return self._message.truncate(self.size.width, ellipsis=True)
        forms = [legend(self._counts, self._flagged, words) for words in LEGEND_FORMS]
        if not self._complete:
            # Said wherever it fits: a batch labels the paragraphs on screen first, then outwards.
            forms = [Content.assemble(form, ("  so far", "$text-muted")) for form in forms] + forms
        return next((form for form in forms if cell_len(form.plain) <= self.size.width), forms[-1])


LEGEND_FORMS = ("full", "keys", "counts", "bare")
"""The legend's forms, widest first: with its title, with the keys 1 2 3, with counts only, with marks only."""


def legend(counts: Counter[str], flagged: frozenset[str], form: str = "full") -> Content:
    """`] [ stop at:  1 ☐ reported 12  2 ☑ » quote 3  3 ☑ ◆ opinion 4`, or a shorter `form` of it."""
    parts: list[tuple[str, str] | str] = [("] [ stop at:", "$text-muted")] if form == "full" else []
    for label in LABELS:
        name = label_name(label) if form != "bare" or label == "reported" else label_name(label).split()[0]
        if parts:
            parts.append("  ")
        if form in ("full", "keys"):
            box = "☑" if label in flagged else "☐"
            parts.append((f"{LABEL_KEYS[label]} {box} " if form == "full" else f"{LABEL_KEYS[label]}{box} ",
                          "$text-muted"))
        parts += [(name, f"$label-{label}"), f" {counts.get(label, 0)}"]
    return Content.assemble(*parts)
