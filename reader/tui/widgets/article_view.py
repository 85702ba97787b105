"""The article pane: the reader's keys over the drawn text, and the requests it sends to whoever keeps the notes."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.message import Message

from reader.model import Analysis, Article, Link, Sentence
from reader.tui.search import Search
from reader.tui.sentence_index import SentenceIndex
from reader.tui.spans import SpanIndex
from reader.tui.widgets.article_moves import ArticleMoves

FLAGGED_KEYS = Binding.Group("Flagged", compact=True)


class _ViewMessage(Message):
    """A message about an article view; `control` is the view, for `@on(..., selector)`."""

    def __init__(self, view: ArticleView) -> None:
        super().__init__()
        self.view = view

    @property
    def control(self) -> ArticleView:
        return self.view


class _SentenceMessage(_ViewMessage):
    """A message about one sentence of the article."""

    def __init__(self, view: ArticleView, sentence: Sentence) -> None:
        super().__init__(view)
        self.sentence = sentence


class ArticleView(ArticleMoves):
    """The article pane: binds the keys of its moves (`ArticleMoves`), goes to mentions, and asks for highlights.

    Highlights live in the notes store, not here: `h`, `c`, `a`, `}` and `{` post requests, and whoever owns
    the store answers by setting `highlights` and `highlight_colours` or calling `select`.
    """

    BINDING_GROUP_TITLE = "Article"

    # The moves of a pager (less, w3m, newsboat): space, f and ctrl+f page down, b and ctrl+b up, ctrl+d and
    # ctrl+u go half a page; a count before a move repeats it.
    BINDINGS = [
        Binding("j,down", "next_sentence", "Next sentence", show=False, id="next_sentence"),
        Binding("k,up", "previous_sentence", "Previous sentence", show=False, id="previous_sentence"),
        Binding("space,pagedown,f,ctrl+f", "next_page", "Page down", show=False, id="next_page"),
        Binding("b,pageup,ctrl+b", "previous_page", "Page up", show=False, id="previous_page"),
        Binding("ctrl+d", "next_half_page", "Half a page down", show=False, id="next_half_page"),
        Binding("ctrl+u", "previous_half_page", "Half a page up", show=False, id="previous_half_page"),
        Binding("g,home", "first_sentence", "First sentence", show=False, id="first_sentence"),
        Binding("G,end", "last_sentence", "Last sentence", show=False, id="last_sentence"),
        Binding("right_square_bracket", "next_flagged", "Next flagged", group=FLAGGED_KEYS, id="next_flagged"),
        Binding("left_square_bracket", "previous_flagged", "Previous flagged", group=FLAGGED_KEYS,
                id="previous_flagged"),
        Binding("1", "toggle_flag('reported')", "Toggle reported for ] [", show=False, id="flag_reported"),
        Binding("2", "toggle_flag('quote')", "Toggle quotes for ] [", show=False, id="flag_quote"),
        Binding("3", "toggle_flag('opinion')", "Toggle opinion for ] [", show=False, id="flag_opinion"),
        Binding("n", "next_match", "Next match", show=False, id="next_match"),
        Binding("N", "previous_match", "Previous match", show=False, id="previous_match"),
        Binding("h", "toggle_highlight", "Highlight", id="highlight"),
        Binding("c", "highlight_colour", "Highlight's colour", show=False, id="highlight_colour"),
        Binding("a", "note", "Note", id="note"),
        Binding("exclamation_mark", "correct", "Correct label, speaker", show=False, id="correct"),
        Binding("w", "explain", "Why this label", show=False, id="why"),
        Binding("o", "open_link", "Open the sentence's link", show=False, id="open_link"),
        Binding("y", "copy_sentence", "Copy the sentence", show=False, id="copy_sentence"),
        Binding("right_curly_bracket", "next_highlight", "Next highlight", show=False, id="next_highlight"),
        Binding("left_curly_bracket", "previous_highlight", "Previous highlight", show=False,
                id="previous_highlight"),
    ]

    class SentenceSelected(_SentenceMessage):
        """The cursor moved to a sentence."""

    class HighlightRequested(_SentenceMessage):
        """The reader wants the sentence highlighted, or its highlight removed."""

    class ColourRequested(_SentenceMessage):
        """The reader wants the sentence's highlight in its next colour (the sentence highlighted if it is not)."""

    class NoteRequested(_SentenceMessage):
        """The reader wants to write or edit the note of a sentence."""

    class CorrectionRequested(_SentenceMessage):
        """The reader wants to give the sentence another label or speaker, or take their correction back."""

    class ExplanationRequested(_SentenceMessage):
        """The reader wants to see every reason for a sentence's label."""

    class LinkChoiceRequested(_SentenceMessage):
        """The reader wants to open one of the sentence's links (`links`, more than one): the screen asks which."""

        def __init__(self, view: ArticleView, sentence: Sentence, links: list[Link]) -> None:
            super().__init__(view, sentence)
            self.links = links

    class HighlightStepRequested(_SentenceMessage):
        """The reader wants to go from the sentence to the next highlight (or the previous one)."""

        def __init__(self, view: ArticleView, sentence: Sentence, forward: bool) -> None:
            super().__init__(view, sentence)
            self.forward = forward

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
        super().__init__(article, id=id, classes=classes)
        self._tinted: object | None = None

    # -- state set from outside ------------------------------------------------------------

    def show_analysis(self, analysis: Analysis, complete: bool = True) -> None:
        """Style and mark the text by the sentences' labels; the cursor stays on its sentence, else goes where the
        reader left the article, or to the top of the screen.

        Labels may come a stretch at a time (`complete` is False until all are in): the cursor never jumps.
        """
        kept, possible = self.cursor_sentence, self._possible()
        self.complete = complete
        sentences = SentenceIndex(analysis.sentences)
        self.show_sentences(sentences)
        resume = self.resume_offset
        if resume is not None and sentences.containing(resume) is not None:
            self.resume_offset = None
            self.select(sentences.at(resume) or 0)
        elif kept is not None:
            index = sentences.at(kept.start)
            if index is None:
                pass
            elif index == self.cursor:
                # The same place, but its label or the count of sentences may have changed: say so.
                self.post_message(self.SentenceSelected(self, sentences[index]))
            else:
                self.select(index, scroll=False)
        elif self.cursor is None:
            first_visible = sentences.first_from(self.top_offset())
            if first_visible is not None:
                self.select(first_visible, scroll=self.scroll_offset.y > 0)
        # The footer is built again on a refresh: only when a key's use changed, not on every batch of labels.
        if self._possible() != possible:
            self.refresh_bindings()

    def _possible(self) -> tuple[bool | None, ...]:
        """Whether each kind of move the bindings grey out is possible now (see `check_action`)."""
        return tuple(self.check_action(action, ()) for action in ("next_sentence", "previous_sentence", "note"))

    def find(self, query: str) -> None:
        """Mark every case-insensitive occurrence of `query` (the same query again keeps the match the reader is on)."""
        if query != self.search.query:
            self.search = Search.of(query, self.article.text)

    def show_mentions(self, subject: object, spans: Iterable[tuple[int, int]], stops: Iterable[int]) -> None:
        """Tint `spans` and move to the first of `stops` after the cursor; the same `subject` again moves on."""
        again = subject is self._tinted
        if not again:
            self._tinted = subject
            self.tints = SpanIndex.merged(spans)
        stops = sorted(stops)
        if not stops:
            return
        here = self.cursor_sentence
        if here is None:
            self.go_to_offset(stops[0])
            return
        following = [stop for stop in stops if stop >= (here.end if again else here.start)]
        if not following:
            self.tell("Back to the first mention.", 2)
        self.go_to_offset((following or stops)[0])

    def clear_mentions(self) -> None:
        """Remove the tint of a chosen entry."""
        self._tinted = None
        self.tints = SpanIndex()

    def clear(self) -> None:
        """Drop the search's matches and the tint of a chosen entry."""
        if self.search.query:
            self.find("")
        self.clear_mentions()

    # -- what changes say ------------------------------------------------------------------

    def watch_cursor(self, previous: int | None, cursor: int | None) -> None:
        if cursor is None or self.sentences is None:
            return
        # Only the ends change which moves are possible; refreshing the bindings on every move costs time.
        if previous is None or {previous, cursor} & {0, self.last}:
            self.refresh_bindings()
        self.post_message(self.SentenceSelected(self, self.sentences[cursor]))

    def watch_flagged(self, flagged: frozenset[str]) -> None:
        self.post_message(self.FlaggedChanged(self, flagged))

    def watch_search(self, search: Search) -> None:
        self.refresh_bindings()
        self.post_message(self.MatchSelected(self, search.query, search.number, len(search.matches)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out the moves that can't go further, and what needs labels before they are in."""
        if action in ("next_sentence", "last_sentence"):
            return self.cursor is None or self.cursor < self.last or None
        if action in ("previous_sentence", "first_sentence"):
            return self.cursor is None or self.cursor > 0 or None
        if action in ("next_match", "previous_match"):
            return bool(self.search.matches) or None
        if action in ("toggle_highlight", "highlight_colour", "note", "correct", "explain", "open_link",
                      "copy_sentence"):
            return self.cursor is not None or None
        return True

    # -- actions ---------------------------------------------------------------------------

    def action_toggle_highlight(self) -> None:
        sentence = self.cursor_sentence
        if sentence is not None:
            self.post_message(self.HighlightRequested(self, sentence))

    def action_highlight_colour(self) -> None:
        sentence = self.cursor_sentence
        if sentence is not None:
            self.post_message(self.ColourRequested(self, sentence))

    def action_note(self) -> None:
        sentence = self.cursor_sentence
        if sentence is not None:
            self.post_message(self.NoteRequested(self, sentence))

    def action_correct(self) -> None:
        sentence = self.cursor_sentence
        if sentence is not None:
            self.post_message(self.CorrectionRequested(self, sentence))

    def action_explain(self) -> None:
        sentence = self.cursor_sentence
        if sentence is not None:
            self.post_message(self.ExplanationRequested(self, sentence))

    def action_open_link(self) -> None:
        sentence = self.cursor_sentence
        if sentence is None:
            return
        links = links_in(self.article.links, sentence)
        if not links:
            self.tell("No link in this sentence.", 2)
        elif len(links) == 1:
            self.open_link(links[0])
        else:
            self.post_message(self.LinkChoiceRequested(self, sentence, links))

    def open_link(self, link: Link | None) -> None:
        """Open `link` in the browser and say so; None (no link chosen) does nothing."""
        if link is not None:
            self.app.open_url(link.url)
            self.notify(f"Opened {link.url}", timeout=3, markup=False)

    def action_copy_sentence(self) -> None:
        sentence = self.cursor_sentence
        if sentence is not None:
            # Through the terminal (OSC 52), so that it reaches the clipboard over ssh too.
            self.app.copy_to_clipboard(sentence.text)
            self.tell(f"Sentence {sentence.number} copied.", 2)

    def action_next_highlight(self) -> None:
        self._ask_for_highlight(forward=True)

    def action_previous_highlight(self) -> None:
        self._ask_for_highlight(forward=False)

    def _ask_for_highlight(self, forward: bool) -> None:
        sentence = self.cursor_sentence
        if sentence is None:
            self.tell("The sentences are still being worked out.", 2)
        else:
            self.post_message(self.HighlightStepRequested(self, sentence, forward))


def links_in(links: Iterable[Link], sentence: Sentence) -> list[Link]:
    """The links whose words lie in `sentence`."""
    return [link for link in links if link.start < sentence.end and link.end > sentence.start]
