"""Contrast in every theme the app offers, and with NO_COLOR: text reaches 4.5:1 and marks 3:1 (WCAG 2 AA).

The colours are read from what the app draws (its own styles, overlays composed), never copied here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from helpers import analyzed, harbour_app, until
from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import TerminalTheme
from textual.color import Color
from textual.filter import monochrome_style
from textual.geometry import Region
from textual.widget import Widget

from reader.tui.app import ReaderApp
from reader.tui.colours import MARK_CONTRAST, TEXT_CONTRAST, contrast
from reader.tui.widgets.article_header import Legend
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.detail_line import DetailLine

MARKS = {"▌", "●"}
LABEL_NAMES = ("reported", "quote", "opinion")


@dataclass(frozen=True)
class Shortfall:
    theme: str
    where: str
    text: str
    ratio: float
    needed: float


def resolved(style: Style, terminal: TerminalTheme, no_color: bool, ansi: bool) -> tuple[Color, Color]:
    """The foreground and background a segment is seen in, as the terminal would show it."""
    if no_color:
        # What Textual's NO_COLOR filters do: a terminal's own colours are dropped, any other made grey.
        style = style + Style(color="default", bgcolor="default") if ansi else monochrome_style(style)
    foreground = Color.from_rich_color(RichColor.from_triplet((style.color or RichColor.default()).get_truecolor(
        terminal, foreground=True)))
    background = Color.from_rich_color(RichColor.from_triplet((style.bgcolor or RichColor.default()).get_truecolor(
        terminal, foreground=False)))
    return (background, foreground) if style.reverse else (foreground, background)


def segments_of(widget: Widget) -> list[Segment]:
    if isinstance(widget, ArticleView):
        return [segment for y in range(widget.size.height) for segment in widget.render_line(y)]
    return [segment for strip in widget.render_lines(Region(0, 0, *widget.size)) for segment in strip]


def shortfalls(app: ReaderApp, theme: str, no_color: bool) -> list[Shortfall]:
    """Every piece of text or mark in the article, the legend and the detail line that misses its contrast."""
    terminal = app.ansi_theme
    ansi = app.current_theme.ansi
    found = []
    view = app.query_one(ArticleView)
    for widget, only_labels in ((view, False), (app.query_one(Legend), True), (app.query_one(DetailLine), True)):
        for segment in segments_of(widget):
            text = segment.text.strip()
            if not text or segment.style is None:
                continue
            if only_labels and not any(name in text for name in LABEL_NAMES):
                continue
            foreground, background = resolved(segment.style, terminal, no_color, ansi)
            needed = MARK_CONTRAST if text in MARKS else TEXT_CONTRAST
            ratio = contrast(foreground, background)
            if ratio < needed:
                found.append(Shortfall(theme, type(widget).__name__, text, round(ratio, 2), needed))
    return found


async def every_state_on_screen(pilot) -> None:
    """A highlighted quote, the cursor on a highlighted opinion, highlights in every colour, search matches with one
    current, tinted mentions."""
    view = await analyzed(pilot)
    view.select(2)
    await pilot.press("h")
    view.select(4)
    await pilot.press("h")
    for sentence, presses in ((6, 2), (7, 3), (8, 4)):  # blue, green, pink
        view.select(sentence)
        await pilot.press(*["c"] * presses)
    await until(pilot, lambda: set(view.highlight_colours.values()) == {"blue", "green", "pink"})
    await pilot.press("slash", *"the", "enter", "n")
    # Ana Ruiz's mentions tinted (the first entity): the cursor moves to her first one.
    await pilot.press("tab", "enter")
    view.select(4)
    await pilot.pause()


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
async def test_every_theme_reaches_wcag_contrast_for_labels_cursor_highlights_and_matches(no_color, monkeypatch):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = harbour_app()
    async with app.run_test(size=(110, 30)) as pilot:
        await every_state_on_screen(pilot)
        view = app.query_one(ArticleView)
        drawn = [segment.text for segment in segments_of(view)]
        assert "▌" in drawn and "●" in drawn, "the cursor and a highlight are on screen"
        assert view.search.current is not None and view.tints, "a current match and tinted mentions are on screen"
        found = []
        for theme in app.available_themes:
            app.theme = theme
            await pilot.pause()
            found += shortfalls(app, theme, no_color)
        assert not found, "\n".join(map(str, found))


async def test_a_search_match_stands_out_from_the_page_as_a_mark_in_every_theme():
    app = harbour_app()
    async with app.run_test(size=(110, 30)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("slash", *"council", "enter")
        for theme in app.available_themes:
            app.theme = theme
            await pilot.pause()
            page = resolved(view.rich_style, app.ansi_theme, False, app.current_theme.ansi)[1]
            matches = [segment for segment in segments_of(view) if segment.text == "council"]
            assert matches
            for match in matches:
                background = resolved(match.style, app.ansi_theme, False, app.current_theme.ansi)[1]
                assert contrast(background, page) >= MARK_CONTRAST, theme
