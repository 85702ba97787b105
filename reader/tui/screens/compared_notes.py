"""The highlights, notes and corrections of the comparison's two articles: each in its article's own store, the one
the reading view keeps them in, written through the reading view's dialogs."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.screen import Screen

from reader.control import one_line
from reader.model import Article, Sentence
from reader.notes import Clock, NoteStore, NoteStoreError, corrected
from reader.tui.marks import excerpt
from reader.tui.screens.unsaved_notes import settle
from reader.tui.sentence_index import SentenceIndex
from reader.tui.widgets.compared_article import ComparedArticle
from reader.tui.widgets.detail_line import found_speaker

if TYPE_CHECKING:
    from reader.tui.screens.correction_dialog import CorrectionChoice


class ComparedNotes:
    """Each column's notes store, by side ("A", "B"), and what `h` `a` `!` `w` on a column's sentence do with it;
    `screen` (the comparison) shows the dialogs and the notifications."""

    def __init__(self, screen: Screen[None], clock: Clock) -> None:
        self.screen = screen
        self.clock = clock
        self.stores: dict[str, NoteStore | None] = {}

    def open(self, column: ComparedArticle) -> None:
        """Open (again) the column's article's store, and show what it holds; say when it can't be opened or saved."""
        self.stores[column.side] = self._opened(column.article)
        self.show(column)

    def reload(self, column: ComparedArticle) -> None:
        """Take in what was saved elsewhere (the reading view) in the column's store, keeping what a failed save
        holds here."""
        notes = self.stores.get(column.side)
        if notes is None:
            self.open(column)
            return
        try:
            notes.reload()
        except NoteStoreError as error:
            self.screen.notify(one_line(str(error)), title="Notes", severity="error", timeout=10, markup=False)
        self.show(column)

    def _opened(self, article: Article) -> NoteStore | None:
        try:
            notes = NoteStore.open(article, clock=self.clock)
        except NoteStoreError as error:
            self.screen.notify(one_line(f"{error}; highlights will not be saved"), title="Notes", severity="error",
                               timeout=10, markup=False)
            return None
        if notes.read_only:
            self.screen.notify(one_line(f"Saving is off: {notes.saving_off}."), title="Notes", severity="warning",
                               timeout=10, markup=False)
        return notes

    def show(self, column: ComparedArticle) -> None:
        """Draw the column's highlights and corrections: a corrected sentence with the label the reader gave it."""
        notes = self.stores.get(column.side)
        if notes is None:
            column.highlights = frozenset()
            return
        analysis = column.analysis
        if analysis is not None:
            notes.attach_sentences(analysis.sentences)
            corrections = notes.corrections
            column.corrected = frozenset(sentence.id for sentence in analysis.sentences
                                         if any(correction.is_on(sentence) for correction in corrections))
            column.show_sentences(SentenceIndex(corrected(analysis.sentences, corrections)))
        column.highlights = frozenset(highlight.sentence_id for highlight in notes.highlights
                                      if highlight.sentence_id is not None)

    def _store(self, column: ComparedArticle, what: str) -> NoteStore | None:
        notes = self.stores.get(column.side)
        if notes is None:
            self.screen.notify(f"The notes could not be opened, so a {what} would not be saved.", severity="error")
        return notes

    def _save_failed(self, error: NoteStoreError) -> None:
        self.screen.notify(one_line(f"{error}; kept for now, saving again on the next change and when you quit"),
                           title="Not saved", severity="error", timeout=10, markup=False)

    # -- what the keys on a sentence do ---------------------------------------------------------

    def toggle_highlight(self, column: ComparedArticle, sentence: Sentence) -> None:
        notes = self._store(column, "highlight")
        if notes is None:
            return
        removed = notes.highlight_for(sentence)
        try:
            notes.toggle(sentence)
        except NoteStoreError as error:
            self._save_failed(error)
        else:
            if removed is not None and removed.note:
                self.screen.notify(f"Its note went with it: {excerpt(removed.note, 80)}", title="Highlight removed",
                                   timeout=6, markup=False)
        self.show(column)

    def write_note(self, column: ComparedArticle, sentence: Sentence) -> None:
        """Open the reading view's note dialog on the sentence; a note saved highlights it."""
        notes = self._store(column, "note")
        if notes is None:
            return
        from reader.tui.screens.note_dialog import NoteDialog

        existing = notes.highlight_for(sentence)
        dialog = NoteDialog(sentence.text, (existing.note or "") if existing else "",
                            f"{column.side}, sentence {sentence.number}")
        self.screen.app.push_screen(dialog, partial(self._note_written, column, sentence))

    def _note_written(self, column: ComparedArticle, sentence: Sentence, text: str | None) -> None:
        notes = self.stores.get(column.side)
        if text is None or notes is None:
            return
        existing = notes.highlight_for(sentence)
        had_note = existing is not None and existing.note is not None
        try:
            highlight = notes.set_note(sentence, text)
        except NoteStoreError as error:
            self._save_failed(error)
        else:
            if highlight is not None and highlight.note:
                self.screen.notify(f"Note saved on sentence {sentence.number} of {column.side}.", timeout=2)
            elif had_note:
                self.screen.notify(f"Note removed; sentence {sentence.number} stays highlighted.", timeout=3)
        self.show(column)

    def correct(self, column: ComparedArticle, shown: Sentence) -> None:
        """Open the reading view's correction dialog on the sentence, as shown (with the reader's label)."""
        notes = self._store(column, "correction")
        if notes is None or column.analysis is None:
            return
        from reader.tui.screens.correction_dialog import CorrectionDialog

        sentence = column.analysis.sentences[shown.id]
        existing = notes.correction_for(sentence)
        speaker = existing.speaker if existing is not None and existing.speaker else found_speaker(sentence,
                                                                                                   column.analysis)
        dialog = CorrectionDialog(sentence.text, sentence.number, shown.label, speaker,
                                  existing.what_was() if existing is not None else None)
        self.screen.app.push_screen(dialog, partial(self._correction_chosen, column, sentence))

    def _correction_chosen(self, column: ComparedArticle, sentence: Sentence, choice: CorrectionChoice | None) -> None:
        notes = self.stores.get(column.side)
        if choice is None or notes is None or column.analysis is None:
            return
        had = notes.correction_for(sentence)
        try:
            correction = notes.correct(sentence, choice.label, choice.speaker or None,
                                       found_speaker(sentence, column.analysis))
        except NoteStoreError as error:
            self._save_failed(error)
        else:
            if correction is not None:
                self.screen.notify(f"Sentence {sentence.number} of {column.side} corrected: {correction.what_was()}.",
                                   timeout=3, markup=False)
            elif had is not None:
                self.screen.notify(f"Your correction of sentence {sentence.number} is taken back.", timeout=3)
        self.show(column)

    def explain(self, column: ComparedArticle, shown: Sentence) -> None:
        """Open the reading view's why screen: the analysis's own label and reasons, with what the reader said."""
        if column.analysis is None:
            return
        from reader.tui.screens.why import WhyScreen

        sentence = column.analysis.sentences[shown.id]
        notes = self.stores.get(column.side)
        self.screen.app.push_screen(WhyScreen(sentence, column.analysis,
                                              notes.correction_for(sentence) if notes is not None else None))

    # -- leaving ---------------------------------------------------------------------------------

    def unsaved(self, then: Callable[[], object], leaving: str) -> bool:
        """Save again what a failed save held in memory of either article, as the reader leaves them (`leaving` says
        how: "Quit"); when that fails, ask what to do with them (the reading view's dialog), one article after the
        other, and call `then` once the reader chose to go. Whether they were asked."""
        stores = [(notes, partial(_reason, side, notes)) for side in ("A", "B")
                  if (notes := self.stores.get(side)) is not None]
        return settle(self.screen, stores, then, leaving)


def _reason(side: str, notes: NoteStore, error: NoteStoreError) -> str:
    """Which article's notes a failed save holds, and why it failed."""
    return f"those of {side} ({excerpt(notes.article.title or side, 40)}), {error}"
