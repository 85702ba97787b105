"""The Figures tab: every number in the text, normalised, with the ones nobody vouches for marked."""

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
        sourced = sourced_sentences(analysis)
        figures = sorted(analysis.figures, key=lambda figure: figure.start)
        return [_entry(figure, figure.sentence_id in sourced) for figure in figures]


def sourced_sentences(analysis: Analysis) -> set[int]:
    """The ids of the sentences whose words are attributed to someone, by a cue or as a quote."""
    sourced = {sentence.id for sentence in analysis.sentences if sentence.attribution is not None}
    for quote in analysis.quotes:
        if quote.speaker is not None:
            sourced.update(quote.sentence_ids)
    return sourced


def normalised(figure: Figure) -> str:
    """The figure's value as a reader compares them: `20,000,000,000 USD`, `12.5 %`, `2024-01-05`."""
    value = figure.value
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.6g}" if abs(value) < 1000 else f"{value:,.2f}"
    if figure.kind == "percent" and figure.unit in (None, "%", "percent"):
        return f"{text} %"
    return f"{text} {figure.unit}" if figure.unit else text


def _entry(figure: Figure, sourced: bool) -> Entry:
    details = [normalised(figure), "" if sourced else UNSOURCED]
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
