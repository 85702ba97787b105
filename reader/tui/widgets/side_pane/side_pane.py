"""The side pane: tabs of lists (entities, figures, sources, notes) about the article."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import TabbedContent, TabPane

from reader.model import Analysis
from reader.tui.widgets.side_pane.entities import EntitiesPane
from reader.tui.widgets.side_pane.figures import FiguresPane
from reader.tui.widgets.side_pane.notes import NotesPane
from reader.tui.widgets.side_pane.pane import AnalysisPane, EntryPane
from reader.tui.widgets.side_pane.sources import SourcesPane


class SidePane(Vertical):
    """Tabs of entry lists; each tab's id is its pane's class name in lower case, without `pane`."""

    PANES: list[type[EntryPane]] = [EntitiesPane, FiguresPane, SourcesPane, NotesPane]
    """The tabs, in order (a new pane subclasses AnalysisPane and is added here)."""

    BINDING_GROUP_TITLE = "Side pane"
    # Not h and l: in the article h highlights, and a key should not change meaning with the focus.
    BINDINGS = [
        Binding("left", "previous_tab", "Previous tab", show=False, id="previous_tab"),
        Binding("right", "next_tab", "Next tab", show=False, id="next_tab"),
    ]

    analysis: Analysis | None = None
    """The analysis the tabs show, once it is in: a tab built after it came shows it too."""

    async def populate(self, tab: str | None = None) -> None:
        """Build the tabs, `tab` in front (after the first paint: the pane's room is kept from the start, its
        lists are not)."""
        # At each step: the reader may have quit meanwhile, and then the pane is going, not coming.
        if not self.is_attached:
            return
        tabs = TabbedContent()
        await self.mount(tabs)
        for pane in self.PANES:
            if not tabs.is_attached:
                return
            await tabs.add_pane(TabPane(pane.TITLE, pane(id=f"{tab_id(pane)}-list"), id=tab_id(pane)))
        if not tabs.is_attached:
            return
        ids = [tab_id(pane) for pane in self.PANES]
        tabs.active = tab if tab in ids else ids[0]
        if self.analysis is not None:
            self.show_analysis(self.analysis)

    def show_analysis(self, analysis: Analysis) -> None:
        """Fill every tab built from the analysis (and those built later, when they are)."""
        self.analysis = analysis
        for pane in self.query(AnalysisPane):
            pane.show_analysis(analysis)

    def show_tab(self, tab: str) -> None:
        """Bring the tab with id `tab` forward."""
        for tabs in self.query(TabbedContent):
            tabs.active = tab

    def focus_list(self) -> None:
        """Focus the list of the tab in front."""
        for tabs in self.query(TabbedContent):
            if tabs.active:
                self.query_one(f"#{tabs.active}-list", EntryPane).focus()

    def action_next_tab(self) -> None:
        self._step_tab(+1)

    def action_previous_tab(self) -> None:
        self._step_tab(-1)

    def _step_tab(self, step: int) -> None:
        ids = [tab_id(pane) for pane in self.PANES]
        tabs = self.query_one(TabbedContent)
        if tabs.active in ids:
            tabs.active = ids[(ids.index(tabs.active) + step) % len(ids)]
        # The new tab's list can take focus only once it is displayed.
        self.call_after_refresh(self.focus_list)


def tab_id(pane: type[EntryPane]) -> str:
    """`FiguresPane` -> `figures`."""
    return pane.__name__.removesuffix("Pane").lower()
