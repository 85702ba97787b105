"""The reader's notes in the comparison: `a` `!` `w` on the focused column's sentence as in the reading view, the help
on the pair numbers, and quitting with notes a full disk refused."""

from __future__ import annotations

from compare_analyses import FIRST, SECOND, article, compared, storm_app
from helpers import notifications, until
from textual.widgets import OptionList, Static, TextArea

from reader.model import LABELS
from reader.notes import NoteStore
from reader.tui.comparison_app import ReadingFromComparison
from reader.tui.screens.correction_dialog import CorrectionDialog
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.note_dialog import NoteDialog
from reader.tui.screens.unsaved_dialog import UnsavedDialog
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
        keys = {line.split()[0]: line.split(maxsplit=1)[1] for line in more.splitlines() if len(line.split()) > 1}
        assert keys["h"] == "Highlight" and keys["a"] == "Note" and "Why this label / fix it" in more


async def highlight_both_on_a_full_disk(pilot, disk) -> None:
    await compared(pilot)
    disk.full = True
    await pilot.press("h", "tab", "h")
    await pilot.pause()
    assert sum("No space left on device" in message for message in notifications(pilot.app)) == 2


async def test_quitting_with_notes_a_full_disk_refused_asks_for_each_article_and_saves_them_once_there_is_room(disk):
    app = storm_app()
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await highlight_both_on_a_full_disk(pilot, disk)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog) and app.is_running
        reason = str(app.screen.query_one("#unsaved-reason", Static).render())
        assert "those of A (Storm Closes Harbour at Port Ellis)" in reason and "No space left on device" in reason
        await pilot.click("#retry")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        disk.full = False
        # A's are saved, then B's, which need no asking now.
        await pilot.click("#retry")
        await pilot.pause()
        assert not app.is_running
    assert len(kept(FIRST)) == 1 and len(kept(SECOND)) == 1


async def test_quitting_with_notes_a_full_disk_refused_can_lose_them_article_by_article_or_read_on(disk):
    app = storm_app()
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await highlight_both_on_a_full_disk(pilot, disk)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.screen is app.comparison
        await pilot.press("q")
        await pilot.pause()
        await pilot.click("#lose")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog) and "those of B" in str(
            app.screen.query_one("#unsaved-reason", Static).render())
        await pilot.click("#lose")
        await pilot.pause()
        assert not app.is_running
    disk.full = False
    assert kept(FIRST) == [] and kept(SECOND) == []


async def test_a_highlight_a_full_disk_refused_outlives_a_visit_to_the_reading_view_and_is_saved_on_quit(disk):
    app = storm_app()
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        screen = await compared(pilot)
        disk.full = True
        await pilot.press("h")
        sentence = screen.column("A").cursor_sentence
        disk.full = False
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReadingFromComparison) and app.screen.analysis is not None)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        # The reading view saved nothing of it; coming back takes in what it saved and keeps what is held here.
        assert screen.column("A").highlights == {sentence.id}
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert kept(FIRST) == [(sentence.text, None)]
