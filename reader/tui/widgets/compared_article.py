"""One column of the comparison: an article drawn as the reading view draws it, each claim it shares with the other
article numbered beside it, as the other column numbers it."""

from __future__ import annotations

from rich.segment import Segment
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive

from reader.model import Analysis, Article, Sentence
from reader.tui.sentence_index import SentenceIndex
from reader.tui.widgets.article_text import ArticleText
from reader.tui.wrap import Line, line_at

PAIR_CELLS = 4
"""The margin of pair numbers: up to three digits and a space."""

PAIR_GOES_ON = "│"
"""Beside the lines of a paired sentence after its first, which has its number: where the claim goes on."""


class ComparedArticle(ArticleText):
    """An article beside another, labelled as in the reading view: ↓ ↑ move by sentence, `h` `a` `!` `w` highlight,
    note, correct and explain the sentence as there, Enter reads it in the reading view; the screen moves both
    columns from pair to pair and answers the requests with the article's notes."""

    BINDING_GROUP_TITLE = "Column"

    BINDINGS = [
        Binding("down", "next_sentence", "Next sentence", show=False, id="column_next_sentence"),
        Binding("up", "previous_sentence", "Previous sentence", show=False, id="column_previous_sentence"),
        Binding("space,pagedown", "next_page", "Page down", show=False, id="column_next_page"),
        Binding("b,pageup", "previous_page", "Page up", show=False, id="column_previous_page"),
        Binding("h", "toggle_highlight", "Highlight", id="highlight"),
        Binding("a", "note", "Note", show=False, id="note"),
        Binding("exclamation_mark", "correct", "Correct label, speaker", show=False, id="correct"),
        Binding("w", "explain", "Why this label", show=False, id="why"),
        Binding("enter", "read", "Read", id="read_in_reading_view"),
    ]

    COMPONENT_CLASSES = {"compared-article--pair", "compared-article--current-pair"}

    DEFAULT_CSS = """
    ComparedArticle {
        & > .compared-article--pair { color: $text-accent; text-style: bold; }
        & > .compared-article--current-pair { color: $text-accent; text-style: bold reverse; }
    }
    """

    MARGIN_NOTE_CELLS = PAIR_CELLS

    pairs: reactive[dict[int, int]] = reactive(dict, init=False)
    """The number of the pair each aligned sentence is in, by sentence id; the other column numbers it alike."""

    class _SentenceMessage(Message):
        """A message about one sentence of a column; `control` is the column, for `@on(..., selector)`."""

        def __init__(self, column: ComparedArticle, sentence: Sentence) -> None:
            super().__init__()
            self.column = column
            self.sentence = sentence

        @property
        def control(self) -> ComparedArticle:
            return self.column

    class SentenceSelected(_SentenceMessage):
        """The cursor moved to a sentence."""

    class HighlightRequested(_SentenceMessage):
        """The reader wants the sentence highlighted, or its highlight removed, in the article's notes."""

    class NoteRequested(_SentenceMessage):
        """The reader wants to write the sentence's note (which highlights it)."""

    class CorrectionRequested(_SentenceMessage):
        """The reader says the sentence's label or speaker is wrong."""

    class ExplanationRequested(_SentenceMessage):
        """The reader wants to know why the sentence has its label."""

    class ReadingRequested(_SentenceMessage):
        """The reader wants to read the article in the reading view, from the sentence."""

    def __init__(self, article: Article, side: str, *, id: str | None = None) -> None:
        """`side` names the column as the screen does: "A" or "B"."""
        super().__init__(article, id=id)
        self.side = side
        self.analysis: Analysis | None = None
        """The article's whole analysis, once it is in; until then the column is plain text."""

    def show_analysis(self, analysis: Analysis) -> None:
        """Draw the text by its labels, the cursor on the sentence at the top of the column."""
        self.analysis = analysis
        sentences = SentenceIndex(analysis.sentences)
        self.show_sentences(sentences)
        first = sentences.first_from(self.top_offset())
        if first is not None:
            self.select(first, scroll=False)

    def line_of(self, index: int) -> int:
        """The line of the text, counted from its top, where sentence `index` starts."""
        return line_at(self._line_starts, self.sentences[index].start) if self.sentences is not None else 0

    def row_of(self, index: int) -> int:
        """The row of the column where sentence `index` starts (0 is the top; off screen may be out of its rows)."""
        return self.line_of(index) - int(self.scroll_target_y)

    def put_at_row(self, index: int, row: int) -> None:
        """Put the cursor on sentence `index` and scroll its first line to `row` of the column, as near as the text
        allows."""
        self.select(index, scroll=False)
        self.scroll_to(y=max(self.line_of(index) - row, 0), animate=False, force=True)

    def margin_note(self, line: Line) -> list[Segment]:
        if self.pairs and self.sentences is not None:
            for sentence in self.sentences.overlapping(*line):
                number = self.pairs.get(sentence.id)
                if number is None:
                    continue
                current = sentence.id == self.cursor
                style = self.get_component_rich_style(
                    "compared-article--current-pair" if current else "compared-article--pair")
                if sentence.start >= line.start:
                    return [Segment(f"{number:>{PAIR_CELLS - 1}}", style), Segment(" ", self.rich_style)]
                return [Segment(" " * (PAIR_CELLS - 2), self.rich_style),
                        Segment(PAIR_GOES_ON, self.get_component_rich_style("compared-article--pair")),
                        Segment(" ", self.rich_style)]
        return [Segment(" " * PAIR_CELLS, self.rich_style)]

    def watch_pairs(self) -> None:
        self.refresh()

    def watch_cursor(self, cursor: int | None) -> None:
        if cursor is not None and self.sentences is not None:
            self.refresh_bindings()
            self.post_message(self.SentenceSelected(self, self.sentences[cursor]))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what needs the sentences until the analysis is in."""
        if action in ("toggle_highlight", "note", "correct", "explain", "read"):
            return self.cursor is not None or None
        return True

    def action_next_sentence(self) -> None:
        self._step(1)

    def action_previous_sentence(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if self.cursor is None:
            self.scroll_relative(y=step, animate=False, force=True)
        else:
            self.select(self.cursor + step)

    def action_next_page(self) -> None:
        self.page(+1)

    def action_previous_page(self) -> None:
        self.page(-1)

    def action_toggle_highlight(self) -> None:
        if self.cursor_sentence is not None:
            self.post_message(self.HighlightRequested(self, self.cursor_sentence))

    def action_note(self) -> None:
        if self.cursor_sentence is not None:
            self.post_message(self.NoteRequested(self, self.cursor_sentence))

    def action_correct(self) -> None:
        if self.cursor_sentence is not None:
            self.post_message(self.CorrectionRequested(self, self.cursor_sentence))

    def action_explain(self) -> None:
        if self.cursor_sentence is not None:
            self.post_message(self.ExplanationRequested(self, self.cursor_sentence))

    def action_read(self) -> None:
        if self.cursor_sentence is not None:
            self.post_message(self.ReadingRequested(self, self.cursor_sentence))
