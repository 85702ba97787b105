"""The Figures tab: every number in the text, normalised, with the claims nobody vouches for marked."""

from __future__ import annotations

from typing import get_args

from rich.cells import cell_len
from textual.content import Content

from reader.model import Analysis, Figure, FigureKind
from reader.tui.widgets.side_pane.pane import AnalysisPane, Entry, Heading

UNSOURCED = "⚠ unsourced"
KIND_WIDTH = max(len(kind) for kind in get_args(FigureKind)) + 1
"""The kind's column: the longest kind ("quantity") and a space before the figure."""
NARROWEST_LIST = 28
"""The cells of the side pane's narrowest list (its 33 less its border, padding and scrollbar): a value and its flag
that would not fit beside each other there take a line each, where one wrapped onto the next under the kind."""


class FiguresPane(AnalysisPane):
    """The figures in reading order: kind, normalised value and phrase; unsourced ones flagged."""

    TITLE = "Figures"
    EMPTY = "No figures found."

    def entries(self, analysis: Analysis) -> list[Entry | Heading]:
        return [_entry(figure) for figure in sorted(analysis.figures, key=lambda figure: figure.start)]


def _entry(figure: Figure) -> Entry:
    # A value the figure's words already say ("2016", "12") is not said twice.
    value = "" if figure.normalised == figure.text else figure.normalised
    flag = UNSOURCED if figure.unsourced else ""
    beside = KIND_WIDTH + cell_len(value) + 2 + len(flag) <= NARROWEST_LIST
    prompt = Content.assemble(
        (figure.kind.ljust(KIND_WIDTH), "$text-muted"),
        (figure.text, "bold"),
        "\n" + " " * KIND_WIDTH,
        value,
        ("  " if beside else "\n" + " " * KIND_WIDTH) if value and flag else "",
        (flag, "$text-warning"),
    ).rstrip()
    return Entry(
        subject=figure,
        prompt=prompt,
        spans=((figure.start, figure.end),),
        stops=(figure.start,),
    )
