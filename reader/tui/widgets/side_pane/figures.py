"""The Figures tab: every number in the text, normalised, with the claims nobody vouches for marked."""

from __future__ import annotations

from textual.content import Content

from reader.model import Analysis, Figure
from reader.tui.widgets.side_pane.pane import AnalysisPane, Entry, Heading

UNSOURCED = "⚠ unsourced"


class FiguresPane(AnalysisPane):
    """The figures in reading order: kind, normalised value and phrase; unsourced ones flagged."""

    TITLE = "Figures"
    EMPTY = "No figures found."

    def entries(self, analysis: Analysis) -> list[Entry | Heading]:
        return [_entry(figure) for figure in sorted(analysis.figures, key=lambda figure: figure.start)]


def _entry(figure: Figure) -> Entry:
    details = [figure.normalised, UNSOURCED if figure.unsourced else ""]
    prompt = Content.assemble(
        (f"{figure.kind:<8}", "$text-muted"),
        (figure.text, "bold"),
        "\n" + " " * 8,
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
