"""The export dialog opened by `e`: a format, a path, and which flagged sentences to add."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet

from reader import export
from reader.model import Analysis
from reader.notes import NoteStore

FORMATS = {"md": "Markdown (Obsidian)", "json": "JSON (W3C Web Annotation)", "csv": "CSV (Readwise)"}
INCLUDABLE = ("quote", "opinion")


@dataclass(frozen=True)
class ExportRequest:
    """What the reader asked for: the format, where to write, and the labels to add unhighlighted."""

    format: str
    path: Path
    include: tuple[str, ...]

    async def write(self, notes: NoteStore, analysis: Analysis, now: datetime) -> int:
        """Write the export asked for, taking in first what another instance saved; how many passages it holds.

        The file is written in a thread, so that a slow disk, or a pipe read slowly, never holds up the screen.
        Raises NoteStoreError or export.ExportError when it cannot.
        """
        notes.reload()
        document = export.collect(notes, analysis.sentences, self.include, now, analysis.quotes)
        await asyncio.to_thread(export.save, self.path, export.render(document, self.format))
        return len(export.passages(document, self.format))


def slug(title: str) -> str:
    """A file name from an article's title: `Harbour Plan Divides Town` -> `harbour-plan-divides-town`."""
    words = re.findall(r"\w+", title.casefold())
    return "-".join(words)[:60].strip("-_") or "notes"


class FormatChoice(RadioButton):
    """A format to choose, its mark drawn only once chosen: Textual tells chosen from not by colour alone, which
    NO_COLOR takes away."""

    def __init__(self, label: str, value: bool, name: str) -> None:
        super().__init__(label, value, name=name)
        _mark(self, "●")

    def watch_value(self) -> None:
        _mark(self, "●")
        super().watch_value()


class IncludeBox(Checkbox):
    """A kind of flagged sentence to export too, its X drawn only once ticked, as a FormatChoice's mark."""

    def __init__(self, label: str, id: str) -> None:  # noqa: A002  (Textual's name)
        super().__init__(label, id=id)
        _mark(self, "X")

    def watch_value(self) -> None:
        _mark(self, "X")
        super().watch_value()


def _mark(button: RadioButton | Checkbox, mark: str) -> None:
    button.BUTTON_INNER = mark if button.value else " "


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Choose a format and a path from `folder` (each follows the other's extension); ctrl+s or Enter exports, Escape
    cancels."""

    BINDINGS = [
        Binding("ctrl+s", "export", "Export", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, name: str, folder: Path) -> None:
        super().__init__()
        self.file_name = name
        self.folder = folder

    def compose(self) -> ComposeResult:
        # The path comes first, drawn where the focus starts, its text selected to be typed over.
        with Vertical(id="export-dialog"):
            # The file's name alone, so that the field shows it whole; a path typed is taken from the folder named.
            yield Label(Content(f"Write to (a path from {self.folder})"))
            yield Input(f"{self.file_name}.md", id="export-path")
            yield Label("Format")
            with RadioSet(id="export-format"):
                for index, (fmt, title) in enumerate(FORMATS.items()):
                    yield FormatChoice(f"{title}  .{fmt}", value=index == 0, name=fmt)
            yield Label("Also export the sentences flagged as (not highlighted)")
            with Horizontal(id="export-include"):
                for label in INCLUDABLE:
                    yield IncludeBox(label, id=f"include-{label}")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#export-dialog").border_title = "Export highlights and notes"
        self.query_one(Input).focus()

    def chosen_format(self) -> str:
        """The format whose button is pressed."""
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else "md"

    @on(RadioSet.Changed)
    def _format_changed(self) -> None:
        # A path that still ends in one of our extensions follows the format.
        path_input = self.query_one(Input)
        path = Path(path_input.value)
        if path.suffix.lstrip(".") in FORMATS:
            path_input.value = str(path.with_suffix(f".{self.chosen_format()}"))

    @on(Input.Changed)
    def _path_changed(self, event: Input.Changed) -> None:
        # A path typed with another of our extensions chooses that format.
        wanted = Path(event.value.strip()).suffix.lstrip(".")
        if wanted in FORMATS and wanted != self.chosen_format():
            for button in self.query(RadioButton):
                if button.name == wanted:
                    button.value = True

    @on(Input.Submitted)
    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        value = self.query_one(Input).value.strip()
        if not value:
            self.notify("Say where to write the export.", severity="warning", timeout=3)
            return
        path = self.folder / Path(value).expanduser()
        if path.is_dir():
            path = path / f"{self.file_name}.{self.chosen_format()}"
        include = tuple(label for label in INCLUDABLE if self.query_one(f"#include-{label}", Checkbox).value)
        self.dismiss(ExportRequest(self.chosen_format(), path, include))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
