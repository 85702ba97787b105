"""The reader's side of the reading screen: their highlights, notes and corrections, kept in the notes store,
shown over the labels, and exported. `ReadingScreen` adds the layout and the analysis on top of it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work

from reader.background.labelled import LabelledSoFar
from reader.control import one_line
from reader.frozen_mapping import FrozenMapping
from reader.model import Analysis, Article, Sentence
from reader.notes import COLOURS, Clock, Highlight, NoteStore, NoteStoreError, corrected, recredited
from reader.tui.marks import excerpt
from reader.tui.screens.unsaved_notes import settle
from reader.tui.screens.working import WorkingScreen
from reader.tui.widgets.article_header import ArticleHeader
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.detail_line import DetailLine, found_speaker
from reader.tui.widgets.panes import Panes
from reader.tui.widgets.side_pane import EntryPane, SidePane
from reader.tui.widgets.side_pane.notes import NotesPane

if TYPE_CHECKING:
    from reader.tui.screens.correction_dialog import CorrectionChoice
    from reader.tui.screens.export_dialog import ExportRequest

EXPORTS = "exports"
"""The group of the workers that write the exports asked for."""


class AnnotatingScreen(WorkingScreen):
    """Answers the article view's requests for highlights, notes and corrections, and keeps them in the notes store,
    the one place they live; a subclass lays out the widgets and feeds in the analysis (`show_known`)."""

    def __init__(self, article: Article, clock: Clock) -> None:
        super().__init__()
        self.article = article
        self.clock = clock
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

    # -- the labels as the reader corrected them -------------------------------------------

    def show_known(self, labelled: Analysis, complete: bool) -> None:
        """Show `labelled` (`complete` once it is the whole analysis) with the reader's corrections, and the saved
        highlights on the sentences they belong to."""
        known = self.known = self._with_corrections(labelled, complete)
        view = self.query_one(ArticleView)
        if self.notes is not None:
            # Highlights saved earlier find their sentences now, and so show in the text.
            self.notes.attach_sentences(known.sentences)
            self.show_highlights()
        self.query_one(ArticleHeader).show_legend(known, view.flagged, complete)
        view.show_analysis(known, complete)
        if complete:
            self.query_one(SidePane).show_analysis(known)
        self.highlight_waiting()

    def _with_corrections(self, labelled: Analysis, complete: bool) -> Analysis:
        """The analysis as shown: each sentence the reader corrected with the label they gave it, and (once it is
        `complete`) each speaker they corrected counted as theirs."""
        corrections = self.notes.corrections if self.notes is not None else []
        view = self.query_one(ArticleView)
        view.corrected = frozenset(sentence.id for sentence in labelled.sentences
                                   if any(correction.is_on(sentence) for correction in corrections))
        if not corrections:
            return labelled
        return replace(labelled, sentences=tuple(corrected(labelled.sentences, corrections)),
                       voices=recredited(labelled, corrections) if complete else labelled.voices)

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

    def show_highlights(self) -> None:
        """Show the store's highlights in the text and in the Notes tab."""
        highlights = self.notes.highlights if self.notes is not None else []
        view = self.query_one(ArticleView)
        colours = {highlight.sentence_id: highlight.colour for highlight in highlights
                   if highlight.sentence_id is not None}
        view.highlights = frozenset(colours)
        view.highlight_colours = FrozenMapping((sentence, colour) for sentence, colour in colours.items()
                                               if colour != COLOURS[0])
        for pane in self.query(NotesPane):
            pane.show_highlights(highlights, self.notes.orphans if self.notes is not None else [])

    def _save_failed(self, error: NoteStoreError) -> None:
        self.notify(one_line(f"{error}; kept for now, saving again on the next change and when you quit"),
                    title="Not saved", severity="error", timeout=10, markup=False)

    def unsaved_notes(self, then: Callable[[], object], leaving: str) -> bool:
        """Save again what a failed save held in memory, as the reader leaves the article (`leaving` says how:
        "Quit"); if that fails too, ask what to do, and call `then` once they chose to go (the notes saved, written
        elsewhere, or given up). Whether they were asked."""
        return self.notes is not None and settle(self, [(self.notes, str)], then, leaving)

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
        self.show_highlights()
        self.describe(self.query_one(ArticleView).cursor_sentence)

    def on_article_view_colour_requested(self, event: ArticleView.ColourRequested) -> None:
        notes = self._notes_to_mark(event.sentence, "highlight")
        if notes is None:
            return
        highlight = notes.highlight_for(event.sentence)
        try:
            # Not highlighted yet: highlighted in the first colour, so that c alone both highlights and colours.
            changed = notes.toggle(event.sentence) if highlight is None else notes.set_colour(
                highlight, following(highlight.colour))
        except NoteStoreError as error:
            self._save_failed(error)
        else:
            if changed is not None:
                self.notify(f"Highlighted in {changed.colour} (next: {following(changed.colour)}).", timeout=2)
        self.show_highlights()
        self.describe(self.query_one(ArticleView).cursor_sentence)

    def highlight_waiting(self) -> None:
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
        self.show_highlights()
        self.describe(self.query_one(ArticleView).cursor_sentence)

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
        self.show_highlights()
        self.describe(self.query_one(ArticleView).cursor_sentence)

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
        self.show_known(self.analysis, complete=True)
        self.describe(self.query_one(ArticleView).cursor_sentence)

    def on_article_view_explanation_requested(self, event: ArticleView.ExplanationRequested) -> None:
        if self.analysis is not None:
            from reader.tui.screens.why import WhyScreen

            # The analysis's own label and reasons, with what the reader said of them.
            sentence = self.analysis.sentences[event.sentence.id]
            correction = self.notes.correction_for(sentence) if self.notes is not None else None
            self.app.push_screen(WhyScreen(sentence, self.analysis, correction))

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

    def describe(self, sentence: Sentence | None) -> None:
        """Tell of `sentence` in the detail line, with the reader's note on it."""
        if self.known is None or sentence is None:
            return
        highlight = self.notes.highlight_for(sentence) if self.notes is not None else None
        correction = self.notes.correction_for(sentence) if self.notes is not None else None
        self.query_one(DetailLine).show(sentence, self.known, self.labelled.is_first_look(sentence),
                                        highlight.note if highlight is not None else None,
                                        so_far=self.analysis is None, correction=correction)

    # -- export ----------------------------------------------------------------------------

    def action_export(self) -> None:
        if self.analysis is None:
            self.notify("The labels are still being worked out; export once they are in.", timeout=3)
            return
        if self.notes is None:
            self.notify("The notes could not be opened: nothing to export.", severity="error")
            return
        from reader import export
        from reader.tui.screens.export_dialog import ExportDialog, slug

        self.app.push_screen(ExportDialog(slug(export.title_of(self.article)), Path.cwd()), self._export)

    def _export(self, request: ExportRequest | None) -> None:
        if request is not None and self.notes is not None and self.analysis is not None:
            self._write_export(request, self.notes, self.analysis)

    @work(exit_on_error=False, group=EXPORTS, name="Export")
    async def _write_export(self, request: ExportRequest, notes: NoteStore, analysis: Analysis) -> None:
        """Write the export and say where; what stops it (a folder that is not there) `WorkingScreen` says."""
        count = await request.write(notes, analysis, self.clock())
        self.show_highlights()
        self.notify(one_line(f"{count} passage{'' if count == 1 else 's'} written to {request.path}"),
                    title="Exported", timeout=6, markup=False)


def following(colour: str) -> str:
    """The colour after `colour`, round to the first again."""
    return COLOURS[(COLOURS.index(colour) + 1) % len(COLOURS)]
