"""The list of a sentence's links, opened by `o` when it has more than one: Enter opens the one chosen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.model import Link


class LinksScreen(ModalScreen[Link | None]):
    """Choose one of a sentence's links; Escape chooses none."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, links: list[Link], text: str) -> None:
        """`text` is the article's, which the links' offsets index."""
        super().__init__()
        self.links = links
        self.text = text

    def compose(self) -> ComposeResult:
        yield OptionList(
            *(Option(Content.assemble((self.text[link.start : link.end], "bold"), "\n  ", (link.url, "$text-muted")))
              for link in self.links),
            id="links",
        )

    def on_mount(self) -> None:
        links = self.query_one(OptionList)
        links.border_title = "Open which link? (Escape: none)"
        links.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.links[event.option_index])
