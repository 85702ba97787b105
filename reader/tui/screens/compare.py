"""The comparison: two reports of one story side by side, each article's profile over its column, the claims both
make numbered alike in both columns, and what each has alone."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from reader.alignment import Pair
from reader.background.report import Analyzer, Report, in_steps
from reader.background.thread import analyze_apart
from reader.compare import Comparison, compare
from reader.control import one_line
from reader.model import Analysis, Article, Sentence
from reader.notes import Clock
from reader.profile import profile
from reader.tui.screens.compared_notes import ComparedNotes
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.working import WorkingScreen
from reader.tui.widgets.brief_profile import BriefProfile
from reader.tui.widgets.compared_article import ComparedArticle
from reader.tui.widgets.differences import Differences
from reader.tui.widgets.footer import WholeKeysFooter

SIDES = ("A", "B")
"""The names of the two articles, left and right, as the screen shows them."""

PAIR_KEYS = Binding.Group("Pairs", compact=True)

NO_PAIRS = ("No claims pair: the two tell different stories, or one story in other words (reader pairs only claims"
            " told in much the same words).")
FEW_PAIRS = 3
"""Up to this many pairs, the line says that the rest may be told in other words."""

PAIR_MARKS = [("1", "pair", "a claim both make"), ("│", "", "its sentence goes on")]
"""What the help says of the margins' pair numbers, under the reading view's marks."""


class CompareScreen(WorkingScreen):
    """Two articles in two columns: j k go from one claim both make to the next in both, tab changes column, Enter
    reads the article of the column in the reading view, `d` shows who and what each has alone."""

    BINDING_GROUP_TITLE = "Comparison"

    BINDINGS = [
        Binding("j", "next_pair", "Next pair", group=PAIR_KEYS, id="next_pair"),
        Binding("k", "previous_pair", "Previous pair", group=PAIR_KEYS, id="previous_pair"),
        Binding("tab,shift+tab", "switch_column", "Column", priority=True, id="switch_column"),
        Binding("d", "toggle_differences", "Differences", id="differences"),
        Binding("question_mark", "help", "Help", id="help"),
    ]

    class ReadingRequested(Message):
        """The reader wants to read `analysis`'s article in the reading view, from `offset`."""

        def __init__(self, analysis: Analysis, offset: int) -> None:
            super().__init__()
            self.analysis = analysis
            self.offset = offset

    def __init__(self, first: Article, second: Article, analyzers: tuple[Analyzer, Analyzer], clock: Clock) -> None:
        """`analyzers` work out the analysis of `first` and of `second` (each in a process of its own, in a run)."""
        super().__init__()
        self.articles = (first, second)
        self.analyzers = analyzers
        self.clock = clock
        self.comparison: Comparison | None = None
        """What the two share and where they differ, once both analyses are in."""
        self.notes = ComparedNotes(self, clock)
        """Each article's highlights, notes and corrections: the same store the reading view keeps them in."""
        self._failed: dict[str, str] = {}
        """Why the analysis of an article failed, by side."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-profiles"):
            for side, article in zip(SIDES, self.articles, strict=True):
                yield BriefProfile(article, side, id=f"profile-{side.lower()}")
        with Horizontal(id="compare-columns"):
            for side, article in zip(SIDES, self.articles, strict=True):
                yield ComparedArticle(article, side, id=f"column-{side.lower()}")
        differences = Differences(id="differences")
        differences.display = False
        yield differences
        yield Static(Content.styled("Working out the labels of both articles; the claims both make follow.",
                                    "$text-muted"), id="pair-line")
        yield WholeKeysFooter()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        # The comparison's own keys first, so that the footer still shows them on a narrow terminal.
        bindings = super().active_bindings
        return {**{key: active for key, active in bindings.items() if active.node is self}, **bindings}

    @property
    def columns(self) -> tuple[ComparedArticle, ComparedArticle]:
        return self.column("A"), self.column("B")

    def column(self, side: str) -> ComparedArticle:
        return self.query_one(f"#column-{side.lower()}", ComparedArticle)

    @property
    def focused_column(self) -> ComparedArticle:
        """The column the reader is in (A until they move)."""
        focused = self.focused
        return focused if isinstance(focused, ComparedArticle) else self.column("A")

    def other(self, column: ComparedArticle) -> ComparedArticle:
        return self.column("B" if column.side == "A" else "A")

    def on_mount(self) -> None:
        self.column("A").focus()
        # Both texts go on screen first; the notes and the analyses follow.
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        for column, analyzer in zip(self.columns, self.analyzers, strict=True):
            self.notes.open(column)
            self.run_worker(partial(self._analyze, column, analyzer), thread=True, group="analysis",
                            exit_on_error=False, name=f"analysis of {column.side}")

    # -- the analyses and the comparison ---------------------------------------------------

    def _analyze(self, column: ComparedArticle, analyzer: Analyzer) -> None:
        """In a thread: run the analysis of one column, relaying its progress and its result to the screen."""
        worker = get_current_worker()
        app = self.app

        def show_progress(fraction: float) -> None:
            app.call_from_thread(lambda: self._brief(column).show_progress(fraction))

        report = Report(progress=in_steps(show_progress), near=lambda: app.call_from_thread(column.top_offset),
                        # An app that quits before this worker got going never cancels it: check both.
                        wanted=lambda: not worker.is_cancelled and app.is_running,
                        told=lambda message: app.call_from_thread(self._tell_of_analysis, message))
        result = analyze_apart(analyzer, column.article, report)
        if isinstance(result, Exception):
            app.call_from_thread(self._show_failure, column, result)
        elif result is not None:
            app.call_from_thread(self._show_analysis, column, result)

    def _brief(self, column: ComparedArticle) -> BriefProfile:
        return self.query_one(f"#profile-{column.side.lower()}", BriefProfile)

    def _tell_of_analysis(self, message: str) -> None:
        self.notify(one_line(message), title="Analysis", severity="warning", timeout=10, markup=False)

    def _show_failure(self, column: ComparedArticle, error: Exception) -> None:
        reason = one_line(str(error)) or type(error).__name__
        self._failed[column.side] = reason
        self._brief(column).show_failure(reason)
        self._show_line(Content.styled(f"No pairs: the analysis of {column.side} failed ({reason}).", "$text-error"))

    def _show_analysis(self, column: ComparedArticle, analysis: Analysis) -> None:
        """Label one column; once both are in, work out the comparison."""
        column.show_analysis(analysis)
        self.notes.show(column)
        self._brief(column).show_profile(profile(analysis))
        first, second = (each.analysis for each in self.columns)
        if first is not None and second is not None:
            self.run_worker(partial(self._compare, first, second), thread=True, group="comparison",
                            exit_on_error=False)
        elif not self._failed:
            waiting = "B" if column.side == "A" else "A"
            self._show_line(Content.styled(f"Working out the labels of {waiting}; the claims both make follow.",
                                           "$text-muted"))

    def _compare(self, first: Analysis, second: Analysis) -> None:
        """In a thread: pair the claims of the two (a long article takes a moment)."""
        comparison = compare(first, second)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_comparison, comparison)

    def show_comparison(self, comparison: Comparison) -> None:
        """Number the pairs alike in both columns, list the differences, and say what there is."""
        self.comparison = comparison
        first, second = self.columns
        first.pairs = {pair.a.id: number for number, pair in enumerate(comparison.pairs, start=1)}
        second.pairs = {pair.b.id: number for number, pair in enumerate(comparison.pairs, start=1)}
        self.query_one(Differences).show(comparison)
        column = self.focused_column
        here = next((pair for pair in comparison.pairs if _side_of(pair, column.side).id == column.cursor), None)
        if here is not None:  # the reader is on a claim both make already: the other column comes to it, as with j
            self._level(here, column)
        self._describe()

    # -- moving ----------------------------------------------------------------------------

    def action_next_pair(self) -> None:
        self._to_pair(forward=True)

    def action_previous_pair(self) -> None:
        self._to_pair(forward=False)

    def _to_pair(self, forward: bool) -> None:
        """Move the focused column to its next (or previous) paired sentence, and the other to its pair, level."""
        if self._failed:
            self.notify(f"No pairs: the analysis of {' and '.join(self._failed)} failed.", timeout=3)
            return
        if self.comparison is None:
            self.notify("The pairs come once both analyses are in.", timeout=2)
            return
        if not self.comparison.pairs:
            self.notify("No claims pair: ↓ ↑ move within a column.", timeout=3)
            return
        column = self.focused_column
        here = column.cursor if column.cursor is not None else -1
        ordered = sorted(self.comparison.pairs, key=lambda pair: _side_of(pair, column.side).id)
        if forward:
            target = next((pair for pair in ordered if _side_of(pair, column.side).id > here), None)
        else:
            target = next((pair for pair in reversed(ordered) if _side_of(pair, column.side).id < here), None)
        if target is None:
            self.notify(f"No pair {'after' if forward else 'before'} this one.", timeout=2)
            return
        self._level(target, column)

    def _level(self, pair: Pair, column: ComparedArticle) -> None:
        """Put `column` on its sentence of `pair` and the other column on the other's, both on one row."""
        mine, other = _side_of(pair, column.side).id, self.other(column)
        theirs = _side_of(pair, other.side).id
        column.select(mine)
        # Both sentences on one row, as near the focused one's as both texts can scroll to (a title that wraps on
        # one side, or a text that ends sooner, leaves only some rows to both).
        lowest = max(column.line_of(mine) - int(column.max_scroll_y), other.line_of(theirs) - int(other.max_scroll_y))
        highest = min(column.line_of(mine), other.line_of(theirs))
        row = column.row_of(mine)
        if lowest <= highest:
            row = min(max(row, lowest), highest)
            column.put_at_row(mine, row)
        other.put_at_row(theirs, row)

    def action_switch_column(self) -> None:
        self.other(self.focused_column).focus()

    def action_toggle_differences(self) -> None:
        differences = self.query_one(Differences)
        differences.display = not differences.display

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(PAIR_MARKS))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Under the help these keys do nothing: the footer below it leaves them out.
        return self.app.screen is self

    @on(ComparedArticle.SentenceSelected)
    def _sentence_selected(self, event: ComparedArticle.SentenceSelected) -> None:
        if event.column is self.focused_column:
            self._describe()

    def on_descendant_focus(self) -> None:
        focused = self.focused_column
        for column in self.columns:
            self._brief(column).show_focus(column is focused)
        self._describe()

    def _describe(self) -> None:
        """Say in the line under the columns which pair the focused column is on, or what there is to pair."""
        if self.comparison is None:
            return
        pairs = self.comparison.pairs
        if not pairs:
            self._show_line(Content.styled(NO_PAIRS, "$text-warning"))
            return
        column = self.focused_column
        sentence = column.cursor_sentence
        pair = next((pair for pair in pairs if sentence is not None and _side_of(pair, column.side).id == sentence.id),
                    None)
        if pair is None:
            total = f"{len(pairs)} claim{'s' if len(pairs) != 1 else ''} both make"
            if len(pairs) <= FEW_PAIRS:
                total += " (others may be told in other words)"
            where = f"{column.side} {sentence.number}: no pair" if sentence is not None else column.side
            self._show_line(Content.assemble((where, "bold"), ("  ·  ", "$text-muted"), total,
                                             ("  ·  j k go from pair to pair", "$text-muted")))
            return
        parts: list[tuple[str, str] | str] = [(f"Pair {pairs.index(pair) + 1} of {len(pairs)}", "bold $text-accent"),
                                              ("  ·  ", "$text-muted"), f"A {pair.a.number}, B {pair.b.number}",
                                              ("  ·  ", "$text-muted"), f"alike {pair.score:.2f}"]
        for found in self.comparison.figures_differ:
            if found.pair == pair:
                parts += [("  ·  ", "$text-muted"), ("figures differ: ", "$text-warning"),
                          f"{found.a.text} in A, {found.b.text} in B"]
        self._show_line(Content.assemble(*parts))

    def _show_line(self, content: Content) -> None:
        self.query_one("#pair-line", Static).update(content)

    # -- the reader's notes, and the reading view ---------------------------------------------

    @on(ComparedArticle.HighlightRequested)
    def _toggle_highlight(self, event: ComparedArticle.HighlightRequested) -> None:
        self.notes.toggle_highlight(event.column, event.sentence)

    @on(ComparedArticle.NoteRequested)
    def _write_note(self, event: ComparedArticle.NoteRequested) -> None:
        self.notes.write_note(event.column, event.sentence)

    @on(ComparedArticle.CorrectionRequested)
    def _correct(self, event: ComparedArticle.CorrectionRequested) -> None:
        self.notes.correct(event.column, event.sentence)

    @on(ComparedArticle.ExplanationRequested)
    def _explain(self, event: ComparedArticle.ExplanationRequested) -> None:
        self.notes.explain(event.column, event.sentence)

    @on(ComparedArticle.ReadingRequested)
    def _read(self, event: ComparedArticle.ReadingRequested) -> None:
        if event.column.analysis is not None:
            self.post_message(self.ReadingRequested(event.column.analysis, event.sentence.start))

    def reopen_notes(self) -> None:
        """Take in what the reading view changed in the notes (each article's one store, on disk)."""
        for column in self.columns:
            self.notes.reload(column)


def _side_of(pair: Pair, side: str) -> Sentence:
    return pair.a if side == "A" else pair.b
