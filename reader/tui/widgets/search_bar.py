"""The search bar opened by `/`: type to mark matches, Enter to go to the next, Escape to drop them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static


class SearchBar(Horizontal):
    """A one-line search input with the number of matches beside it."""

    BINDING_GROUP_TITLE = "Search"
    BINDINGS = [Binding("escape", "cancel", "Close search", id="close_search")]

    class Changed(Message):
        """The query changed while typing."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Submitted(Message):
        """Enter (the bar has closed): go to the first match after the cursor."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Cancelled(Message):
        """Escape (the bar has closed): drop the matches."""

    def compose(self) -> ComposeResult:
        yield Static(Content("/"), id="search-prompt")
        yield Input(placeholder="search the article", id="search-input")
        yield Static(id="search-count")

    def open(self, query: str, count: int) -> None:
        """Show the bar and focus its input, on the search in force: its `query` (selected, so that typing replaces
        it) and its `count` of matches; empty once the matches were dropped."""
        field = self.query_one(Input)
        if field.value != query:
            field.value = query
        self.display = True
        field.focus()
        self.show_count(count)

    def close(self) -> None:
        """Hide the bar."""
        self.display = False

    def show_count(self, count: int) -> None:
        """Show how many matches the query has."""
        query = self.query_one(Input).value
        text = "" if not query else f"{count} match" if count == 1 else f"{count} matches"
        self.query_one("#search-count", Static).update(Content(text))

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close()
        self.post_message(self.Submitted(event.value))

    def action_cancel(self) -> None:
        self.query_one(Input).value = ""
        self.close()
        self.post_message(self.Cancelled())
