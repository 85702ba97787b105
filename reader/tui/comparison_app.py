"""The app of `reader compare A B`: the two articles side by side, and either read in the reading view from there."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen

from reader.background.batches import analyze_progressively, known
from reader.background.report import Analyzer
from reader.config import Config
from reader.model import Article
from reader.notes import Clock, utc_now
from reader.tui.app import ReaderApp
from reader.tui.screens.compare import CompareScreen
from reader.tui.screens.reading import ReadingScreen


class ReadingFromComparison(ReadingScreen):
    """The reading view of one article of a comparison: Escape goes back to the comparison, as it leaves the
    library or the profile; q quits, as everywhere."""

    BINDINGS = [Binding("escape", "back", "Back to the comparison")]

    async def action_back(self) -> None:
        """Back to the comparison, once what the reader asked to save is saved, and where they were."""
        await self.settle()
        self.remember_position()
        if self.unsaved_notes(then=self.dismiss, leaving="Go back to the comparison"):
            return
        self.dismiss()


class ComparisonApp(ReaderApp):
    """Two reports of one story side by side; Enter reads the article of the column in the reading view."""

    def __init__(
        self, first: Article, second: Article, analyzer: Analyzer = analyze_progressively,
        apart: tuple[Analyzer, Analyzer] | None = None, clock: Clock = utc_now, config: Config | None = None,
    ) -> None:
        """`apart` analyses `first` and `second` (each in a process of its own, in a run); `analyzer` any article
        chosen later in the library (and both, without `apart`)."""
        super().__init__(None, analyzer, clock, config)
        self.comparison = CompareScreen(first, second, apart or (analyzer, analyzer), clock)

    def get_default_screen(self) -> Screen:
        return self.comparison

    async def on_compare_screen_reading_requested(self, event: CompareScreen.ReadingRequested) -> None:
        """Read the article in the reading view from the sentence asked for, with the analysis the comparison has."""
        self.reading = ReadingFromComparison(event.analysis.article, known(event.analysis, self.analyzer), self.clock,
                                             self.memory, at=event.offset)
        await self.push_screen(self.reading, self._back_from_reading)
        self.notify("Escape goes back to the comparison; q quits.", timeout=4)

    def _back_from_reading(self, _: None) -> None:
        self.reading = None
        # What the reading view said (how to come back, above all) was about it: it would cover column B.
        self.clear_notifications()
        # Highlights made in the reading view are in the article's store on disk: the columns show them too.
        self.comparison.reopen_notes()

    async def action_quit(self) -> None:
        """Quit, once the notes a save could not keep are saved again, or the reader chose what becomes of them: the
        reading view's article's, then each column's."""
        if self.reading is not None:
            await self.reading.settle()
            self.reading.remember_position()
            if self.reading.unsaved_notes(then=self._quit_comparison, leaving="Quit"):
                return
        self._quit_comparison()

    def _quit_comparison(self) -> None:
        if not self.comparison.notes.unsaved(then=self.exit, leaving="Quit"):
            self.exit()
