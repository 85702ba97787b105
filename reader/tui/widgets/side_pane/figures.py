"""The Figures tab: every number in the text, normalised, with the claims nobody vouches for marked."""

from __future__ import annotations

from typing import get_args

from textual.content import Content

from reader.model import Analysis, Figure, FigureKind
from reader.tui.widgets.side_pane.pane import AnalysisPane, Entry, Heading

UNSOURCED = "⚠ unsourced"
KIND_WIDTH = max(len(kind) for kind in get_args(FigureKind)) + 1
"""The kind's column: the longest kind ("quantity") and a space before the figure."""


class FiguresPane(AnalysisPane):
    """The figures in reading order: kind, normalised value and phrase; unsourced ones flagged."""

    TITLE = "Figures"
    EMPTY = "No figures found."

    def entries(self, analysis: Analysis) -> list[Entry | Heading]:
        return [_entry(figure) for figure in sorted(analysis.figures, key=lambda figure: figure.start)]


def _entry(figure: Figure) -> Entry:
    # A value the figure's words already say ("2016", "12") is not said twice.
    value = "" if figure.normalised == figure.text else figure.normalised
    details = [value, UNSOURCED if figure.unsourced else ""]
    prompt = Content.assemble(
        (figure.kind.ljust(KIND_WIDTH), "$text-muted"),
        (figure.text, "bold"),
        "\n" + " " * KIND_WIDTH,
        details[0],
        "  " if all(details) else "",
        (details[1], "$text-warning"),
    ).rstrip()
    return Entry(
        subject=figure,
        prompt=prompt,
        spans=((figure.start, figure.end),),
        stops=(figure.start,),
    )
