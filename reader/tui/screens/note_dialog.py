"""The note dialog opened by `a`: a multi-line note on the current sentence."""

from __future__ import annotations

import unicodedata

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from reader.control import is_bidirectional_control
from reader.tui.marks import excerpt


class NoteText(TextArea):
    """The note's text area, which also takes the invisible characters that join what is typed around them."""

    async def _on_key(self, event: events.Key) -> None:
        # Textual's text area types only printable characters: a zero-width joiner (the ‍ in 👨‍👩‍👧) or a tag of a
        # flag is a format character, so it was dropped and the family came apart. Control characters stay out.
        character = event.character
        if (not self.read_only and character is not None and len(character) == 1
                and unicodedata.category(character) == "Cf" and not is_bidirectional_control(character)):
            event.stop()
            event.prevent_default()
            start, end = self.selection
            self.replace(character, start, end, maintain_selection_offset=False)
        # Any other key goes on to TextArea's own handler: Textual calls each class's in turn.


class NoteDialog(ModalScreen[str | None]):
    """Write or edit a note; ctrl+s gives back its text (empty clears it), Escape gives back None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save the note", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, passage: str, note: str, where: str) -> None:
        super().__init__()
        self.passage = passage
        self.note = note
        self.where = where

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog"):
            yield Static(Content(excerpt(self.passage, 240)), id="note-passage")
            yield NoteText(self.note, soft_wrap=True, id="note-text")
            yield Static(
                Content.assemble(("ctrl+s", "bold"), " saves · ", ("Escape", "bold"),
                                 " cancels · an empty note removes the note, not the highlight"),
                id="note-keys",
            )

    def on_mount(self) -> None:
        self.query_one("#note-dialog").border_title = f"Note on {self.where}"
        text = self.query_one(TextArea)
        text.focus()
        text.move_cursor(text.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
