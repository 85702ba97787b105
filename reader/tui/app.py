"""The reading app: the article at once, its labels when the analysis worker is done."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import get_current_worker

from reader import export
from reader.model import Analysis, Article, Sentence
from reader.notes import Clock, NoteStore, NoteStoreError, utc_now
from reader.resources import styles_dir
from reader.tui.keys import key_actions
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.article_header import ArticleHeader
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.detail_line import DetailLine
from reader.tui.widgets.search_bar import SearchBar
from reader.tui.widgets.side_pane import Entry, EntryPane, SidePane
from reader.tui.marks import excerpt
from reader.tui.widgets.side_pane.notes import NotesPane

if TYPE_CHECKING:
    from reader.tui.screens.export_dialog import ExportRequest

Analyzer = Callable[[Article, Callable[[float], None]], Analysis]
"""Turns an article into its analysis, telling a callback the fraction done."""

PROGRESS_STEP = 0.02
"""The smallest change of progress worth repainting the bar for."""

# Label colours per kind of theme: readable on the theme's background, and apart in 16 colours.
LABEL_COLOURS = {
    "dark": {"label-quote": "#62b0ff", "label-opinion": "#f5a05a", "label-reported": "#d8d8d8"},
    "light": {"label-quote": "#0a5cb8", "label-opinion": "#b34700", "label-reported": "#262626"},
    "ansi-dark": {"label-quote": "ansi_bright_cyan", "label-opinion": "ansi_bright_yellow",
                  "label-reported": "ansi_default"},
    "ansi-light": {"label-quote": "ansi_blue", "label-opinion": "ansi_magenta", "label-reported": "ansi_default"},
}


class AnalysisCancelled(Exception):
    """Raised inside the worker to stop spaCy when the app no longer wants the result."""


def analyze_with_engine(article: Article, progress: Callable[[float], None]) -> Analysis:
    """The real analysis; spaCy is imported here, in the worker, so the text shows before it loads."""
    from reader.analysis import analyze

    return analyze(article, progress=progress)


class ReaderApp(App[None]):
    """Read one article with every sentence marked as reported fact, quote or opinion."""

    CSS_PATH = str(styles_dir() / "app.tcss")
    TITLE = "reader"
    BINDING_GROUP_TITLE = "Everywhere"

    BINDINGS = [
        Binding("slash", "search", "Search", show=False),
        Binding("e", "export", "Export"),
        Binding("tab", "switch_pane", "Switch pane", show=False, priority=True),
        Binding("s", "toggle_side_pane", "Show or hide the side pane", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, article: Article, analyzer: Analyzer = analyze_with_engine, clock: Clock = utc_now) -> None:
        super().__init__()
        self.article = article
        self.analyzer = analyzer
        self.clock = clock
        self.analysis: Analysis | None = None
        self.notes: NoteStore | None = None
        """The article's saved highlights and notes; None when they could not be opened."""

    def get_theme_variable_defaults(self) -> dict[str, str]:
        theme = self.current_theme
        kind = ("ansi-" if theme.ansi else "") + ("dark" if theme.dark else "light")
        return LABEL_COLOURS[kind]

    def compose(self) -> ComposeResult:
        yield ArticleHeader(self.article, id="header")
        with Horizontal(id="body"):
            yield ArticleView(self.article, id="article")
            yield SidePane(id="side-pane")
        yield DetailLine(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleView).focus()
        self.open_notes()
        # The text goes on screen first; the side pane's lists, the search bar and spaCy follow it.
        self.call_after_refresh(self._after_first_paint)

    async def _after_first_paint(self) -> None:
        side_pane = self.query_one(SidePane)
        if not side_pane.is_attached:  # quit before the first paint
            return
        search = SearchBar(id="search")
        search.display = False
        await side_pane.populate()
        notes_pane = self.query_one(NotesPane)
        notes_pane.store = self.notes
        notes_pane.show_notes()
        await self.mount(search, before="#detail")
        self.analyse()

    # -- the analysis ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis")
    def analyse(self) -> None:
        """Run the analyzer, relaying its progress to the header and its result to the screen."""
        worker = get_current_worker()
        reported = 0.0

        def progress(fraction: float) -> None:
            nonlocal reported
            if worker.is_cancelled:
                raise AnalysisCancelled
            if fraction - reported >= PROGRESS_STEP or fraction >= 1:
                reported = fraction
                self.call_from_thread(self.show_progress, fraction)

        outcome: list[Analysis | Exception] = []

        def analyse_article() -> None:
            try:
                outcome.append(self.analyzer(self.article, progress))
            except Exception as error:  # the app stays a plain reader whatever went wrong
                outcome.append(error)

        # A daemon thread of its own, so that quitting during a long analysis never waits for it
        # (the worker's own thread is joined when the app exits).
        thread = threading.Thread(target=analyse_article, name="analysis", daemon=True)
        thread.start()
        while thread.is_alive():
            thread.join(0.05)
            # An app that quits before this worker got going never cancels it: check both.
            if worker.is_cancelled or not self.is_running:
                return
        result = outcome[0] if outcome else RuntimeError("the analysis stopped unexpectedly")
        if isinstance(result, AnalysisCancelled):
            return
        if isinstance(result, Exception):
            self.call_from_thread(self.show_failure, result)
        else:
            self.call_from_thread(self.show_analysis, result)

    def show_progress(self, fraction: float) -> None:
        """Move the header's progress bar."""
        self.query_one(ArticleHeader).show_progress(fraction)

    def show_analysis(self, analysis: Analysis) -> None:
        """Hand the finished analysis to every part of the screen."""
        self.analysis = analysis
        view = self.query_one(ArticleView)
        if self.notes is not None:
            # Highlights saved earlier find their sentences now, and so show in the text.
            self.notes.attach_sentences(analysis.sentences)
            view.set_highlights(self._highlighted_ids())
        self.query_one(ArticleHeader).show_legend(analysis, view.flagged)
        self.query_one(SidePane).show_analysis(analysis)
        if not analysis.sentences:
            self.query_one(DetailLine).show_message("The analysis found no sentences.")
        view.show_analysis(analysis)

    def show_failure(self, error: Exception) -> None:
        """Keep the text readable and say why there are no labels."""
        reason = str(error) or type(error).__name__
        message = f"No labels: {reason}"
        self.query_one(ArticleHeader).show_failure(message)
        self.query_one(DetailLine).show_message(message)
        self.notify(reason, title="The analysis failed", severity="error", timeout=10, markup=False)

    # -- highlights and notes --------------------------------------------------------------

    def open_notes(self) -> None:
        """Open the article's saved highlights, and say what went wrong with them, if anything."""
        try:
            self.notes = NoteStore.open(self.article, clock=self.clock)
        except NoteStoreError as error:
            self.notify(f"{error}; highlights will not be saved", title="Notes", severity="error",
                        timeout=10, markup=False)
            return
        for warning in self.notes.warnings:
            self.notify(warning, title="Notes", severity="warning", timeout=10, markup=False)

    def _highlighted_ids(self) -> list[int]:
        assert self.notes is not None
        return [h.sentence_id for h in self.notes.highlights if h.sentence_id is not None]

    def _show_notes(self) -> None:
        """Show the store's highlights in the text and in the Notes tab."""
        if self.notes is None:
            return
        if self.analysis is not None:
            self.query_one(ArticleView).set_highlights(self._highlighted_ids())
        self.query_one(NotesPane).show_notes()

    def _save_failed(self, error: NoteStoreError) -> None:
        self.notify(f"{error}; kept for now, saving again on the next change", title="Not saved",
                    severity="error", timeout=10, markup=False)

    def on_article_view_highlight_toggled(self, event: ArticleView.HighlightToggled) -> None:
        if self.notes is None:
            return
        existing = self.notes.highlight_for(event.sentence)
        try:
            if event.highlighted and existing is None:
                self.notes.add(event.sentence.start, event.sentence.end)
            elif not event.highlighted and existing is not None:
                self.notes.remove(existing)
                if existing.note:
                    self.notify(f"Its note went with it: {excerpt(existing.note, 80)}", title="Highlight removed",
                                timeout=6, markup=False)
        except NoteStoreError as error:
            self._save_failed(error)
        self._show_notes()

    def on_article_view_note_requested(self, event: ArticleView.NoteRequested) -> None:
        if self.notes is None:
            self.notify("The notes could not be opened, so a note would not be saved.", severity="error")
            return
        # The dialogs load on first use (TextArea takes 20 ms), so that they never delay the first paint.
        from reader.tui.screens.note_dialog import NoteDialog

        sentence = event.sentence
        existing = self.notes.highlight_for(sentence)
        dialog = NoteDialog(sentence.text, (existing.note or "") if existing else "", f"sentence {sentence.id + 1}")
        self.push_screen(dialog, partial(self._note_written, sentence))

    def _note_written(self, sentence: Sentence, text: str | None) -> None:
        if text is None or self.notes is None:
            return
        existing = self.notes.highlight_for(sentence)
        had_note = existing is not None and existing.note is not None
        try:
            highlight = self.notes.set_note(sentence, text)
        except NoteStoreError as error:
            self._save_failed(error)
        else:
            if highlight is not None and highlight.note:
                self.notify(f"Note saved on sentence {sentence.id + 1}.", timeout=2)
            elif had_note:
                self.notify(f"Note removed; sentence {sentence.id + 1} stays highlighted.", timeout=3)
        self._show_notes()

    def action_export(self) -> None:
        if self.analysis is None:
            self.notify("The labels are still being worked out; export once they are in.", timeout=3)
            return
        if self.notes is None:
            self.notify("The notes could not be opened: nothing to export.", severity="error")
            return
        from reader.tui.screens.export_dialog import ExportDialog, slug

        self.push_screen(ExportDialog(slug(export.title_of(self.article)), Path.cwd()), self._export)

    def _export(self, request: ExportRequest | None) -> None:
        if request is None or self.notes is None or self.analysis is None:
            return
        try:
            # Take in what another instance saved for this article.
            self.notes.reload()
            document = export.collect(self.notes, self.analysis.sentences, request.include, self.clock())
            export.save(request.path, export.WRITERS[request.format](document).encode("utf-8"))
        except (NoteStoreError, export.ExportError) as error:
            self.notify(str(error), title="Export failed", severity="error", timeout=10, markup=False)
            return
        self._show_notes()
        count = len(document.entries)
        self.notify(f"{count} passage{'' if count == 1 else 's'} written to {request.path}",
                    title="Exported", timeout=6, markup=False)

    # -- messages from the widgets ---------------------------------------------------------

    def on_article_view_sentence_selected(self, event: ArticleView.SentenceSelected) -> None:
        if self.analysis is not None:
            self.query_one(DetailLine).show(event.sentence, self.analysis)

    def on_article_view_flagged_changed(self, event: ArticleView.FlaggedChanged) -> None:
        if self.analysis is not None:
            self.query_one(ArticleHeader).show_legend(self.analysis, event.flagged)

    def on_article_view_match_selected(self, event: ArticleView.MatchSelected) -> None:
        self.query_one(DetailLine).show_search(event.query, event.number, event.count)
        self.query_one(SearchBar).show_count(event.count)

    def on_entry_pane_entry_chosen(self, event: EntryPane.EntryChosen) -> None:
        entry = event.entry
        if isinstance(event.pane, NotesPane):
            self._go_to_highlight(event.pane, entry)
            return
        self.query_one(ArticleView).show_mentions(entry.key, entry.spans, entry.stops)

    def _go_to_highlight(self, pane: NotesPane, entry: Entry) -> None:
        highlight = pane.highlight_of(entry)
        if highlight is None:
            return
        if self.analysis is None and not highlight.orphan:
            self.notify("The sentences are still being worked out.", timeout=2)
            return
        if highlight.orphan or highlight.sentence_id is None:
            self.notify(f"No longer in the article text: {excerpt(highlight.exact, 80)}", title="Orphaned highlight",
                        timeout=6, markup=False)
            return
        self.query_one(ArticleView).select(highlight.sentence_id)

    def on_search_bar_changed(self, event: SearchBar.Changed) -> None:
        self.query_one(ArticleView).search(event.query)

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        view = self.query_one(ArticleView)
        self.query_one(SearchBar).close()
        view.focus()
        view.next_match_from_cursor()

    def on_search_bar_cancelled(self, event: SearchBar.Cancelled) -> None:
        self.query_one(SearchBar).close()
        self.query_one(ArticleView).focus()

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("switch_pane", "search", "toggle_side_pane", "help", "export"):
            # Only on the main screen: in the help screen or the palette these keys mean nothing.
            return self.screen is self.screen_stack[0]
        return True

    def action_search(self) -> None:
        self.query_one(SearchBar).open()

    def action_switch_pane(self) -> None:
        side_pane = self.query_one(SidePane)
        if side_pane.has_focus_within:
            self.query_one(ArticleView).focus()
            return
        side_pane.display = True
        side_pane.focus_list()

    def action_toggle_side_pane(self) -> None:
        side_pane = self.query_one(SidePane)
        side_pane.display = not side_pane.display
        if not side_pane.display:
            self.query_one(ArticleView).focus()

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for action in key_actions(self):
            if action.action in ("quit", "command_palette"):
                continue
            yield SystemCommand(
                action.description,
                f"{' '.join(action.keys)} — {action.group.lower()}",
                partial(self.run_action, action.action, action.owner),
            )
