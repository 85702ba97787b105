"""The base of the side-pane lists: entries that stand for something in the article, tint it and lead to it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.model import Analysis


@dataclass(frozen=True, eq=False)
class Entry:
    """One choice in a side pane: what it stands for, what it shows, the spans it tints, the offsets it moves to."""

    subject: object
    prompt: Content
    spans: tuple[tuple[int, int], ...]
    stops: tuple[int, ...]


@dataclass(frozen=True)
class Heading:
    """A line that groups the entries under it (not choosable)."""

    title: str


class EntryOption(Option):
    """An option of a side-pane list, carrying the entry it shows."""

    def __init__(self, entry: Entry) -> None:
        super().__init__(entry.prompt)
        self.entry = entry


class EntryPane(OptionList):
    """A list of entries in the side pane; choosing one posts `EntryPane.EntryChosen`."""

    TITLE = ""
    """The tab's title."""
    EMPTY = "Nothing found."
    """What the pane says when it has no entry."""

    BINDING_GROUP_TITLE = "Side pane"
    BINDINGS = [
        Binding("k", "cursor_up", "Up", show=False, id="entry_up"),
        Binding("j", "cursor_down", "Down", show=False, id="entry_down"),
        Binding("enter", "select", "Go to it", id="go_to_entry"),
    ]

    class EntryChosen(Message):
        """The reader chose an entry."""

        def __init__(self, pane: EntryPane, entry: Entry) -> None:
            super().__init__()
            self.pane = pane
            self.entry = entry

        @property
        def control(self) -> EntryPane:
            return self.pane

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Option(Content("Waiting for the analysis…"), disabled=True), id=id)

    def show_entries(self, items: list[Entry | Heading]) -> None:
        """List `items`, or say there are none."""
        self.clear_options()
        if not any(isinstance(item, Entry) for item in items):
            self.add_option(Option(Content(self.EMPTY), disabled=True))
            return
        self.add_options(
            EntryOption(item) if isinstance(item, Entry)
            else Option(Content.styled(item.title, "bold $text-accent"), disabled=True)
            for item in items
        )
        self.highlighted = next(index for index, item in enumerate(items) if isinstance(item, Entry))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, EntryOption):
            self.post_message(self.EntryChosen(self, event.option.entry))


class AnalysisPane(EntryPane):
    """A side-pane list built from the analysis."""

    def show_analysis(self, analysis: Analysis) -> None:
        """List the entries found in `analysis`."""
        self.show_entries(self.entries(analysis))

    def entries(self, analysis: Analysis) -> list[Entry | Heading]:
        """The entries of this pane, in the order shown, with headings between groups."""
        raise NotImplementedError
