"""The dialog `d` opens in the library: forget an article, once the reader says so."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ForgetDialog(ModalScreen[bool]):
    """Asks whether to forget an article; gives back True to forget it, False (Escape, n) to keep it."""

    BINDINGS = [
        Binding("y", "forget", "Forget it"),
        Binding("n,escape", "keep", "Keep it"),
    ]

    def __init__(self, title: str, highlights: int) -> None:
        super().__init__()
        self.article_title = title
        self.highlights = highlights

    def compose(self) -> ComposeResult:
        count = f"{self.highlights} highlight{'' if self.highlights == 1 else 's'}"
        with Vertical(id="forget-dialog"):
            # The title is outside text: Content, never markup.
            yield Static(Content.assemble(
                "Forget ", (self.article_title, "bold"), "?\n",
                f"Its {count} and any notes on them leave the library; the notes file is moved to the folder",
                " forgotten/ beside the others, and can be moved back.",
            ), id="forget-question")
            with Horizontal(id="forget-buttons"):
                yield Button("Keep it (n)", id="keep")
                yield Button("Forget it (y)", variant="error", id="forget")

    def on_mount(self) -> None:
        self.query_one("#forget-dialog").border_title = "Forget this article"
        self.query_one("#keep", Button).focus()

    @on(Button.Pressed, "#forget")
    def action_forget(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        self.dismiss(False)
