"""The reading screen: the article, its labels, the side pane and the notes, and what connects them."""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.widgets import TabbedContent
from textual.worker import get_current_worker

from reader.background.labelled import LabelledSoFar
from reader.background.report import Analyzer, Report, in_steps
from reader.background.thread import analyze_apart
from reader.control import one_line
from reader.model import Analysis, Article, Sentence
from reader.notes import Clock
from reader.tui.messages import settled
from reader.tui.screens.annotating import EXPORTS, AnnotatingScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.state import Memory
from reader.tui.widgets.article_header import ArticleHeader
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.detail_line import DetailLine
from reader.tui.widgets.footer import WholeKeysFooter
from reader.tui.widgets.panes import Panes
from reader.tui.widgets.search_bar import SearchBar
from reader.tui.widgets.side_pane import EntryPane, SidePane


class ReadingScreen(AnnotatingScreen):
    """The main screen: shows the article at once and its labels when the analysis is done; the notes are kept by
    `AnnotatingScreen`, beneath it."""

    BINDING_GROUP_TITLE = "Everywhere"

    BINDINGS = [
        Binding("slash", "search", "Search", show=False, id="search"),
        Binding("e", "export", "Export", id="export"),
        Binding("P", "profile", "Profile at a glance", show=False, id="profile"),
        Binding("tab", "switch_pane", "Switch pane", show=False, priority=True, id="switch_pane"),
        Binding("s", "toggle_side_pane", "Show or hide the side pane", show=False, id="side_pane"),
        Binding("plus", "widen_side_pane(1)", "Widen the side pane", show=False, id="widen_side_pane"),
        Binding("minus", "widen_side_pane(-1)", "Narrow the side pane", show=False, id="narrow_side_pane"),
        Binding("O", "outline", "Outline of flagged", show=False, id="outline"),
        Binding("L", "library", "Library", show=False, id="library"),
        Binding("question_mark", "help", "Help", id="help"),
    ]

    def __init__(self, article: Article, analyzer: Analyzer, clock: Clock, memory: Memory,
                 at: int | None = None) -> None:
        """`at`: the offset to open the article at, in place of where the reader left it."""
        super().__init__(article, clock)
        self.at = at
        self.analyzer = analyzer
        self.memory = memory

    def compose(self) -> ComposeResult:
        yield ArticleHeader(self.article, id="header")
        yield Panes(ArticleView(self.article, id="article"), SidePane(id="side-pane"), id="body")
        yield DetailLine(id="detail")
        yield WholeKeysFooter()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        # `?` first, so that the footer still shows it on the narrowest terminal.
        bindings = super().active_bindings
        return {**{key: active for key, active in bindings.items() if active.binding.action == "help"}, **bindings}

    def on_mount(self) -> None:
        self._start()

    async def open(self, article: Article) -> None:
        """Read `article` in place of the one open, which is left where the reader was."""
        await self.settle()
        self.remember_position()
        self.workers.cancel_group(self, "analysis")
        self.article, self.analysis, self.known, self.notes = article, None, None, None
        self.labelled = LabelledSoFar()
        self._waiting = set()
        await self.recompose()
        self._start()

    def _start(self) -> None:
        remembered = self.memory.remembered
        view = self.query_one(ArticleView)
        view.resume_offset = remembered.positions.get(self.article.sha256) if self.at is None else self.at
        self.at = None  # an article opened later from the library opens where the reader left it
        panes = self.query_one(Panes)
        panes.set_side_pane_width(remembered.side_pane_width)
        panes.set_class(remembered.side_pane_hidden, "-side-pane-hidden")
        view.focus()
        # The text goes on screen first; the notes, the analysis, the side pane's lists and the search bar follow.
        self.call_after_refresh(self._after_first_paint)

    async def _after_first_paint(self) -> None:
        side_pane = self.query_one(SidePane)
        if not side_pane.is_attached:  # quit before the first paint
            return
        self.open_notes()
        self.analyze()  # first: a first look may be waiting for it already
        search = SearchBar(id="search")
        search.display = False
        await side_pane.populate(self.memory.remembered.side_pane_tab)
        if not side_pane.is_attached:  # quit while the side pane was built
            return
        self.show_highlights()
        await self.mount(search, before="#detail")

    async def settle(self) -> None:
        """Wait until every request the article view has posted so far has been handled here (`space` then `q`),
        and every export asked for is written."""
        for view in self.query(ArticleView):
            await settled(view, self)
        await self.finish(EXPORTS)

    # -- the analysis ----------------------------------------------------------------------

    def analyze(self) -> None:
        """Start the analysis of the article open, in a worker given what it needs from here, where the screen's
        widgets may be looked up."""
        self._analyze(self.analyzer, self.article, self.query_one(ArticleView))

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis")
    def _analyze(self, analyzer: Analyzer, article: Article, view: ArticleView) -> None:
        """In a thread: run the analyzer, relaying its progress, each batch of labels and the whole result to the
        screen."""
        worker = get_current_worker()
        app = self.app

        def deliver(show: Callable[..., None], *what: object) -> None:
            # The reader may have opened another article meanwhile: this one's results are for no one then.
            app.call_from_thread(lambda: show(*what) if self.article is article else None)

        report = Report(
            progress=in_steps(lambda fraction: deliver(self.show_progress, fraction)),
            labelled=lambda sentences: deliver(self.show_labelled, sentences),
            first_look=lambda sentences: deliver(self.show_labelled, sentences, True),
            told=lambda message: deliver(self.show_notice, message),
            near=lambda: app.call_from_thread(view.top_offset),
            # An app that quits before this worker got going never cancels it: check both.
            wanted=lambda: not worker.is_cancelled and app.is_running,
        )
        result = analyze_apart(analyzer, article, report)
        if isinstance(result, Exception):
            deliver(self.show_failure, result)
        elif result is not None:
            deliver(self.show_analysis, result)

    def show_progress(self, fraction: float) -> None:
        """Move the header's progress bar."""
        self.query_one(ArticleHeader).show_progress(fraction)

    def show_labelled(self, sentences: tuple[Sentence, ...], first_look: bool = False) -> None:
        """Show the labels of a stretch of the text (or a first look's) as soon as they are known; the rest follows."""
        if self.analysis is None and sentences:
            self.show_known(Analysis(self.article, (), self.labelled.add(sentences, first_look), (), (), ()), False)

    def show_analysis(self, analysis: Analysis) -> None:
        """Hand the whole analysis to every part of the screen; labels shown early may change now."""
        self.analysis = analysis
        self.show_known(analysis, complete=True)
        if not analysis.sentences:
            self.query_one(DetailLine).show_message("The analysis found no sentences.")

    def show_notice(self, message: str) -> None:
        """Tell the reader something about the analysis that goes on (it works without the learned model)."""
        self.notify(one_line(message), title="Analysis", severity="warning", timeout=10, markup=False)

    def show_failure(self, error: Exception) -> None:
        """Keep the text readable and say why there are no labels; a first look's sentences take highlights now."""
        self.labelled.settle()
        self.highlight_waiting()
        # One line without control characters, whatever the error quotes.
        reason = one_line(str(error)) or type(error).__name__
        self.query_one(ArticleHeader).show_failure(f"No labels: {reason}")
        self.query_one(DetailLine).show_message(f"No labels: {reason}")
        self.notify(reason, title="The analysis failed", severity="error", timeout=10, markup=False)

    def action_profile(self) -> None:
        if self.analysis is None:
            self.notify("The profile counts the whole article: a moment, the analysis is still going.", timeout=3)
            return
        from reader.profile import profile
        from reader.tui.screens.profile import ProfileScreen

        self.app.push_screen(ProfileScreen(profile(self.known or self.analysis)))  # as shown: with the corrections

    # -- the rest of the screen ------------------------------------------------------------

    def on_article_view_sentence_selected(self, event: ArticleView.SentenceSelected) -> None:
        self.describe(event.sentence)

    def on_article_view_flagged_changed(self, event: ArticleView.FlaggedChanged) -> None:
        if self.known is not None:
            self.query_one(ArticleHeader).show_legend(self.known, event.flagged, self.analysis is not None)

    def on_article_view_match_selected(self, event: ArticleView.MatchSelected) -> None:
        self.query_one(DetailLine).show_search(event.query, event.number, event.count)
        self.query_one(SearchBar).show_count(event.count)

    def on_article_view_link_choice_requested(self, event: ArticleView.LinkChoiceRequested) -> None:
        from reader.tui.screens.links import LinksScreen

        self.app.push_screen(LinksScreen(event.links, event.view.article.text), event.view.open_link)

    @on(EntryPane.EntryChosen, "AnalysisPane")
    def _show_mentions(self, event: EntryPane.EntryChosen) -> None:
        entry = event.entry
        self.query_one(Panes).back_to_the_article()
        self.query_one(ArticleView).show_mentions(entry.subject, entry.spans, entry.stops)

    def on_search_bar_changed(self, event: SearchBar.Changed) -> None:
        self.query_one(ArticleView).find(event.query)

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        self.query_one(ArticleView).focus()
        self.query_one(ArticleView).next_match_from_cursor()

    def on_search_bar_cancelled(self, event: SearchBar.Cancelled) -> None:
        self.query_one(ArticleView).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("search", "export", "profile", "switch_pane", "toggle_side_pane", "widen_side_pane", "outline",
                      "library", "help"):
            # Under the help or a dialog these keys do nothing: the footer below it leaves them out.
            return self.app.screen is self
        return True

    def action_search(self) -> None:
        search = self.query_one(ArticleView).search
        self.query_one(SearchBar).open(search.query, len(search.matches))

    def remember_position(self) -> None:
        """Remember where the reader is in this article, for the next time it is opened."""
        view = self.query_one(ArticleView)
        sentence = view.cursor_sentence
        self.memory.keep(position=(self.article.sha256, sentence.start if sentence else view.top_offset()))

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.memory.keep(side_pane_tab=event.pane.id)

    def _remember_side_pane(self) -> None:
        panes = self.query_one(Panes)
        self.memory.keep(side_pane_width=panes.side_pane_width, side_pane_hidden=panes.has_class("-side-pane-hidden"))

    def action_switch_pane(self) -> None:
        self.query_one(Panes).switch()

    def action_toggle_side_pane(self) -> None:
        panes = self.query_one(Panes)
        panes.show_side_pane(not panes.side_pane_shown)
        self._remember_side_pane()

    def action_widen_side_pane(self, step: int) -> None:
        if not self.query_one(Panes).widen_side_pane(step):
            self.notify("On a screen this narrow the side pane takes the whole width (s shows it).", timeout=3)
        self._remember_side_pane()

    def action_outline(self) -> None:
        if self.known is None:
            self.notify("The labels are still being worked out.", timeout=2)
            return
        from reader.tui.screens.outline import OutlineScreen, outline

        view = self.query_one(ArticleView)
        lines = outline(self.known.sentences, view.highlights)
        self.app.push_screen(OutlineScreen(lines, view.cursor), self._go_to_sentence)

    def _go_to_sentence(self, sentence_id: int | None) -> None:
        if sentence_id is not None:
            self.query_one(Panes).back_to_the_article()
            self.query_one(ArticleView).select(sentence_id)

    def action_library(self) -> None:
        from reader.tui.screens.library import LibraryScreen

        self.app.push_screen(LibraryScreen())

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())
