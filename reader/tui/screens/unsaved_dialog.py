"""The dialog leaving an article (quitting, opening another) opens when its highlights or notes could not be saved:
save again, write them elsewhere, or lose them, as an editor asks about a file it could not write."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from reader.control import one_line

RETRY = "retry"
LOSE = "lose"


class UnsavedDialog(ModalScreen[str | Path | None]):
    """Gives back RETRY, the Path to write the notes to, LOSE to leave without them, or None (Escape) to read on."""

    BINDINGS = [Binding("escape", "read_on", "Go on reading")]

    def __init__(self, reason: str, elsewhere: Path, leaving: str) -> None:
        """`reason` the save failed; `elsewhere` to offer to write them to; `leaving` what the reader was doing
        ("Quit")."""
        super().__init__()
        self.reason = reason
        self.elsewhere = elsewhere
        self.leaving = leaving

    def compose(self) -> ComposeResult:
        with Vertical(id="unsaved-dialog"):
            yield Static(Content(f"Your latest highlights and notes are not saved: {one_line(self.reason)}."),
                         id="unsaved-reason")
            with Horizontal(classes="unsaved-choice"):
                yield Button("Save again", variant="primary", id="retry")
            yield Label("or write them to a file of their own (a notes file: put it back in the notes folder later)")
            with Horizontal(classes="unsaved-choice"):
                yield Input(str(self.elsewhere), id="unsaved-path")
                yield Button("Write", id="write")
            with Horizontal(classes="unsaved-choice"):
                yield Button(f"{self.leaving} and lose them", variant="error", id="lose")
                yield Button("Go on reading", id="read-on")

    def on_mount(self) -> None:
        self.query_one("#unsaved-dialog").border_title = "Not saved"
        self.query_one("#retry", Button).focus()

    @on(Button.Pressed, "#retry")
    def _retry(self) -> None:
        self.dismiss(RETRY)

    @on(Input.Submitted)
    @on(Button.Pressed, "#write")
    def _write(self) -> None:
        value = self.query_one(Input).value.strip()
        if not value:
            self.notify("Say where to write them.", severity="warning", timeout=3)
            return
        self.dismiss(Path(value).expanduser())

    @on(Button.Pressed, "#lose")
    def _lose(self) -> None:
        self.dismiss(LOSE)

    @on(Button.Pressed, "#read-on")
    def action_read_on(self) -> None:
        self.dismiss(None)
