"""The body of the reading screen: the article beside the side pane, or the side pane in its place when narrow."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.containers import Horizontal

from reader.tui.state import SIDE_PANE_WIDTHS
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.side_pane import SidePane

WIDE = 90
"""The narrowest body, in cells, that shows the side pane beside the article; narrower, the pane takes the
article's place when asked for."""


class Panes(Horizontal):
    """Lays out the article and the side pane for the width there is, and as the reader asked.

    Wide, the side pane stands beside the article unless hidden (`-side-pane-hidden`); narrow (`-narrow`), it is
    hidden unless asked for (`-side-pane-open`), and then takes the article's place.
    """

    BINDING_GROUP_TITLE = "Everywhere"
    # Here, around both panes, so that Escape clears the tint of an entry from the side pane where it was chosen
    # too; the search bar, outside, has its own Escape, which drops the matches as it closes.
    BINDINGS = [Binding("escape", "clear", "Clear matches and tints", show=False, id="clear")]

    def __init__(self, article_view: ArticleView, side_pane: SidePane, *, id: str | None = None) -> None:
        super().__init__(article_view, side_pane, id=id)
        self.article_view = article_view
        self.side_pane = side_pane
        self.side_pane_width: int | None = None
        """The width the reader gave the side pane, in cells; None for the default."""

    @property
    def narrow(self) -> bool:
        """Whether there is too little room for the side pane beside the article."""
        return self.has_class("-narrow")

    @property
    def side_pane_shown(self) -> bool:
        return self.has_class("-side-pane-open") if self.narrow else not self.has_class("-side-pane-hidden")

    def show_side_pane(self, shown: bool) -> None:
        """Show or hide the side pane, moving the focus to it or back to the article."""
        self.set_class(shown, "-side-pane-open")
        if not self.narrow:
            self.set_class(not shown, "-side-pane-hidden")
        if shown:
            self.side_pane.focus_list()
        else:
            self.article_view.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape only while there are matches or tints to clear: else it goes on to the screen (from a reading view
        opened out of a comparison, back to it)."""
        if action == "clear":
            return bool(self.article_view.search.query or self.article_view.tints)
        return True

    def action_clear(self) -> None:
        self.article_view.clear()

    def back_to_the_article(self) -> None:
        """Where the side pane hides the article, show the article again."""
        if self.narrow and self.side_pane_shown:
            self.show_side_pane(False)

    def switch(self) -> None:
        """Move the focus to the side pane, showing it, or back to the article."""
        if self.side_pane.has_focus_within:
            self.back_to_the_article()
            self.article_view.focus()
        else:
            self.show_side_pane(True)

    def widen_side_pane(self, step: int) -> bool:
        """Give the side pane the next width up (`step` 1) or down (-1); False when it has no width of its own here."""
        if self.narrow:
            return False
        widths = list(SIDE_PANE_WIDTHS)
        current = self.side_pane_width or self.side_pane.outer_size.width
        if step > 0:
            chosen = next((width for width in widths if width > current), widths[-1])
        else:
            chosen = next((width for width in reversed(widths) if width < current), widths[0])
        # The article keeps 40 cells whatever the reader asks.
        self.side_pane_width = max(min(chosen, self.size.width - 40), widths[0])
        self._size_side_pane()
        if not self.side_pane_shown:
            self.show_side_pane(True)
        return True

    def set_side_pane_width(self, width: int | None) -> None:
        """Give the side pane a width in cells (None: the default)."""
        self.side_pane_width = width
        self._size_side_pane()

    def on_mount(self) -> None:
        # Narrow or not before the first layout, by the terminal's width (the body has all of it): else the article
        # is laid out once beside a side pane it has no room for, its text wrapped at 8 columns for a moment.
        self.set_class(self.app.size.width < WIDE, "-narrow")
        self._size_side_pane()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < WIDE, "-narrow")
        self._size_side_pane()

    def _size_side_pane(self) -> None:
        # The reader's width is for the pane beside the article; in the article's place it takes the whole width.
        width = None if self.narrow else self.side_pane_width
        styles = self.side_pane.styles
        styles.width = styles.min_width = styles.max_width = width
