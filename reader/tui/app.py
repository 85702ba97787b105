"""The reading app: one article on a reading screen, in the reader's colours, with every key in the palette."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from reader.model import Article
from reader.notes import Clock, utc_now
from reader.resources import styles_dir
from reader.tui.analysing import Analyzer, analyze_progressively
from reader.tui.keys import key_actions
from reader.tui.screens.reading import ReadingScreen

# Label colours per kind of theme: readable on the theme's background, and apart in 16 colours.
LABEL_COLOURS = {
    "dark": {"label-quote": "#62b0ff", "label-opinion": "#f5a05a", "label-reported": "#d8d8d8"},
    "light": {"label-quote": "#0a5cb8", "label-opinion": "#b34700", "label-reported": "#262626"},
    "ansi-dark": {"label-quote": "ansi_bright_cyan", "label-opinion": "ansi_bright_yellow",
                  "label-reported": "ansi_default"},
    "ansi-light": {"label-quote": "ansi_blue", "label-opinion": "ansi_magenta", "label-reported": "ansi_default"},
}


class ReaderApp(App[None]):
    """Read one article with every sentence marked as reported fact, quote or opinion."""

    CSS_PATH = str(styles_dir() / "app.tcss")
    TITLE = "reader"
    BINDING_GROUP_TITLE = "Everywhere"

    BINDINGS = [
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, article: Article, analyzer: Analyzer = analyze_progressively, clock: Clock = utc_now) -> None:
        """`analyzer` turns the article into its analysis (tests pass hand-made ones); `clock` dates the notes."""
        super().__init__()
        self.reading = ReadingScreen(article, analyzer, clock)
        """The main screen, which holds the analysis and the notes."""

    def get_default_screen(self) -> Screen:
        return self.reading

    def get_theme_variable_defaults(self) -> dict[str, str]:
        theme = self.current_theme
        kind = ("ansi-" if theme.ansi else "") + ("dark" if theme.dark else "light")
        return LABEL_COLOURS[kind]

    async def action_quit(self) -> None:
        """Quit, once what the reader asked to save just before is saved."""
        await self.reading.settle()
        self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for action in key_actions(self):
            if action.action in ("quit", "command_palette"):
                continue
            yield SystemCommand(
                action.description,
                f"{' '.join(action.keys)} — {action.group.lower()}",
                partial(self.run_action, action.action, action.owner),
            )
