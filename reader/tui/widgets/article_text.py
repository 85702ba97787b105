"""The drawing half of the article pane: the text wrapped to a reading column, with a sentence cursor,
label styles and what lies over them, scrolled and clicked."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.frozen_mapping import FrozenMapping
from reader.model import Article, Sentence
from reader.tui.search import Search
from reader.tui.sentence_index import SentenceIndex
from reader.tui.spans import SpanIndex
from reader.tui.widgets.article_lines import GUTTER, MARK_CELLS, LinePainter, Overlays, sentence_marks
from reader.tui.wrap import Line, line_at, rewrap, sentence_starts, visible, wrap

READING_WIDTH = 72
"""The widest the text column gets, in cells: beyond about 75 characters lines get hard to follow."""


class ArticleText(ScrollView, can_focus=True, inherit_bindings=False):
    """The article drawn line by line (Textual's Line API): only the lines on screen are drawn, from a wrap
    computed once per width. Setting `cursor`, `highlights`, `corrected`, `search` or `tints` redraws it."""

    COMPONENT_CLASSES = {
        "article-view--plain",
        "article-view--reported",
        "article-view--quote",
        "article-view--opinion",
        "article-view--cursor",
        "article-view--highlight",
        "article-view--match",
        "article-view--current-match",
        "article-view--mention",
        "article-view--cursor-mark",
        "article-view--highlight-mark",
        "article-view--highlight-mark-blue",
        "article-view--highlight-mark-green",
        "article-view--highlight-mark-pink",
        "article-view--corrected-mark",
        "article-view--link",
    }

    # Every label also has a text style and a mark, so that it reads the same without colour. The colours are
    # the theme's, fitted for contrast (reader.tui.colours); a terminal's own (ANSI) colours and NO_COLOR can't be
    # blended, so there the cursor is reversed and the mentions and matches underlined.
    DEFAULT_CSS = """
    ArticleText {
        scrollbar-gutter: stable;
        overflow-x: hidden;
        background: $background;

        & > .article-view--plain { color: $label-reported; }
        & > .article-view--reported { color: $label-reported; }
        & > .article-view--quote { color: $label-quote; text-style: italic; }
        & > .article-view--opinion { color: $label-opinion; text-style: bold; }
        & > .article-view--cursor { background: $reader-cursor; }
        & > .article-view--highlight { background: $reader-highlight; text-style: underline; }
        & > .article-view--match { color: $reader-match-text; background: $reader-match; }
        & > .article-view--current-match {
            color: $reader-current-match-text; background: $reader-current-match; text-style: bold;
        }
        & > .article-view--mention { background: $reader-mention; text-style: bold; }
        & > .article-view--cursor-mark { color: $reader-cursor-mark; }
        & > .article-view--highlight-mark { color: $reader-highlight-mark; }
        & > .article-view--highlight-mark-blue { color: $reader-highlight-mark-blue; }
        & > .article-view--highlight-mark-green { color: $reader-highlight-mark-green; }
        & > .article-view--highlight-mark-pink { color: $reader-highlight-mark-pink; }
        & > .article-view--corrected-mark { color: $reader-highlight-mark; text-style: bold; }
        & > .article-view--link { text-style: underline; }

        &:ansi, &:nocolor {
            & > .article-view--cursor { text-style: reverse; }
            & > .article-view--mention { text-style: bold underline; }
        }
        &:nocolor {
            & > .article-view--match { text-style: underline reverse; }
            & > .article-view--current-match { text-style: bold underline reverse; }
        }

        &:focus { background-tint: $foreground 2%; }
    }
    """

    cursor: reactive[int | None] = reactive(None, init=False)
    """The index of the current sentence, None until the analysis is in."""
    highlights: reactive[frozenset[int]] = reactive(frozenset, init=False)
    """The ids of the highlighted sentences, as the notes store has them."""
    highlight_colours: reactive[FrozenMapping[int, str]] = reactive(FrozenMapping, init=False)
    """The colour of each highlighted sentence the reader gave one other than the first (yellow), by id."""
    corrected: reactive[frozenset[int]] = reactive(frozenset, init=False)
    """The ids of the sentences the reader corrected, as the notes store has them."""
    search: reactive[Search] = reactive(Search, init=False, always_update=True)
    """The search and its matches (an empty query has none)."""
    tints: reactive[SpanIndex] = reactive(SpanIndex, init=False)
    """The mentions of the side-pane entry chosen last."""

    MARGIN_NOTE_CELLS = 0
    """Cells left of the gutter for what a subclass draws beside some lines (`margin_note`): none here."""

    def __init__(self, article: Article, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article = article
        self.sentences: SentenceIndex | None = None
        """The analysis sentences, once the analysis is in; a sentence's id is its index here."""
        self.resume_offset: int | None = None
        """Where the reader was when they last left this article: shown first, the cursor put there."""
        self._marks: dict[int, str] = {}
        """The label of each flagged sentence, by the offset where its mark is drawn."""
        self._room = sentence_starts(article.text)
        """Where the wrap keeps room for a mark whether or not one is drawn, so that labels coming in move no line."""
        self._lines: list[Line] = []
        self._line_starts: list[int] = []
        self._width = 0
        self._margin = 0
        self._unshown = False
        """Whether the cursor moved while the view had no room (a narrow terminal's side pane over it): it is
        scrolled into view when the view is shown again."""
        self._painter = LinePainter(article.text, self._component)
        self._links = SpanIndex.merged((link.start, link.end) for link in article.links)
        """The words of the page's links, underlined as a browser shows them."""

    def show_sentences(self, sentences: SentenceIndex) -> None:
        """Draw the text by `sentences`, with a mark at the start of each flagged one (the paragraphs of a mark
        that came or went where no room was kept are wrapped again, the line at the top kept in place)."""
        self.sentences = sentences
        marks = sentence_marks(sentences.sentences)
        changed = {offset for offset in marks.keys() ^ self._marks.keys() if offset not in self._room}
        self._marks = marks
        if changed and self._width:
            top = self.top_offset()
            self._set_lines(rewrap(self._lines, self.article.text, self._width, self._mark_cells(), changed))
            self.scroll_to(y=line_at(self._line_starts, top), animate=False, force=True)
        self.refresh()

    def _mark_cells(self) -> dict[int, int]:
        return dict.fromkeys(self._room | self._marks.keys(), MARK_CELLS)

    def _set_lines(self, lines: list[Line]) -> None:
        self._lines = lines
        self._line_starts = [line.start for line in lines]
        self.virtual_size = Size(self.scrollable_content_region.width, len(lines))

    def validate_cursor(self, cursor: int | None) -> int | None:
        if cursor is None or not self.sentences:
            return None
        return max(0, min(cursor, len(self.sentences) - 1))

    def select(self, index: int, *, scroll: bool = True, offset: int | None = None) -> None:
        """Put the cursor on sentence `index`, and scroll it (or `offset` in it) into view."""
        self.cursor = index
        sentence = self.cursor_sentence
        if scroll and sentence is not None:
            self._scroll_into_view(sentence, offset)

    @property
    def cursor_sentence(self) -> Sentence | None:
        """The sentence under the cursor, if the analysis is in."""
        if self.cursor is None or self.sentences is None:
            return None
        return self.sentences[self.cursor]

    @property
    def last(self) -> int:
        """The index of the last sentence (0 when there are none yet)."""
        return len(self.sentences) - 1 if self.sentences else 0

    # -- scrolling -------------------------------------------------------------------------

    def top_offset(self) -> int:
        """The offset in the text of the first line on screen."""
        if not self._lines:
            return 0
        return self._lines[min(int(self.scroll_offset.y), len(self._lines) - 1)].start

    def go_to_offset(self, offset: int) -> None:
        """Move the cursor to the sentence at `offset` and scroll `offset` into view (or just scroll there)."""
        index = self.sentences.at(offset) if self.sentences is not None else None
        if index is None:
            self._scroll_to_lines(line_at(self._line_starts, offset), line_at(self._line_starts, offset))
        else:
            self.select(index, offset=offset)

    def page(self, direction: int, half: bool = False) -> None:
        """Scroll a screen (or half of one) down (1) or up (-1), the cursor going to the first sentence that
        starts on it (or the one that fills it)."""
        # As in less: a page keeps two lines of the last one in view.
        step = max(self.size.height // 2 if half else self.size.height - 2, 1)
        self.scroll_to(y=self.scroll_offset.y + direction * step, animate=False, force=True)
        if self.cursor is None or self.sentences is None or not self._lines:
            return
        top = int(self.scroll_target_y)
        bottom = min(top + self.size.height, len(self._lines)) - 1
        index = self.sentences.first_from(self._lines[min(top, len(self._lines) - 1)].start)
        if index is None or self.sentences[index].start >= self._lines[max(bottom, 0)].end:
            index = self.sentences.at(self._lines[min(top, len(self._lines) - 1)].start)
        if index is None:
            return
        # As less stays put on its last page, the cursor never goes against the page while it is on it: space at
        # the end keeps it where it is.
        here = line_at(self._line_starts, self.sentences[self.cursor].start)
        if (index - self.cursor) * direction < 0 and top <= here <= bottom:
            return
        self.select(index, scroll=False)

    def _scroll_into_view(self, sentence: Sentence, offset: int | None) -> None:
        first = line_at(self._line_starts, sentence.start)
        last = line_at(self._line_starts, max(sentence.end - 1, sentence.start))
        if offset is not None and last - first + 1 > self.size.height:
            first = last = line_at(self._line_starts, offset)
        self._scroll_to_lines(first, last)

    # Scrolls are forced: in the first moments the scrollbars are not laid out yet, and an unforced
    # scroll would be dropped (a key pressed as soon as the text shows would do nothing).
    def _scroll_to_lines(self, first: int, last: int) -> None:
        height = self.size.height
        if height <= 0:
            self._unshown = True
            return
        self._unshown = False
        margin = self._context_lines()
        top = int(self.scroll_target_y)
        if first - margin < top:
            top = first - margin
        elif last + margin >= top + height:
            top = min(last + margin - height + 1, first - margin)
        self.scroll_to(y=max(top, 0), animate=False, force=True)

    def _context_lines(self) -> int:
        """The lines kept in view above and below the cursor's sentence as it moves."""
        return min(2, self.size.height // 4)

    # -- layout and drawing ----------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        unshown, sentence = self._unshown, self.cursor_sentence
        self._rewrap()
        if unshown and sentence is not None and self.size.height > 0:
            self.call_after_refresh(self._scroll_into_view, sentence, None)

    def _rewrap(self) -> None:
        room = self.scrollable_content_region.width - self.MARGIN_NOTE_CELLS
        width = max(min(READING_WIDTH, room - GUTTER), 8)
        self._margin = max((room - GUTTER - width) // 2, 0)
        if width == self._width:
            self.refresh()
            return
        resuming = not self._lines and self.resume_offset is not None
        top = self.resume_offset if resuming and self.resume_offset is not None else self.top_offset()
        self._width = width
        self._set_lines(wrap(self.article.text, width, self._mark_cells()))
        sentence = self.cursor_sentence
        if sentence is not None:
            self.call_after_refresh(self._scroll_into_view, sentence, None)
        elif top:
            # At once, not after the next refresh: the first frame of a reopened article shows where the reader was,
            # with the lines above it the cursor keeps in view, so that nothing moves when the cursor comes there.
            line = line_at(self._line_starts, top) - (self._context_lines() if resuming else 0)
            self.scroll_to(y=max(line, 0), animate=False, force=True, immediate=True)
        self.refresh()

    def notify_style_update(self) -> None:
        self._painter.forget_styles()
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        # The first frame is drawn before the first Resize comes: wrapped for the width it is drawn at, it shows the
        # text one frame (about 20 ms) sooner.
        if not self._width and self.scrollable_content_region.width:
            self._rewrap()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        overlays = Overlays(self.cursor, self.highlights, self.search, self.tints, self.corrected, self._links,
                            self.highlight_colours)
        segments = self._painter.paint(self._lines[index], self.sentences, overlays, self.rich_style, self._marks)
        return Strip([Segment(" " * self._margin, self.rich_style), *self.margin_note(self._lines[index]), *segments]
                     ).crop_extend(0, width, self.rich_style)

    def margin_note(self, line: Line) -> list[Segment]:
        """What is drawn left of the gutter beside `line`, in `MARGIN_NOTE_CELLS` cells: nothing here."""
        return []

    def _component(self, name: str) -> Style:
        return self.get_component_rich_style(f"article-view--{name}")

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.sentences is None:
            return
        index = self.scroll_offset.y + offset.y
        if index >= len(self._lines):
            return
        line = self._lines[index]
        column = offset.x - self._margin - self.MARGIN_NOTE_CELLS - GUTTER
        position, used = line.start, 0
        for position in range(line.start, line.end):
            used += cell_len(visible(self.article.text[position])) + (MARK_CELLS if position in self._marks else 0)
            if used > column:
                break
        sentence = self.sentences.at(position)
        if sentence is not None:
            self.select(sentence, scroll=False)
