"""The library view opened by `L` (or `reader --library`): the articles you annotated, last opened first, to open."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Article
from reader.notes import LibraryEntry, LibraryError, library
from reader.tui.widgets.article_header import origin_name


class LibraryScreen(Screen[None]):
    """Lists every annotated article with its origin, highlights and last opening; Enter opens one, without the
    network: the notes keep the text they were made on."""

    BINDING_GROUP_TITLE = "Library"
    BINDINGS = [
        Binding("escape", "close", "Back", id="close_library"),
        Binding("j", "move(1)", "Down", show=False, id="library_down"),
        Binding("k", "move(-1)", "Up", show=False, id="library_up"),
    ]

    class Chosen(Message):
        """The reader chose an article of the library to read."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[LibraryEntry] = []

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Library: the articles you annotated, last opened first", "bold"),
                     id="library-title")
        yield OptionList(id="library-list")
        yield Footer()

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        try:
            self.entries = library()
        except LibraryError as error:
            listing.add_option(Option(Content(str(error)), disabled=True))
            return
        if not self.entries:
            listing.add_option(Option(Content("Nothing yet: h highlights a sentence, and its article is listed here."),
                                      disabled=True))
        listing.add_options(Option(entry_prompt(entry), id=entry.sha256) for entry in self.entries)
        if self.entries:
            listing.highlighted = 0
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        entry = next(entry for entry in self.entries if entry.sha256 == event.option.id)
        article = entry.article.article()
        if article is None:
            self.notify("This article's text was not kept (notes of an older reader): open it from its source.",
                        severity="warning", timeout=6)
            return
        self.post_message(self.Chosen(article))

    def action_move(self, step: int) -> None:
        listing = self.query_one(OptionList)
        if step > 0:
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss()
        else:
            self.app.exit()


def entry_prompt(entry: LibraryEntry) -> Content:
    """`Title` over `origin · 3 highlights · opened 2026-03-14 09:26`."""
    article = entry.article
    count = f"{entry.highlights} highlight{'' if entry.highlights == 1 else 's'}"
    if entry.orphans:
        count += f" ({entry.orphans} no longer in the text)"
    opened = entry.opened.astimezone().strftime("%Y-%m-%d %H:%M")
    return Content.assemble(
        (article.title or "(no title)", "bold"),
        "\n  ",
        (f"{origin_name(article.origin)} · {count} · opened {opened}", "$text-muted"),
    )
