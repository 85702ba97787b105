"""The library view opened by `L` (or `reader --library`): the articles you annotated, last opened first, to find
by title or source, to open or to forget. It reads them in a thread: every notes file is decoded."""

from __future__ import annotations

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from reader.control import one_line
from reader.model import Article
from reader.notes import LibraryEntry, LibraryError, forget, library, utc_now
from reader.tui.marks import middle_cut
from reader.tui.widgets.article_header import origin_name
from reader.tui.widgets.footer import WholeKeysFooter

READING = "Reading the library…"


class LibraryScreen(Screen[None]):
    """Lists every annotated article with its origin, highlights and last opening; `/` narrows the list to the
    titles and sources that have what is typed; Enter opens one, without the network: the notes keep the text they
    were made on; d forgets one."""

    BINDING_GROUP_TITLE = "Library"
    BINDINGS = [
        Binding("escape", "close", "Back", id="close_library"),
        Binding("slash", "search", "Search", id="library_search"),
        # The arrows too, so that they move the list while the search has the focus.
        Binding("j,down", "move(1)", "Down", show=False, id="library_down"),
        Binding("k,up", "move(-1)", "Up", show=False, id="library_up"),
        Binding("d,delete", "forget", "Forget", id="forget_article"),
    ]

    class Chosen(Message):
        """The reader chose an article of the library to read."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[LibraryEntry] = []
        """The whole library as it is on disk, listed or not."""
        self._status: str | None = READING
        """What the list says in place of the entries: that they are being read, or why they can't be."""
        self._highlighted = 0
        """The entry the cursor goes to once the library is read."""

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Library: the articles you annotated, last opened first", "bold"),
                     id="library-title")
        with Horizontal(id="library-search"):
            yield Static(Content("/"), id="library-search-prompt")
            yield Input(placeholder="a title or a source", id="library-search-input")
        yield OptionList(id="library-list")
        yield WholeKeysFooter()

    def on_mount(self) -> None:
        self.query_one("#library-search").display = False
        self._show(0)
        self._list(0)
        self.query_one(OptionList).focus()

    @property
    def search(self) -> str:
        """What the reader typed to narrow the list ("" lists every article)."""
        return self.query_one("#library-search-input", Input).value

    def _list(self, highlighted: int) -> None:
        """Read the library as it is on disk and list it once read, the cursor on entry `highlighted` (or the last);
        what is listed stays meanwhile (at first, that the library is being read)."""
        self._highlighted = highlighted
        self._read()

    @work(thread=True, exclusive=True, group="library")
    def _read(self) -> tuple[list[LibraryEntry], str | None]:
        """The library's entries and why it can't be read (None when it can), read away from the screen: every notes
        file is decoded, and a library of many articles takes a moment."""
        try:
            return library.entries(), None
        except LibraryError as error:
            return [], str(error)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Only the last read succeeds: one started before it (a forgotten article's) is cancelled.
        read = event.worker.result
        if event.worker.group == "library" and event.state == WorkerState.SUCCESS and read is not None:
            self.entries, self._status = read
            self._show(self._highlighted)

    def _show(self, highlighted: int) -> None:
        """List the entries the search keeps, the cursor on the `highlighted`th of them (or the last)."""
        listing = self.query_one(OptionList)
        listing.clear_options()
        if self._status is not None:
            listing.add_option(Option(Content(self._status), disabled=True))
            return
        shown = [entry for entry in self.entries if found_in(entry, self.search)]
        if not self.entries:
            listing.add_option(Option(Content("Nothing yet: h highlights a sentence, and its article is listed here."),
                                      disabled=True))
        elif not shown:
            listing.add_option(Option(Content(f"No title or source has “{self.search}”: Escape lists them all."),
                                      disabled=True))
        # Within the list's width, whether or not its scrollbar shows: a source that wrapped started the next line.
        width = listing.content_region.width - listing.styles.scrollbar_size_vertical
        listing.add_options(Option(entry_prompt(entry, width), id=entry.sha256) for entry in shown)
        if shown:
            listing.highlighted = min(highlighted, len(shown) - 1)

    def on_resize(self) -> None:
        if self.entries:
            self._show(self.query_one(OptionList).highlighted or 0)

    def action_search(self) -> None:
        self.query_one("#library-search").display = True
        self.query_one("#library-search-input", Input).focus()

    @on(Input.Changed, "#library-search-input")
    def _search_changed(self, event: Input.Changed) -> None:
        if self.query_one("#library-search").display:  # not the search emptied as it closes
            self._show(0)

    @on(Input.Submitted, "#library-search-input")
    def _search_submitted(self, event: Input.Submitted) -> None:
        # As in a fuzzy finder: the first article found (or the one moved to) opens at once.
        listing = self.query_one(OptionList)
        listing.focus()
        if listing.highlighted is not None:
            listing.action_select()

    def _clear_search(self) -> None:
        """Close the search and list every article again, the cursor on the one it was on."""
        chosen = self._chosen_entry()
        self.query_one("#library-search-input", Input).value = ""
        self.query_one("#library-search").display = False
        self._show(self.entries.index(chosen) if chosen in self.entries else 0)
        self.query_one(OptionList).focus()

    def _chosen_entry(self) -> LibraryEntry | None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return None
        option = listing.get_option_at_index(listing.highlighted)
        return next((entry for entry in self.entries if entry.sha256 == option.id), None)

    def action_move(self, step: int) -> None:
        listing = self.query_one(OptionList)
        if step > 0:
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()

    def action_forget(self) -> None:
        entry = self._chosen_entry()
        if entry is None:
            return
        reading = getattr(self.app, "reading", None)
        if reading is not None and reading.article.sha256 == entry.sha256:
            # Its store is open and would save the highlights again at the next change.
            self.notify("This article is open in the reader: open another one first to forget it.",
                        severity="warning", timeout=5)
            return
        from reader.tui.screens.forget_dialog import ForgetDialog

        title = entry.article.title or origin_name(entry.article.origin)
        self.app.push_screen(ForgetDialog(title, entry.highlights),
                             lambda forgetting: self._forget(entry, bool(forgetting)))

    def _forget(self, entry: LibraryEntry, forgetting: bool) -> None:
        if not forgetting:
            return
        try:
            moved = forget(entry, utc_now().strftime("%Y%m%dT%H%M%SZ"))
        except LibraryError as error:
            self.notify(one_line(str(error)), title="Not forgotten", severity="error", timeout=10, markup=False)
            return
        name = entry.article.title or origin_name(entry.article.origin)
        self.notify(one_line(f"{name} is forgotten; its notes are in {moved}"), title="Forgotten", timeout=6,
                    markup=False)
        self._list(entry.number - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        entry = next(entry for entry in self.entries if entry.sha256 == event.option.id)
        article = entry.article.article()
        if article is None:
            self.notify("This article's text was not kept (notes of an older reader): open it from its source.",
                        severity="warning", timeout=6)
            return
        self.post_message(self.Chosen(article))

    def action_close(self) -> None:
        """Escape clears the search first, then leaves the library."""
        if self.query_one("#library-search").display:
            self._clear_search()
        elif len(self.app.screen_stack) > 1:
            self.dismiss()
        else:
            self.app.exit()


def found_in(entry: LibraryEntry, search: str) -> bool:
    """Whether the entry's title or source has `search` in it, whatever the case ("" is in every entry)."""
    article = entry.article
    return search.casefold() in f"{article.title or ''}\n{article.origin}".casefold()


def entry_prompt(entry: LibraryEntry, width: int) -> Content:
    """`Title` over `origin · 3 highlights · opened 2026-03-14 09:26`, the origin cut in its middle to keep that line
    within `width` cells (on a narrow screen, the highlights and date on a line of their own)."""
    article = entry.article
    count = f"{entry.highlights} highlight{'' if entry.highlights == 1 else 's'}"
    if entry.orphans:
        count += f" ({entry.orphans} no longer in the text)"
    details = f"{count} · opened {entry.opened.astimezone().strftime('%Y-%m-%d %H:%M')}"
    room = width - 2 - cell_len(f" · {details}")
    # Where that leaves the origin too little room, the details go under it.
    below = f"{middle_cut(origin_name(article.origin), room)} · {details}" if room >= 24 else \
        f"{middle_cut(origin_name(article.origin), width - 2)}\n  {details}"
    return Content.assemble((article.title or "(no title)", "bold"), "\n  ", (below, "$text-muted"))
