"""The outline opened by `O`: every opinion, quote and highlight of the article, one line each, to jump to."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.model import Sentence
from reader.tui.marks import GLYPHS, HIGHLIGHT_MARK

OUTLINED = frozenset({"quote", "opinion"})
"""The labels whose sentences the outline lists, highlighted or not."""


@dataclass(frozen=True)
class OutlineLine:
    """One sentence of the outline: its label, whether the reader highlighted it, its number and its text."""

    sentence: Sentence
    highlighted: bool


def outline(sentences: Sequence[Sentence], highlighted: Collection[int]) -> list[OutlineLine]:
    """The flagged and highlighted sentences, in reading order."""
    return [OutlineLine(sentence, sentence.id in highlighted) for sentence in sentences
            if sentence.label in OUTLINED or sentence.id in highlighted]


class OutlineScreen(ModalScreen[int | None]):
    """Lists the article's flagged and highlighted sentences; Enter gives back the chosen one's id, Escape None."""

    BINDINGS = [
        Binding("escape,O,q", "dismiss(None)", "Close"),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
    ]

    def __init__(self, lines: list[OutlineLine], cursor: int | None) -> None:
        """`cursor` is the id of the sentence the reader is on: the outline opens at it, or at the next line."""
        super().__init__()
        self.lines = lines
        self.cursor = cursor

    def compose(self) -> ComposeResult:
        yield OptionList(*(Option(_prompt(line), id=str(line.sentence.id)) for line in self.lines), id="outline")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        count = len(self.lines)
        listing.border_title = f"Outline: {count} sentence{'' if count == 1 else 's'} (Enter goes, Escape closes)"
        if not self.lines:
            listing.add_option(Option(Content("No quote, opinion or highlight in this article."), disabled=True))
            return
        here = self.cursor if self.cursor is not None else 0
        listing.highlighted = next((index for index, line in enumerate(self.lines) if line.sentence.id >= here),
                                   count - 1)

    def action_move(self, step: int) -> None:
        listing = self.query_one(OptionList)
        if step > 0:
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(int(event.option.id))


def _prompt(line: OutlineLine) -> Content:
    """`◆ ● 12  The plan raises serious…`: the label's mark, the highlight's, the number, the text cut to fit."""
    sentence = line.sentence
    label = sentence.label
    mark = GLYPHS.get(label, " ") if label in OUTLINED else " "
    # Article text: made Content as it is, on one line, never markup; the list's CSS cuts it at its width.
    text = " ".join(sentence.text.split())
    return Content.assemble(
        (mark, f"bold $label-{label}"),
        " ",
        (HIGHLIGHT_MARK if line.highlighted else " ", "$text-accent"),
        (f" {sentence.number:>3}  ", "$text-muted"),
        (text, f"$label-{label}"),
    )
