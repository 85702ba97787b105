"""The correction dialog opened by `!`: the label the reader says a sentence has, and who they say speaks."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.model import LABELS, Label
from reader.tui.marks import excerpt, label_name


@dataclass(frozen=True)
class CorrectionChoice:
    """What the reader chose: a label, and a speaker (empty: as the analysis found it)."""

    label: Label
    speaker: str


class CorrectionDialog(ModalScreen[CorrectionChoice | None]):
    """Choose the right label (Enter) or type the speaker (tab, then Enter); Escape changes nothing."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, passage: str, number: int, label: Label, speaker: str | None, was: str | None) -> None:
        """`label` and `speaker` are the sentence's as shown now; `was` says what the analysis said, when the reader
        corrected it before."""
        super().__init__()
        self.passage = passage
        self.number = number
        self.label = label
        self.speaker = speaker
        self.was = was

    def compose(self) -> ComposeResult:
        with Vertical(id="correction-dialog"):
            yield Static(Content(excerpt(self.passage, 240)), id="correction-passage")
            yield OptionList(*(Option(self._prompt(label), id=label) for label in LABELS), id="correction-labels")
            yield Input(self.speaker or "", placeholder="who speaks (empty: as found)", id="correction-speaker",
                        select_on_focus=False)
            hint = "Enter chooses · tab: the speaker · Escape cancels"
            if self.was:
                hint = f"You corrected this: {self.was}. Choose it again to take your correction back. · {hint}"
            yield Static(Content.styled(hint, "$text-muted"), id="correction-keys")

    def _prompt(self, label: Label) -> Content:
        now = "  (now)" if label == self.label else ""
        return Content.assemble((label_name(label), f"bold $label-{label}"), (now, "$text-muted"))

    def on_mount(self) -> None:
        self.query_one("#correction-dialog").border_title = f"Correct sentence {self.number}"
        labels = self.query_one(OptionList)
        labels.highlighted = LABELS.index(self.label)
        labels.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._choose(self.query_one(OptionList).highlighted)

    def _choose(self, index: int | None) -> None:
        label = LABELS[index] if index is not None else self.label
        self.dismiss(CorrectionChoice(label, self.query_one(Input).value.strip()))
