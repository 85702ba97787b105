"""The reading screen: the article, its labels, the side pane and the notes, and what connects them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.widgets import TabbedContent
from textual.worker import get_current_worker

from reader import export
from reader.control import one_line
from reader.model import Analysis, Article, Sentence
from reader.notes import Clock, Highlight, NoteStore, NoteStoreError, corrected
from reader.tui.analysing import PROGRESS_STEP, Analyzer, LabelledSoFar, Report, analyze_apart
from reader.tui.marks import excerpt
from reader.tui.messages import settled
from reader.tui.screens.help import HelpScreen
from reader.tui.state import Memory
from reader.tui.widgets.article_header import ArticleHeader
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.detail_line import DetailLine, found_speaker
from reader.tui.widgets.footer import WholeKeysFooter
from reader.tui.widgets.panes import Panes
from reader.tui.widgets.search_bar import SearchBar
from reader.tui.widgets.side_pane import EntryPane, SidePane
from reader.tui.widgets.side_pane.notes import NotesPane

if TYPE_CHECKING:
    from reader.tui.screens.correction_dialog import CorrectionChoice
    from reader.tui.screens.export_dialog import ExportRequest


class ReadingScreen(Screen[None]):
    """The main screen: shows the article at once and its labels when the analysis is done; owns the notes."""

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
        super().__init__()
        self.article = article
        self.at = at
        self.analyzer = analyzer
        self.clock = clock
        self.memory = memory
        self.analysis: Analysis | None = None
        """The whole analysis, once it is in."""
        self.known: Analysis | None = None
        """The sentences labelled so far, batch by batch, the whole analysis once it is in: as shown, with the
        labels the reader corrected."""
        self.labelled = LabelledSoFar()
        self._waiting: set[int] = set()
        """Where `h` was pressed on a first look's sentence: highlighted once the analysis has cut it."""
        self.notes: NoteStore | None = None
        """The article's saved highlights and notes, the one place they live; None when they could not be opened."""

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
        self._show_highlights()
        await self.mount(search, before="#detail")

    async def settle(self) -> None:
        """Wait until every request the article view has posted so far has been handled here (`space` then `q`)."""
        for view in self.query(ArticleView):
            await settled(view, self)

    # -- the analysis ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis")
    def analyze(self) -> None:
        """Run the analyzer, relaying its progress, each batch of labels and the whole result to the screen."""
        worker = get_current_worker()
        app = self.app
        article = self.article
        shown = 0.0

        def deliver(show: Callable[..., None], *what: object) -> None:
            # The reader may have opened another article meanwhile: this one's results are for no one then.
            app.call_from_thread(lambda: show(*what) if self.article is article else None)

        def progress(fraction: float) -> None:
            nonlocal shown
            if fraction - shown >= PROGRESS_STEP or fraction >= 1:
                shown = fraction
                deliver(self.show_progress, fraction)

        report = Report(
            progress,
            lambda sentences: deliver(self.show_labelled, sentences),
            lambda: app.call_from_thread(self.query_one(ArticleView).top_offset),
            # An app that quits before this worker got going never cancels it: check both.
            lambda: not worker.is_cancelled and app.is_running,
            lambda sentences: deliver(self.show_labelled, sentences, True),
            lambda message: deliver(self.show_notice, message),
        )
        result = analyze_apart(self.analyzer, article, report)
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
            self._show_known(Analysis(self.article, (), self.labelled.add(sentences, first_look), (), (), ()), False)

    def show_analysis(self, analysis: Analysis) -> None:
        """Hand the whole analysis to every part of the screen; labels shown early may change now."""
        self.analysis = analysis
        self._show_known(analysis, complete=True)
        self.query_one(SidePane).show_analysis(analysis)
        if not analysis.sentences:
            self.query_one(DetailLine).show_message("The analysis found no sentences.")

    def _show_known(self, labelled: Analysis, complete: bool) -> None:
        known = self.known = self._with_corrections(labelled)
        view = self.query_one(ArticleView)
        if self.notes is not None:
            # Highlights saved earlier find their sentences now, and so show in the text.
            self.notes.attach_sentences(known.sentences)
            self._show_highlights()
        self.query_one(ArticleHeader).show_legend(known, view.flagged, complete)
        view.show_analysis(known, complete)
        self._highlight_waiting()

    def _with_corrections(self, labelled: Analysis) -> Analysis:
        """The analysis as shown: each sentence the reader corrected with the label they gave it."""
        corrections = self.notes.corrections if self.notes is not None else []
        view = self.query_one(ArticleView)
        view.corrected = frozenset(sentence.id for sentence in labelled.sentences
                                   if any(correction.is_on(sentence) for correction in corrections))
        if not any(correction.relabelled for correction in corrections):
            return labelled
        return replace(labelled, sentences=tuple(corrected(labelled.sentences, corrections)))

    def show_notice(self, message: str) -> None:
        """Tell the reader something about the analysis that goes on (it works without the learned model)."""
        self.notify(one_line(message), title="Analysis", severity="warning", timeout=10, markup=False)

    def show_failure(self, error: Exception) -> None:
        """Keep the text readable and say why there are no labels; a first look's sentences take highlights now."""
        self.labelled.settle()
        self._highlight_waiting()
        # One line without control characters, whatever the error quotes.
        reason = one_line(str(error)) or type(error).__name__
        self.query_one(ArticleHeader).show_failure(f"No labels: {reason}")
        self.query_one(DetailLine).show_message(f"No labels: {reason}")
        self.notify(reason, title="The analysis failed", severity="error", timeout=10, markup=False)

    # -- highlights and notes --------------------------------------------------------------

    def open_notes(self) -> None:
        """Open the article's saved highlights, and say what went wrong with them, if anything."""
        try:
            self.notes = NoteStore.open(self.article, clock=self.clock)
        except NoteStoreError as error:
            self.notify(one_line(f"{error}; highlights will not be saved"), title="Notes", severity="error",
                        timeout=10, markup=False)
            return
        for warning in self.notes.warnings:
            self.notify(one_line(warning), title="Notes", severity="warning", timeout=10, markup=False)
        if self.notes.read_only:
            self.notify(one_line(f"Saving is off: {self.notes.saving_off}. Saved highlights are shown; changes are not"
                                 " kept."),
                        title="Notes", severity="warning", timeout=10, markup=False)
        self.notes.mark_opened()

    def _show_highlights(self) -> None:
        """Show the store's highlights in the text and in the Notes tab."""
        highlights = self.notes.highlights if self.notes is not None else []
        self.query_one(ArticleView).highlights = frozenset(
            highlight.sentence_id for highlight in highlights if highlight.sentence_id is not None
        )
        for pane in self.query(NotesPane):
            pane.show_highlights(highlights, self.notes.orphans if self.notes is not None else [])

    def _save_failed(self, error: NoteStoreError) -> None:
        self.notify(one_line(f"{error}; kept for now, saving again on the next change and when you quit"),
                    title="Not saved", severity="error", timeout=10, markup=False)

    def unsaved_notes(self, then: Callable[[], object], leaving: str) -> bool:
        """Save again what a failed save held in memory, as the reader leaves the article (`leaving` says how:
        "Quit"); if that fails too, ask what to do, and call `then` once they chose to go (the notes saved, written
        elsewhere, or given up). Whether they were asked."""
        notes = self.notes
        if notes is None or not notes.pending:
            return False
        try:
            notes.save_again()
        except NoteStoreError as error:
            from reader.tui.screens.unsaved_dialog import UnsavedDialog

            elsewhere = Path.cwd() / f"reader-notes-{notes.sha256[:8]}.json"
            self.app.push_screen(UnsavedDialog(str(error), elsewhere, leaving),
                                 partial(self._unsaved_chosen, then, leaving))
            return True
        return False

    def _unsaved_chosen(self, then: Callable[[], object], leaving: str, choice: str | Path | None) -> None:
        from reader.tui.screens.unsaved_dialog import RETRY

        if choice is None or self.notes is None:  # the reader reads on
            return
        if isinstance(choice, Path):
            try:
                self.notes.write_copy(choice)
            except OSError as error:
                self.notify(one_line(f"cannot write {choice}: {error.strerror or error}"), title="Not written",
                            severity="error", timeout=10, markup=False)
                choice = RETRY
        if choice == RETRY and self.unsaved_notes(then, leaving):
            return
        then()

    def _notes_to_mark(self, sentence: Sentence, what: str) -> NoteStore | None:
        """The notes, when `sentence` can take a highlight or a note now (a first look's may yet be cut otherwise)."""
        if self.labelled.is_first_look(sentence):
            self.notify(f"This sentence is still a first look: a moment, and it can take a {what}.", timeout=2)
            return None
        if self.notes is None:
            self.notify(f"The notes could not be opened, so a {what} would not be saved.", severity="error")
        return self.notes

    def on_article_view_highlight_requested(self, event: ArticleView.HighlightRequested) -> None:
        if self.labelled.is_first_look(event.sentence):
            # The analysis may cut a first look's sentence otherwise: the highlight waits for the analysis's own.
            if event.sentence.start in self._waiting:
                self._waiting.discard(event.sentence.start)
                self.notify("This sentence will not be highlighted after all.", timeout=2)
            else:
                self._waiting.add(event.sentence.start)
                self.notify("Highlighted as soon as the analysis has cut this sentence (h again: not).", timeout=3)
            return
        notes = self._notes_to_mark(event.sentence, "highlight")
        if notes is None:
            return
        removed = notes.highlight_for(event.sentence)
        try:
            notes.toggle(event.sentence)
        except NoteStoreError as error:
            self._save_failed(error)
        else:
            if removed is not None and removed.note:
                self.notify(f"Its note went with it: {excerpt(removed.note, 80)}", title="Highlight removed",
                            timeout=6, markup=False)
        self._show_highlights()
        self._describe(self.query_one(ArticleView).cursor_sentence)

    def _highlight_waiting(self) -> None:
        """Highlight the analysis's sentences where `h` was pressed on a first look's, once it has cut them."""
        if not self._waiting or self.known is None:
            return
        ready = [sentence for sentence in self.known.sentences if not self.labelled.is_first_look(sentence)
                 and any(sentence.start <= offset < sentence.end for offset in self._waiting)]
        if not ready:
            return
        self._waiting = {offset for offset in self._waiting
                         if not any(sentence.start <= offset < sentence.end for sentence in ready)}
        notes = self._notes_to_mark(ready[0], "highlight")
        if notes is None:
            return
        for sentence in ready:
            if notes.highlight_for(sentence) is None:
                try:
                    notes.toggle(sentence)
                except NoteStoreError as error:
                    self._save_failed(error)
                    break
        self._show_highlights()
        self._describe(self.query_one(ArticleView).cursor_sentence)

    def on_article_view_highlight_step_requested(self, event: ArticleView.HighlightStepRequested) -> None:
        view = event.view
        if self.notes is None or not self.notes.highlights:
            view.tell("No highlights yet: h highlights the current sentence.", 3)
            return
        sentence = event.sentence
        if event.forward:
            target = self.notes.next_highlight(sentence.end - 1)
        else:
            target = self.notes.previous_highlight(sentence.start)
        if target is None or target.sentence_id is None:
            view.tell(f"No highlight {'after' if event.forward else 'before'} this one.", 3)
        else:
            view.select(target.sentence_id)

    def on_article_view_note_requested(self, event: ArticleView.NoteRequested) -> None:
        notes = self._notes_to_mark(event.sentence, "note")
        if notes is None:
            return
        # The dialogs load on first use (TextArea takes 20 ms), so that they never delay the first paint.
        from reader.tui.screens.note_dialog import NoteDialog

        sentence = event.sentence
        existing = notes.highlight_for(sentence)
        dialog = NoteDialog(sentence.text, (existing.note or "") if existing else "", f"sentence {sentence.number}")
        self.app.push_screen(dialog, partial(self._note_written, sentence))

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
                self.notify(f"Note saved on sentence {sentence.number}.", timeout=2)
            elif had_note:
                self.notify(f"Note removed; sentence {sentence.number} stays highlighted.", timeout=3)
        self._show_highlights()
        self._describe(self.query_one(ArticleView).cursor_sentence)

    def on_article_view_correction_requested(self, event: ArticleView.CorrectionRequested) -> None:
        notes = self._notes_to_mark(event.sentence, "correction")
        if notes is None:
            return
        if self.analysis is None:
            self.notify("A label can be corrected once the analysis is in.", timeout=3)
            return
        from reader.tui.screens.correction_dialog import CorrectionDialog

        sentence = self.analysis.sentences[event.sentence.id]
        existing = notes.correction_for(sentence)
        speaker = existing.speaker if existing is not None and existing.speaker else found_speaker(sentence,
                                                                                                   self.analysis)
        dialog = CorrectionDialog(sentence.text, sentence.number, event.sentence.label, speaker,
                                  existing.what_was() if existing is not None else None)
        self.app.push_screen(dialog, partial(self._correction_chosen, sentence))

    def _correction_chosen(self, sentence: Sentence, choice: CorrectionChoice | None) -> None:
        if choice is None or self.notes is None or self.analysis is None:
            return
        had = self.notes.correction_for(sentence)
        try:
            correction = self.notes.correct(sentence, choice.label, choice.speaker or None,
                                            found_speaker(sentence, self.analysis))
        except NoteStoreError as error:
            self._save_failed(error)
        else:
            if correction is not None:
                self.notify(f"Sentence {sentence.number} corrected: {correction.what_was()}.", timeout=3,
                            markup=False)
            elif had is not None:
                self.notify(f"Your correction of sentence {sentence.number} is taken back.", timeout=3)
        self._show_known(self.analysis, complete=True)
        self._describe(self.query_one(ArticleView).cursor_sentence)

    def on_article_view_explanation_requested(self, event: ArticleView.ExplanationRequested) -> None:
        if self.analysis is not None:
            from reader.tui.screens.why import WhyScreen

            # The analysis's own label and reasons, with what the reader said of them.
            sentence = self.analysis.sentences[event.sentence.id]
            correction = self.notes.correction_for(sentence) if self.notes is not None else None
            self.app.push_screen(WhyScreen(sentence, self.analysis, correction))

    def on_article_view_link_choice_requested(self, event: ArticleView.LinkChoiceRequested) -> None:
        from reader.tui.screens.links import LinksScreen

        self.app.push_screen(LinksScreen(event.links, event.view.article.text), event.view.open_link)

    @on(EntryPane.EntryChosen, "NotesPane")
    def _go_to_highlight(self, event: EntryPane.EntryChosen) -> None:
        highlight = event.entry.subject
        assert isinstance(highlight, Highlight)
        if self.known is None and not highlight.orphan:
            self.notify("The sentences are still being worked out.", timeout=2)
        elif highlight.orphan or highlight.sentence_id is None:
            self.notify(f"No longer in the article text: {excerpt(highlight.exact, 80)}", title="Orphaned highlight",
                        timeout=6, markup=False)
        else:
            self.query_one(Panes).back_to_the_article()
            self.query_one(ArticleView).select(highlight.sentence_id)

    # -- export ----------------------------------------------------------------------------

    def action_export(self) -> None:
        if self.analysis is None:
            self.notify("The labels are still being worked out; export once they are in.", timeout=3)
            return
        if self.notes is None:
            self.notify("The notes could not be opened: nothing to export.", severity="error")
            return
        from reader.tui.screens.export_dialog import ExportDialog, slug

        self.app.push_screen(ExportDialog(slug(export.title_of(self.article)), Path.cwd()), self._export)

    def _export(self, request: ExportRequest | None) -> None:
        if request is None or self.notes is None or self.analysis is None:
            return
        try:
            count = request.write(self.notes, self.analysis, self.clock())
        except (NoteStoreError, export.ExportError) as error:
            self.notify(one_line(str(error)), title="Export failed", severity="error", timeout=10, markup=False)
            return
        self._show_highlights()
        self.notify(one_line(f"{count} passage{'' if count == 1 else 's'} written to {request.path}"),
                    title="Exported", timeout=6, markup=False)

    def action_profile(self) -> None:
        if self.analysis is None:
            self.notify("The profile counts the whole article: a moment, the analysis is still going.", timeout=3)
            return
        from reader.profile import profile
        from reader.tui.screens.profile import ProfileScreen

        self.app.push_screen(ProfileScreen(profile(self.analysis)))

    # -- the rest of the screen ------------------------------------------------------------

    def on_article_view_sentence_selected(self, event: ArticleView.SentenceSelected) -> None:
        self._describe(event.sentence)

    def _describe(self, sentence: Sentence | None) -> None:
        """Tell of `sentence` in the detail line, with the reader's note on it."""
        if self.known is None or sentence is None:
            return
        highlight = self.notes.highlight_for(sentence) if self.notes is not None else None
        correction = self.notes.correction_for(sentence) if self.notes is not None else None
        self.query_one(DetailLine).show(sentence, self.known, self.labelled.is_first_look(sentence),
                                        highlight.note if highlight is not None else None,
                                        so_far=self.analysis is None, correction=correction)

    def on_article_view_flagged_changed(self, event: ArticleView.FlaggedChanged) -> None:
        if self.known is not None:
            self.query_one(ArticleHeader).show_legend(self.known, event.flagged, self.analysis is not None)

    def on_article_view_match_selected(self, event: ArticleView.MatchSelected) -> None:
        self.query_one(DetailLine).show_search(event.query, event.number, event.count)
        self.query_one(SearchBar).show_count(event.count)

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
