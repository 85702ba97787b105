"""The article pane: the text wrapped to a reading column, each sentence styled by its label."""

from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.model import LABELS, Analysis, Article, Sentence
from reader.tui.marks import CURSOR_MARK, GLYPHS, HIGHLIGHT_MARK
from reader.tui.wrap import Line, line_at, visible, wrap

READING_WIDTH = 72
"""The widest the text column gets, in cells: beyond about 75 characters lines get hard to follow."""

GUTTER = 4  # cursor, highlight, label, space
DEFAULT_FLAGGED = frozenset({"quote", "opinion"})
FLAGGED_KEYS = Binding.Group("Flagged", compact=True)



class _ViewMessage(Message):
    """A message about an article view; `control` is the view, for `@on(..., selector)`."""

    def __init__(self, view: ArticleView) -> None:
        super().__init__()
        self.view = view

    @property
    def control(self) -> ArticleView:
        return self.view

class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """The article text with a sentence cursor, label styles, highlights, search matches and tints."""

    BINDING_GROUP_TITLE = "Article"

    BINDINGS = [
        Binding("j,down", "next_sentence", "Next sentence", show=False),
        Binding("k,up", "previous_sentence", "Previous sentence", show=False),
        Binding("g,home", "first_sentence", "First sentence", show=False),
        Binding("G,end", "last_sentence", "Last sentence", show=False),
        Binding("pagedown", "next_page", "Page down", show=False),
        Binding("pageup", "previous_page", "Page up", show=False),
        Binding("right_square_bracket", "next_flagged", "Next flagged", group=FLAGGED_KEYS),
        Binding("left_square_bracket", "previous_flagged", "Previous flagged", group=FLAGGED_KEYS),
        Binding("1", "toggle_flag('reported')", "Toggle reported for ] [", show=False),
        Binding("2", "toggle_flag('quote')", "Toggle quotes for ] [", show=False),
        Binding("3", "toggle_flag('opinion')", "Toggle opinion for ] [", show=False),
        Binding("n", "next_match", "Next match", show=False),
        Binding("N", "previous_match", "Previous match", show=False),
        Binding("space", "toggle_highlight", "Highlight"),
        Binding("a", "note", "Note"),
        Binding("right_curly_bracket", "next_highlight", "Next highlight", show=False),
        Binding("left_curly_bracket", "previous_highlight", "Previous highlight", show=False),
        Binding("escape", "clear", "Clear matches and tints", show=False),
    ]

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
    }

    DEFAULT_CSS = """
    ArticleView {
        scrollbar-gutter: stable;
        overflow-x: hidden;
    }
    """

    class SentenceSelected(_ViewMessage):
        """The cursor moved to a sentence."""

        def __init__(self, view: ArticleView, sentence: Sentence) -> None:
            super().__init__(view)
            self.sentence = sentence

    class HighlightToggled(_ViewMessage):
        """A sentence was highlighted or lost its highlight."""

        def __init__(self, view: ArticleView, sentence: Sentence, highlighted: bool) -> None:
            super().__init__(view)
            self.sentence = sentence
            self.highlighted = highlighted

    class NoteRequested(_ViewMessage):
        """The reader wants to write or edit the note of a sentence."""

        def __init__(self, view: ArticleView, sentence: Sentence) -> None:
            super().__init__(view)
            self.sentence = sentence

    class FlaggedChanged(_ViewMessage):
        """The labels that `]` and `[` stop at changed."""

        def __init__(self, view: ArticleView, flagged: frozenset[str]) -> None:
            super().__init__(view)
            self.flagged = flagged

    class MatchSelected(_ViewMessage):
        """The search moved to a match, or the matches changed (`number` is 0 when none is current)."""

        def __init__(self, view: ArticleView, query: str, number: int, count: int) -> None:
            super().__init__(view)
            self.query = query
            self.number = number
            self.count = count

    def __init__(self, article: Article, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article = article
        self.analysis: Analysis | None = None
        self.cursor: int | None = None
        """The index of the current sentence, None until the analysis is in."""
        self.flagged: frozenset[str] = DEFAULT_FLAGGED
        self.highlights: set[int] = set()
        """The ids of the highlighted sentences: the one place highlights live in the app."""
        self._notice = ("", 0.0)
        self._lines: list[Line] = []
        self._line_starts: list[int] = []
        self._width = 0
        self._margin = 0
        self._sentence_starts: list[int] = []
        self._by_label: dict[str, list[int]] = {label: [] for label in LABELS}
        self._flagged_cache: tuple[frozenset[str] | None, list[int]] = (None, [])
        self._query = ""
        self._matches: list[tuple[int, int]] = []
        self._match_ends: list[int] = []
        self._match_index: int | None = None
        self._tint_key: str | None = None
        self._tints: list[tuple[int, int]] = []
        self._tint_ends: list[int] = []
        self._styles: dict[tuple, Style] = {}

    # -- state set from outside ------------------------------------------------------------

    def show_analysis(self, analysis: Analysis) -> None:
        """Style the text by the sentences' labels and put the cursor at the top of the screen."""
        self.analysis = analysis
        self._sentence_starts = [sentence.start for sentence in analysis.sentences]
        self._by_label = {label: [] for label in LABELS}
        for sentence in analysis.sentences:
            self._by_label.setdefault(sentence.label, []).append(sentence.id)
        self._flagged_cache = (None, [])
        self.refresh()
        if analysis.sentences:
            top = self._lines[self.scroll_offset.y].start if self._lines else 0
            first_visible = min(bisect_left(self._sentence_starts, top), len(analysis.sentences) - 1)
            self.select(first_visible, scroll=self.scroll_offset.y > 0)
        self.refresh_bindings()

    def set_highlights(self, ids: Iterable[int]) -> None:
        """Replace the highlighted sentences (for example with the ones saved for this article)."""
        self.highlights = set(ids)
        self.refresh()

    def search(self, query: str) -> int:
        """Mark every case-insensitive occurrence of `query`; return how many there are."""
        self._query = query
        self._matches = (
            [match.span() for match in re.finditer(re.escape(query), self.article.text, re.IGNORECASE)]
            if query
            else []
        )
        self._match_ends = [end for _, end in self._matches]
        self._match_index = None
        self.refresh()
        self.refresh_bindings()
        self.post_message(self.MatchSelected(self, query, 0, len(self._matches)))
        return len(self._matches)

    def show_mentions(self, key: str, spans: Sequence[tuple[int, int]], stops: Sequence[int]) -> None:
        """Tint `spans` and move to the first of `stops` after the cursor; the same key again moves on."""
        again = key == self._tint_key
        if not again:
            self._tint_key = key
            self._tints = _merged(spans)
            self._tint_ends = [end for _, end in self._tints]
            self.refresh()
        if not stops:
            return
        stops = sorted(stops)
        here = self._cursor_sentence()
        if here is None:
            self._go_to_offset(stops[0])
            return
        after = here.end if again else here.start
        index = bisect_left(stops, after)
        if index == len(stops):
            index = 0
            self.tell("Back to the first mention.", 2)
        self._go_to_offset(stops[index])

    def clear_mentions(self) -> None:
        """Remove the tint of a chosen entry."""
        self._tint_key = None
        self._tints, self._tint_ends = [], []
        self.refresh()

    def action_clear(self) -> None:
        if self._query:
            self.search("")
        self.clear_mentions()

    # -- moving ----------------------------------------------------------------------------

    def select(self, index: int, *, scroll: bool = True, offset: int | None = None) -> None:
        """Put the cursor on sentence `index`, scroll it (or `offset` in it) into view, and say so."""
        assert self.analysis is not None
        sentences = self.analysis.sentences
        index = max(0, min(index, len(sentences) - 1))
        previous, self.cursor = self.cursor, index
        self.refresh()
        if scroll:
            self._scroll_into_view(sentences[index], offset)
        if previous in (None, 0, len(sentences) - 1) or index in (0, len(sentences) - 1):
            self.refresh_bindings()
        self.post_message(self.SentenceSelected(self, sentences[index]))

    def jump(self, ids: Sequence[int], forward: bool = True) -> bool:
        """Move to the nearest of the sorted sentence `ids` after (or before) the cursor; False if none.

        A sentence's id is its index in `analysis.sentences`.
        """
        if self.cursor is None:
            return False
        if forward:
            index = bisect_right(ids, self.cursor)
            target = ids[index] if index < len(ids) else None
        else:
            index = bisect_left(ids, self.cursor) - 1
            target = ids[index] if index >= 0 else None
        if target is None:
            return False
        self.select(target)
        return True

    def sentence_at(self, offset: int) -> int | None:
        """The index of the sentence holding `offset`, or of the next one when it falls between two."""
        if not self._sentence_starts:
            return None
        index = bisect_right(self._sentence_starts, offset) - 1
        if index < 0:
            return 0
        assert self.analysis is not None
        if offset >= self.analysis.sentences[index].end and index + 1 < len(self._sentence_starts):
            return index + 1
        return index

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out the moves that can't go further, and what needs labels before they are in."""
        if action in ("next_sentence", "last_sentence"):
            return self.cursor is None or self.cursor < self._last() or None
        if action in ("previous_sentence", "first_sentence"):
            return self.cursor is None or self.cursor > 0 or None
        if action in ("next_match", "previous_match"):
            return bool(self._matches) or None
        if action in ("toggle_highlight", "note"):
            return self.cursor is not None or None
        return True

    def action_next_sentence(self) -> None:
        if self.cursor is None:
            self.scroll_relative(y=1, animate=False, force=True)
        elif self.cursor < self._last():
            self.select(self.cursor + 1)

    def action_previous_sentence(self) -> None:
        if self.cursor is None:
            self.scroll_relative(y=-1, animate=False, force=True)
        elif self.cursor > 0:
            self.select(self.cursor - 1)

    def action_first_sentence(self) -> None:
        if self.cursor is None:
            self.scroll_home(animate=False, force=True)
        else:
            self.select(0)

    def action_last_sentence(self) -> None:
        if self.cursor is None:
            self.scroll_end(animate=False, force=True)
        else:
            self.select(self._last())

    def action_next_page(self) -> None:
        self._page(+1)

    def action_previous_page(self) -> None:
        self._page(-1)

    def action_next_flagged(self) -> None:
        self._move_to_flagged(forward=True)

    def action_previous_flagged(self) -> None:
        self._move_to_flagged(forward=False)

    def action_toggle_flag(self, label: str) -> None:
        self.flagged = self.flagged ^ {label}
        stops = ", ".join(label for label in LABELS if label in self.flagged) or "nothing"
        self.tell(f"] and [ stop at: {stops}", 2)
        self.post_message(self.FlaggedChanged(self, self.flagged))

    def action_next_match(self) -> None:
        self._move_to_match(forward=True)

    def action_previous_match(self) -> None:
        self._move_to_match(forward=False)

    def action_toggle_highlight(self) -> None:
        sentence = self._cursor_sentence()
        if sentence is None:
            return
        highlighted = sentence.id not in self.highlights
        if highlighted:
            self.highlights.add(sentence.id)
        else:
            self.highlights.discard(sentence.id)
        self.refresh()
        self.post_message(self.HighlightToggled(self, sentence, highlighted))

    def action_note(self) -> None:
        sentence = self._cursor_sentence()
        if sentence is not None:
            self.post_message(self.NoteRequested(self, sentence))

    def action_next_highlight(self) -> None:
        self._move_to_highlight(forward=True)

    def action_previous_highlight(self) -> None:
        self._move_to_highlight(forward=False)

    def next_match_from_cursor(self) -> None:
        """Go to the first match at or after the cursor (used when a search is submitted)."""
        if not self._matches:
            return
        sentence = self._cursor_sentence()
        start = sentence.start if sentence is not None else self._top_offset()
        index = bisect_left(self._match_ends, start + 1)
        self._show_match(index if index < len(self._matches) else 0)

    def _move_to_flagged(self, forward: bool) -> None:
        if self.analysis is None:
            self.tell("The labels are still being worked out.", 2)
            return
        if not self.flagged:
            self.tell("No label is flagged: press 1, 2 or 3 to choose.", 3)
            return
        if not self.jump(self._flagged_ids(), forward):
            kinds = " or ".join(label for label in LABELS if label in self.flagged)
            where = "after" if forward else "before"
            self.tell(f"No {kinds} sentence {where} this one.", 3)

    def _move_to_highlight(self, forward: bool) -> None:
        if self.cursor is None:
            self.tell("The sentences are still being worked out.", 2)
            return
        if not self.highlights:
            self.tell("No highlights yet: space highlights the current sentence.", 3)
            return
        if not self.jump(sorted(self.highlights), forward):
            self.tell(f"No highlight {'after' if forward else 'before'} this one.", 3)

    def _flagged_ids(self) -> list[int]:
        if self._flagged_cache[0] != self.flagged:
            ids = sorted(id for label in self.flagged for id in self._by_label.get(label, ()))
            self._flagged_cache = (self.flagged, ids)
        return self._flagged_cache[1]

    def _move_to_match(self, forward: bool) -> None:
        if not self._matches:
            return
        if self._match_index is None:
            self.next_match_from_cursor()
            return
        index = self._match_index + (1 if forward else -1)
        if not 0 <= index < len(self._matches):
            index %= len(self._matches)
            self.tell("Search wrapped around.", 2)
        self._show_match(index)

    def _show_match(self, index: int) -> None:
        self._match_index = index
        self._go_to_offset(self._matches[index][0])
        self.refresh()
        self.post_message(self.MatchSelected(self, self._query, index + 1, len(self._matches)))

    def _go_to_offset(self, offset: int) -> None:
        index = self.sentence_at(offset)
        if index is None:
            self._scroll_to_lines(line_at(self._line_starts, offset), line_at(self._line_starts, offset))
        else:
            self.select(index, offset=offset)

    def _page(self, direction: int) -> None:
        self.scroll_to(y=self.scroll_offset.y + direction * max(self.size.height - 2, 1), animate=False, force=True)
        if self.cursor is not None and self._lines:
            top = self._lines[min(int(self.scroll_target_y), len(self._lines) - 1)].start
            index = self.sentence_at(top)
            if index is not None:
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
            return
        margin = min(2, height // 4)
        top = int(self.scroll_target_y)
        if first - margin < top:
            top = first - margin
        elif last + margin >= top + height:
            top = min(last + margin - height + 1, first - margin)
        self.scroll_to(y=max(top, 0), animate=False, force=True)

    def _cursor_sentence(self) -> Sentence | None:
        if self.cursor is None or self.analysis is None:
            return None
        return self.analysis.sentences[self.cursor]

    def _last(self) -> int:
        return len(self.analysis.sentences) - 1 if self.analysis else 0

    def _top_offset(self) -> int:
        if not self._lines:
            return 0
        return self._lines[min(int(self.scroll_offset.y), len(self._lines) - 1)].start

    # -- layout and drawing ----------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._rewrap()

    def _rewrap(self) -> None:
        room = self.scrollable_content_region.width
        width = max(min(READING_WIDTH, room - GUTTER), 8)
        self._margin = max((room - GUTTER - width) // 2, 0)
        if width == self._width:
            self.refresh()
            return
        top = self._top_offset()
        self._width = width
        self._lines = wrap(self.article.text, width)
        self._line_starts = [line.start for line in self._lines]
        self.virtual_size = Size(room, len(self._lines))
        sentence = self._cursor_sentence()
        if sentence is not None:
            self.call_after_refresh(self._scroll_into_view, sentence, None)
        elif top:
            self.call_after_refresh(self.scroll_to, y=line_at(self._line_starts, top), animate=False, force=True)
        self.refresh()

    def tell(self, message: str, timeout: float) -> None:
        """Say something in a notification, but not again while it is still showing: a held key would stack them."""
        now = time.monotonic()
        if self._notice[0] == message and now < self._notice[1]:
            return
        self._notice = (message, now + timeout)
        self.notify(message, timeout=timeout, markup=False)

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        line = self._lines[index]
        segments = [Segment(" " * self._margin, self.rich_style)]
        segments.extend(self._gutter(line))
        segments.extend(self._text(line))
        return Strip(segments).crop_extend(0, width, self.rich_style)

    def _overlapping(self, line: Line) -> list[Sentence]:
        if self.analysis is None or line.start == line.end:
            return []
        sentences = self.analysis.sentences
        index = max(bisect_right(self._sentence_starts, line.start) - 1, 0)
        found = []
        while index < len(sentences) and sentences[index].start < line.end:
            if sentences[index].end > line.start:
                found.append(sentences[index])
            index += 1
        return found

    def _gutter(self, line: Line) -> list[Segment]:
        base = self.rich_style
        sentences = self._overlapping(line)
        cursor = self.cursor is not None and any(sentence.id == self.cursor for sentence in sentences)
        highlighted = any(sentence.id in self.highlights for sentence in sentences)
        flagged = next((sentence.label for sentence in sentences if sentence.label != "reported"), "reported")
        return [
            Segment(CURSOR_MARK, self._component("cursor-mark")) if cursor else Segment(" ", base),
            Segment(HIGHLIGHT_MARK, self._component("highlight-mark")) if highlighted else Segment(" ", base),
            Segment(GLYPHS.get(flagged, " "), self._component(flagged)),
            Segment(" ", base),
        ]

    def _text(self, line: Line) -> list[Segment]:
        start, end = line
        if start == end:
            return []
        text = self.article.text
        cuts = {start, end}
        for sentence in self._overlapping(line):
            cuts.update((sentence.start, sentence.end))
        for spans, ends in ((self._matches, self._match_ends), (self._tints, self._tint_ends)):
            index = bisect_right(ends, start)
            while index < len(spans) and spans[index][0] < end:
                cuts.update(spans[index])
                index += 1
        points = sorted(cut for cut in cuts if start <= cut <= end)
        return [
            Segment(visible(text[a:b]), self._style_at(a))
            for a, b in zip(points, points[1:])
        ]

    def _style_at(self, offset: int) -> Style:
        label, cursor, highlighted = "plain", False, False
        if self.analysis is not None:
            index = bisect_right(self._sentence_starts, offset) - 1
            if index >= 0 and offset < self.analysis.sentences[index].end:
                sentence = self.analysis.sentences[index]
                label, cursor, highlighted = sentence.label, index == self.cursor, sentence.id in self.highlights
        match = _covering(self._matches, self._match_ends, offset)
        current = match is not None and match == self._match_index
        mention = _covering(self._tints, self._tint_ends, offset) is not None
        key = (label, cursor, highlighted, match is not None, current, mention)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = self._compose_style(*key)
        return style

    def _compose_style(
        self, label: str, cursor: bool, highlighted: bool, match: bool, current: bool, mention: bool
    ) -> Style:
        style = self._component(label if label in GLYPHS else "plain")
        overlays = (
            (highlighted, "highlight"),
            (cursor, "cursor"),
            (mention, "mention"),
            (match, "match"),
            (current, "current-match"),
        )
        for wanted, name in overlays:
            if wanted:
                style += _decoration(self._component(name))
        return style

    def _component(self, name: str) -> Style:
        return self.get_component_rich_style(f"article-view--{name}")

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.analysis is None:
            return
        index = self.scroll_offset.y + offset.y
        if index >= len(self._lines):
            return
        line = self._lines[index]
        column = offset.x - self._margin - GUTTER
        position, used = line.start, 0
        for position in range(line.start, line.end):
            used += cell_len(visible(self.article.text[position]))
            if used > column:
                break
        sentence = self.sentence_at(position)
        if sentence is not None:
            self.select(sentence, scroll=False)


def _decoration(style: Style) -> Style:
    """The background and text attributes of an overlay, without its foreground colour."""
    return Style(
        bgcolor=style.bgcolor,
        bold=style.bold,
        italic=style.italic,
        underline=style.underline,
        reverse=style.reverse,
    )


def _covering(spans: list[tuple[int, int]], ends: list[int], offset: int) -> int | None:
    index = bisect_right(ends, offset)
    if index < len(spans) and spans[index][0] <= offset:
        return index
    return None


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
