"""The reading app: one article on a reading screen, in the reader's colours, with every key in the palette."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.driver import Driver
from textual.screen import Screen
from textual.widget import Widget

from reader.background.batches import analyze_progressively
from reader.background.report import Analyzer
from reader.config import Config
from reader.model import Article
from reader.notes import Clock, utc_now
from reader.resources import styles_dir
from reader.tui.colours import reader_colours
from reader.tui.keys import key_actions, same_key
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.reading import ReadingScreen
from reader.tui.state import Memory


class ReaderApp(App[None]):
    """Read one article with every sentence marked as reported fact, quote or opinion."""

    CSS_PATH = str(styles_dir() / "app.tcss")
    TITLE = "reader"
    BINDING_GROUP_TITLE = "Everywhere"

    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(
        self, article: Article | None, analyzer: Analyzer = analyze_progressively, clock: Clock = utc_now,
        config: Config | None = None,
    ) -> None:
        """`article` None opens the library; `analyzer` turns an article into its analysis (tests pass hand-made
        ones); `clock` dates the notes; `config` is the user's theme and keys."""
        super().__init__()
        self.config = config or Config()
        self.analyzer = analyzer
        self.clock = clock
        self.memory = Memory()
        """The theme, side pane and reading positions of the last runs."""
        self.reading = None if article is None else ReadingScreen(article, analyzer, clock, self.memory)
        """The reading screen, which holds the analysis and the notes; None until an article is chosen."""
        self.set_keymap(self.config.keys)
        # The config's theme is the reader's standing choice; without one, the theme chosen last time.
        theme = self.config.theme or self.memory.remembered.theme
        if theme in self.available_themes:
            self.theme = theme

    def get_driver_class(self) -> type[Driver]:
        driver = super().get_driver_class()
        # Textual's own elsewhere; in a terminal on Linux or macOS, the one that keeps a paste whole.
        if driver.__name__ != "LinuxDriver":
            return driver
        from reader.tui.driver import ReaderDriver

        return ReaderDriver

    def watch_theme(self, theme: str) -> None:
        self.memory.keep(theme=theme)

    def on_unmount(self) -> None:
        # The last choices may still be on their way to the state file.
        self.memory.close()

    def get_default_screen(self) -> Screen:
        return self.reading if self.reading is not None else LibraryScreen()

    async def on_library_screen_chosen(self, event: LibraryScreen.Chosen) -> None:
        """Read the article chosen in the library, remembering where the reader was in the one open."""
        if self.reading is None:
            self.reading = ReadingScreen(event.article, self.analyzer, self.clock, self.memory)
            await self.push_screen(self.reading)
            return
        await self.pop_screen()
        if event.article.sha256 != self.reading.article.sha256:
            # Highlights a failed save holds are saved first, or the reader chooses what becomes of them.
            if self.reading.unsaved_notes(then=partial(self.call_later, self.reading.open, event.article),
                                          leaving="Open the other article"):
                return
            await self.reading.open(event.article)

    def get_css_variables(self) -> dict[str, str]:
        # The reader's colours are worked out from each theme's own, so that every theme reaches the contrast.
        variables = super().get_css_variables()
        theme = self.current_theme
        self.theme_variables = {**variables, **reader_colours(variables, theme.dark, theme.ansi)}
        return self.theme_variables

    async def action_quit(self) -> None:
        """Quit, once what the reader asked to save just before is saved, and where they were; highlights or notes a
        save could not keep are saved again, or the reader is asked what to do with them."""
        if self.reading is not None:
            await self.reading.settle()
            self.reading.remember_position()
            if self.reading.unsaved_notes(then=self.exit, leaving="Quit"):
                return
        self.exit()

    def action_help_quit(self) -> None:
        """ctrl+c: say every key that quits (q as well as Textual's ctrl+q)."""
        keys = sorted(dict.fromkeys(
            self.get_key_display(active.binding)
            for active in self.active_bindings.values() if active.binding.action in ("quit", "app.quit")
        ), key=len)
        if keys:
            self.notify(f"Press {' or '.join(keys)} to quit.", title="Do you want to quit?", markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for action in key_actions(self, screen):
            # Only what can be done now: no "Close search" while no search is open.
            if action.action in ("quit", "command_palette") or not shown(action.owner):
                continue
            yield SystemCommand(
                action.description,
                f"{' '.join(action.keys)} — {action.group.lower()}",
                partial(self.run_action, action.action, action.owner),
            )


def shown(node: DOMNode) -> bool:
    """Whether a node and everything it is in are displayed."""
    return all(ancestor.display for ancestor in node.ancestors_with_self if isinstance(ancestor, Widget))


def _working_together() -> list[list[type[DOMNode]]]:
    """The owners of bindings whose keys work at once, as the focus is on the article, the side pane, the search bar,
    the library or a column of the comparison: a key does one thing in each."""
    from reader.tui.screens.compare import CompareScreen
    from reader.tui.widgets.article_view import ArticleView
    from reader.tui.widgets.compared_article import ComparedArticle
    from reader.tui.widgets.panes import Panes
    from reader.tui.widgets.search_bar import SearchBar
    from reader.tui.widgets.side_pane import EntryPane, SidePane

    return [[ReaderApp, ReadingScreen, Panes, ArticleView], [ReaderApp, ReadingScreen, Panes, SidePane, EntryPane],
            [ReaderApp, ReadingScreen, SearchBar], [ReaderApp, LibraryScreen],
            [ReaderApp, CompareScreen, ComparedArticle]]


def binding_ids() -> set[str]:
    """The id of every binding of the reader's own, which the config file's [keys] can give other keys."""
    return {binding.id for owners in _working_together() for binding in _bindings(owners) if binding.id}


def key_clashes(keymap: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """Each key `keymap` gives to an action where another already works by that key: (key, action, other action)."""
    found: list[tuple[str, str, str]] = []
    for owners in _working_together():
        by_key: dict[str, tuple[str, str]] = {}
        # The keymap's own first, so that a clash names the key and the action as the config file gives them.
        for binding in sorted(_bindings(owners), key=lambda binding: binding.id not in keymap):
            for key in (key.strip() for key in keymap.get(binding.id or "", binding.key).split(",")):
                written, action = by_key.setdefault(same_key(key), (key, binding.id or ""))
                if action != binding.id and (written, action, binding.id) not in found:
                    found.append((written, action, binding.id or ""))
    return found


def _bindings(owners: list[type[DOMNode]]) -> list[Binding]:
    return [binding for owner in owners for binding in owner.BINDINGS if isinstance(binding, Binding)]
