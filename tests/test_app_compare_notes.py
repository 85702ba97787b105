"""The reader's notes in the comparison: `a` `!` `w` on the focused column's sentence as in the reading view, the help
on the pair numbers."""

from __future__ import annotations

from compare_analyses import FIRST, SECOND, article, compared, storm_app
from textual.widgets import OptionList, Static, TextArea

from reader.model import LABELS
from reader.notes import NoteStore
from reader.tui.screens.correction_dialog import CorrectionDialog
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.note_dialog import NoteDialog
from reader.tui.screens.why import WhyScreen


def kept(name: str) -> list[tuple[str, str | None]]:
    """The highlights of an article as saved on disk: passage and note."""
    return [(highlight.exact, highlight.note) for highlight in NoteStore.open(article(name)).highlights]


async def test_a_writes_a_note_on_the_focused_columns_sentence_in_its_articles_notes():
    async with storm_app().run_test(size=(120, 30)) as pilot:
        screen = await compared(pilot)
        await pilot.press("tab", "j", "a")
        sentence = screen.comparison.pairs[0].b
        assert isinstance(pilot.app.screen, NoteDialog)
        pilot.app.screen.query_one(TextArea).insert("55 here, 40 in A")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert kept(SECOND) == [(sentence.text, "55 here, 40 in A")] and kept(FIRST) == []
        assert screen.column("B").highlights == {sentence.id} and not screen.column("A").highlights


async def test_bang_corrects_the_label_in_the_column_and_w_explains_it_with_the_correction():
    async with storm_app().run_test(size=(120, 30)) as pilot:
        screen = await compared(pilot)
        column = screen.column("A")
        shown = column.cursor_sentence
        other = next(label for label in LABELS if label != shown.label)
        await pilot.press("exclamation_mark")
        assert isinstance(pilot.app.screen, CorrectionDialog)
        pilot.app.screen.query_one(OptionList).highlighted = LABELS.index(other)
        await pilot.press("enter")
        await pilot.pause()
        assert column.sentences[shown.id].label == other and column.corrected == {shown.id}
        assert column.analysis.sentences[shown.id].label == shown.label  # the pairs keep to the analysis
        [correction] = NoteStore.open(article(FIRST)).corrections
        assert correction.label == other
        await pilot.press("w")
        why = pilot.app.screen
        assert isinstance(why, WhyScreen) and why.sentence == column.analysis.sentences[shown.id]
        assert why.correction == correction
        await pilot.press("escape")
        assert pilot.app.screen is screen


async def test_the_help_says_what_the_pair_numbers_mean_and_lists_the_sentence_keys():
    async with storm_app().run_test(size=(120, 40)) as pilot:
        await compared(pilot)
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        more = str(pilot.app.screen.query_one("#help-more", Static).render())
        marks = more.split("What the marks mean", 1)[1]
        assert "1 pair      a claim both make" in marks and "│           its sentence goes on" in marks
        assert "Highlight / note" in more and "Why this label / fix it" in more
