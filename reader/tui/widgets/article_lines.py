"""How the article view draws one screen line: the gutter marks, each flagged sentence's mark, the label styles,
and what lies over them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style

from reader.frozen_mapping import FrozenMapping
from reader.model import Sentence
from reader.tui.marks import CORRECTED_MARK, CURSOR_MARK, GLYPHS, HIGHLIGHT_MARK
from reader.tui.search import Search
from reader.tui.sentence_index import SentenceIndex
from reader.tui.spans import SpanIndex
from reader.tui.wrap import Line, visible

GUTTER = 3
"""Cells left of the text: cursor mark, highlight mark, correction mark (else a space)."""

MARKED = frozenset({"quote", "opinion"})
"""The labels whose sentences start with their glyph in the text: a reported sentence has none."""

MARK_CELLS = 2
"""The cells of a sentence's mark: its glyph and a space."""


def sentence_marks(sentences: Sequence[Sentence]) -> dict[int, str]:
    """Where a mark goes (the start of each quote or opinion sentence), with its label."""
    return {sentence.start: sentence.label for sentence in sentences if sentence.label in MARKED}


@dataclass(frozen=True)
class Overlays:
    """What is drawn over the labelled text: the cursor, the highlights, the search, the tinted mentions, the
    reader's corrections and the page's links."""

    cursor: int | None = None
    highlights: frozenset[int] = frozenset()
    search: Search = field(default_factory=Search)
    tints: SpanIndex = field(default_factory=SpanIndex)
    corrected: frozenset[int] = frozenset()
    links: SpanIndex = field(default_factory=SpanIndex)
    highlight_colours: FrozenMapping[int, str] = field(default_factory=FrozenMapping)
    """The colour of each highlighted sentence that has one other than the first, by id."""


class LinePainter:
    """Turns screen lines of one article into styled segments, with the styles of the view's components."""

    def __init__(self, text: str, component: Callable[[str], Style]) -> None:
        """`component("quote")` is the style of the component class `article-view--quote`."""
        self.text = text
        self._component = component
        self._styles: dict[tuple[str, bool, bool, bool, bool, bool, bool], Style] = {}

    def forget_styles(self) -> None:
        """Drop the composed styles (the theme or the CSS changed)."""
        self._styles.clear()

    def paint(
        self, line: Line, sentences: SentenceIndex | None, overlays: Overlays, base: Style, marks: Mapping[int, str]
    ) -> list[Segment]:
        """The gutter and the text of `line`, cut wherever a style changes, with the marks of `marks` in it."""
        overlapping = sentences.overlapping(*line) if sentences is not None else []
        return self._gutter(overlapping, overlays, base) + self._text(line, overlapping, sentences, overlays, marks)

    def _gutter(self, overlapping: list, overlays: Overlays, base: Style) -> list[Segment]:
        cursor = overlays.cursor is not None and any(sentence.id == overlays.cursor for sentence in overlapping)
        highlighted = next((sentence.id for sentence in overlapping if sentence.id in overlays.highlights), None)
        corrected = any(sentence.id in overlays.corrected for sentence in overlapping)
        colour = overlays.highlight_colours.get(highlighted) if highlighted is not None else None
        mark = f"highlight-mark-{colour}" if colour else "highlight-mark"
        return [
            Segment(CURSOR_MARK, self._component("cursor-mark")) if cursor else Segment(" ", base),
            Segment(HIGHLIGHT_MARK, self._component(mark)) if highlighted is not None else Segment(" ", base),
            Segment(CORRECTED_MARK, self._component("corrected-mark")) if corrected else Segment(" ", base),
        ]

    def _text(
        self, line: Line, overlapping: list, sentences: SentenceIndex | None, overlays: Overlays,
        marks: Mapping[int, str],
    ) -> list[Segment]:
        start, end = line
        if start == end:
            return []
        cuts = {start, end}
        for sentence in overlapping:
            cuts.update((sentence.start, sentence.end))
        cuts.update(overlays.search.matches.edges_within(start, end))
        cuts.update(overlays.tints.edges_within(start, end))
        cuts.update(overlays.links.edges_within(start, end))
        points = sorted(cut for cut in cuts if start <= cut <= end)
        segments = []
        for a, b in zip(points, points[1:], strict=False):
            style = self._style_at(a, sentences, overlays)
            label = marks.get(a)
            if label is not None:
                # The mark stands at the sentence itself, so that a line never speaks for a sentence it only ends.
                segments.append(Segment(GLYPHS[label] + " ", style))
            segments.append(Segment(visible(self.text[a:b]), style))
        return segments

    def _style_at(self, offset: int, sentences: SentenceIndex | None, overlays: Overlays) -> Style:
        sentence = sentences.containing(offset) if sentences is not None else None
        label = sentence.label if sentence is not None else "plain"
        cursor = sentence is not None and sentence.id == overlays.cursor
        highlighted = sentence is not None and sentence.id in overlays.highlights
        match = overlays.search.matches.covering(offset)
        current = match is not None and match == overlays.search.current
        mention = overlays.tints.covering(offset) is not None
        linked = overlays.links.covering(offset) is not None
        key = (label, cursor, highlighted, match is not None, current, mention, linked)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = self._compose(*key)
        return style

    def _compose(
        self, label: str, cursor: bool, highlighted: bool, match: bool, current: bool, mention: bool, linked: bool
    ) -> Style:
        style = self._component(label if label in GLYPHS else "plain")
        overlays = (
            (linked, "link"),
            (highlighted, "highlight"),
            (cursor, "cursor"),
            (mention, "mention"),
            (match, "match"),
            (current, "current-match"),
        )
        for wanted, name in overlays:
            if wanted:
                # A match is drawn in colours of its own, not reversed by a cursor; the other overlays keep the
                # label's colour.
                overlay = self._component(name)
                if name in ("match", "current-match"):
                    style += Style(reverse=bool(overlay.reverse)) + overlay
                else:
                    style += _decoration(overlay)
        return style


def _decoration(style: Style) -> Style:
    """The background and text attributes of an overlay, without its foreground colour."""
    return Style(
        bgcolor=style.bgcolor,
        bold=style.bold,
        italic=style.italic,
        underline=style.underline,
        reverse=style.reverse,
    )
