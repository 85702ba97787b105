"""Highlights, notes and export through the reading app: what the reader saves is there when it reopens."""

from __future__ import annotations

import json
import shutil
import threading
from datetime import UTC, datetime
from pathlib import Path

from helpers import SENTENCES, TEXT, TITLE, analyzed, app_detail, harbour_analysis, harbour_app, notifications, until
from textual import events
from textual._xterm_parser import XTermParser
from textual.widgets import Button, Checkbox, Input, Label, OptionList, RadioButton, Static, TextArea

from reader.cli import main
from reader.model import Article
from reader.notes import NoteStore
from reader.sources import load
from reader.tui.app import ReaderApp
from reader.tui.screens.export_dialog import ExportDialog
from reader.tui.screens.note_dialog import NoteDialog
from reader.tui.screens.unsaved_dialog import UnsavedDialog
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.side_pane import SidePane
from reader.tui.widgets.side_pane.notes import NotesPane

WHEN = datetime(2026, 3, 14, 9, 26, 53, tzinfo=UTC)


def saved(text: str = TEXT) -> NoteStore:
    """The store as another process would read it from disk, with the hand-made sentences attached."""
    article = Article(text, TITLE, "harbour.txt")
    return NoteStore.open(article, harbour_analysis(article).sentences)


async def type_keys(pilot, text: str) -> None:
    """Type `text` key by key, as the reader would."""
    keys = {" ": "space", "\n": "enter", "!": "exclamation_mark", ",": "comma", ".": "full_stop"}
    await pilot.press(*(keys.get(character, character) for character in text))


async def write(pilot, text: str) -> None:
    """Put `text` in the note dialog's text area at once (typing it key by key is tested once, and slow)."""
    pilot.app.screen.query_one(TextArea).insert(text)
    await pilot.pause()


async def go_to(pilot, view: ArticleView, sentence: int) -> None:
    """Move the cursor to sentence `sentence` with g and j."""
    await pilot.press("g", *["j"] * sentence)
    assert view.cursor == sentence


async def test_a_highlight_and_a_note_are_there_when_the_article_is_opened_again():
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await go_to(pilot, view, 2)
        await pilot.press("h")
        await go_to(pilot, view, 4)
        await pilot.press("a")
        assert isinstance(app.screen, NoteDialog)
        await type_keys(pilot, "Says who?\nCheck the budget.")
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, NoteDialog)
        assert view.highlights == {2, 4}
        await pilot.press("q")

    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        assert view.highlights == {2, 4}
        assert [(h.sentence_id, h.note) for h in app.reading.notes.highlights] == [
            (2, None), (4, "Says who?\nCheck the budget.")
        ]
        # The dialog opens on the note as written, and an edit replaces it.
        await go_to(pilot, view, 4)
        await pilot.press("a")
        assert app.screen.query_one(TextArea).text == "Says who?\nCheck the budget."
        await pilot.press("ctrl+s")
        # h again removes the highlight, note and all.
        await pilot.press("h")
        assert view.highlights == {2}
        await pilot.press("q")

    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        assert view.highlights == {2}
    assert [(h.sentence_id, h.note) for h in saved().highlights] == [(2, None)]


async def test_the_detail_line_shows_the_note_of_the_sentence_under_the_cursor_beside_its_cues():
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await go_to(pilot, view, 4)
        assert "✎" not in app_detail(app)
        await pilot.press("a")
        await write(pilot, "Says who?\nCheck the budget.")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "✎ Says who? Check the budget." in app_detail(app), "the note was not shown")
        assert "◆ opinion 0.80 — evaluative ‘reckless’" in app_detail(app)
        await pilot.press("j")
        await until(pilot, lambda: "sentence 6 of" in app_detail(app))
        assert "✎" not in app_detail(app)
        await pilot.press("q")

    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await go_to(pilot, view, 4)
        await until(pilot, lambda: "✎ Says who? Check the budget." in app_detail(app), "the saved note was not shown")
        # h removes the highlight and its note: the detail line says so at once.
        await pilot.press("h")
        await until(pilot, lambda: "✎" not in app_detail(app), "the removed note was still shown")


async def test_a_long_note_is_cut_to_fit_the_detail_line_and_the_label_stays():
    app = harbour_app()
    async with app.run_test(size=(60, 20)) as pilot:
        view = await analyzed(pilot)
        await go_to(pilot, view, 4)
        await pilot.press("a")
        await write(pilot, "A long note about the gamble, " * 6)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "✎ A long note" in app_detail(app), "the note was not shown")
        first = app_detail(app).splitlines()[0]
        assert first.startswith("◆ opinion 0.80") and first.rstrip().endswith("…")
        assert len(first) <= 60


async def test_a_note_typed_with_joined_emoji_keeps_its_joiners_and_variation_selectors_but_no_controls():
    flag = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    typed = f"Family 👨\u200d👩\u200d👧, love \u2764\ufe0f, {flag}"
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await go_to(pilot, view, 4)
        await pilot.press("a")
        # Key by key, as the terminal's keys reach the app; then a paste with a bell in it.
        for event in XTermParser().feed(typed):
            app.post_message(event)
        app.post_message(events.Paste(" and\x07 more"))
        await until(pilot, lambda: app.screen.query_one(TextArea).text.endswith("more"), "the keys never arrived")
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, NoteDialog)
    [highlight] = saved().highlights
    assert highlight.note == f"{typed} and more"


async def test_h_and_q_in_one_read_of_the_terminal_save_the_highlight_before_quitting():
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await go_to(pilot, view, 2)
        # Both keys arrive together, as from one read of the terminal: pilot.press would wait between them.
        for key, character in (("h", "h"), ("q", "q")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
    assert not app.is_running
    assert [h.sentence_id for h in saved().highlights] == [2]


async def test_an_empty_note_clears_the_note_and_keeps_the_highlight():
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        view = await analyzed(pilot)
        await go_to(pilot, view, 3)
        await pilot.press("a")
        await write(pilot, "Whose figure")
        await pilot.press("ctrl+s", "a")
        app.screen.query_one(TextArea).clear()
        await pilot.press("ctrl+s")
        assert view.highlights == {3}
        assert "Note removed; sentence 4 stays highlighted." in notifications(app)
    assert [(h.sentence_id, h.note) for h in saved().highlights] == [(3, None)]


async def test_escape_in_the_note_dialog_saves_nothing():
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await go_to(pilot, view, 1)
        await pilot.press("a")
        await write(pilot, "draft")
        await pilot.press("escape")
        assert not isinstance(app.screen, NoteDialog)
        assert view.highlights == set()
        assert app.reading.notes.highlights == []
    assert saved().highlights == []


async def test_saved_highlights_are_listed_at_once_and_marked_in_the_text_when_the_sentences_are_in():
    store = saved()
    sentence = harbour_analysis(store.article).sentences[4]
    store.set_note(sentence, "Too strong")
    release = threading.Event()

    def slow_analysis(article, progress):
        release.wait(10)
        return harbour_analysis(article, progress)

    app = harbour_app(analyzer=slow_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one(NotesPane)
        listed = str(pane.get_option_at_index(0).prompt)
        assert "This is a reckless gamble with public money." in listed and "Too strong" in listed
        view = app.query_one(ArticleView)
        assert view.highlights == set()
        release.set()
        view = await analyzed(pilot)
        assert view.highlights == {4}
        assert "opinion  sentence 5" in str(pane.get_option_at_index(0).prompt)


async def test_note_and_highlight_keys_wait_for_the_sentences():
    app = harbour_app(analyzer=lambda article, progress: (_ for _ in ()).throw(RuntimeError("no model")))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("h", "a", "right_curly_bracket")
        await pilot.pause()
        assert not isinstance(app.screen, NoteDialog)
        assert app.query_one(ArticleView).highlights == set()
        assert "The sentences are still being worked out." in notifications(app)


async def test_curly_brackets_go_to_the_next_and_previous_highlight_and_say_when_there_is_none():
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        view = await analyzed(pilot)
        await pilot.press("right_curly_bracket")
        assert "No highlights yet: h highlights the current sentence." in notifications(app)
        for sentence in (2, 6):
            await go_to(pilot, view, sentence)
            await pilot.press("h")
        await pilot.press("g", "right_curly_bracket")
        assert view.cursor == 2
        await pilot.press("right_curly_bracket")
        assert view.cursor == 6
        await pilot.press("right_curly_bracket")
        assert view.cursor == 6
        assert "No highlight after this one." in notifications(app)
        await pilot.press("left_curly_bracket", "left_curly_bracket")
        assert view.cursor == 2
        assert "No highlight before this one." in notifications(app)


async def test_the_notes_tab_lists_highlights_in_reading_order_and_goes_to_the_one_chosen():
    app = harbour_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await analyzed(pilot)
        await go_to(pilot, view, 6)
        await pilot.press("a")
        await write(pilot, "Better how")
        await pilot.press("ctrl+s")
        await go_to(pilot, view, 2)
        await pilot.press("h", "G")
        pane = app.query_one(NotesPane)
        prompts = [str(pane.get_option_at_index(index).prompt) for index in range(pane.option_count)]
        assert len(prompts) == 2
        assert "quote  sentence 3" in prompts[0] and "We will rebuild the pier by spring" in prompts[0]
        assert "opinion  sentence 7" in prompts[1] and "Surely the town deserves better." in prompts[1]
        assert "✎ Better how" in prompts[1]

        await pilot.press("tab", "right", "right", "right")
        assert app.query_one(SidePane).query_one("TabbedContent").active == "notes"
        assert pane.has_focus
        await pilot.press("enter")
        assert view.cursor == 2
        await pilot.press("down", "enter")
        assert view.cursor == 6


async def test_a_highlight_whose_passage_is_gone_is_listed_as_an_orphan_and_announced():
    store = saved()
    store.add(*next((s.start, s.end) for s in harbour_analysis(store.article).sentences if s.id == 4), "Too strong")
    edited = TEXT.replace("This is a reckless gamble with public money. ", "")
    app = harbour_app(text=edited)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await analyzed(pilot)
        assert any("no longer found in the article text" in message for message in notifications(app))
        pane = app.query_one(NotesPane)
        prompts = [str(pane.get_option_at_index(index).prompt) for index in range(pane.option_count)]
        assert prompts[0].startswith("Orphans (1)")
        assert "This is a reckless gamble with public money." in prompts[1] and "Too strong" in prompts[1]
        app.query_one(SidePane).show_tab("notes")
        await pilot.pause()
        await pilot.press("tab", "enter")
        assert any("No longer in the article text: This is a reckless gamble" in message
                   for message in notifications(app))


async def test_a_corrupt_notes_file_is_moved_aside_with_a_warning_and_the_app_still_opens(notes_dir: Path):
    article = Article(TEXT, TITLE, "harbour.txt")
    store_file = notes_dir / "notes" / f"{article.sha256}.json"
    store_file.parent.mkdir(parents=True)
    store_file.write_text('{"schema": "reader.notes/1", "highl', encoding="utf-8")
    app = ReaderApp(article, analyzer=harbour_analysis)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        view = await analyzed(pilot)
        assert any("could not be read" in message and "moved to" in message for message in notifications(app))
        await pilot.press("h")
        assert view.highlights == {view.cursor}
    assert [path.name for path in store_file.parent.glob("*.corrupt-*")]
    assert len(saved().highlights) == 1


async def test_a_read_only_data_folder_shows_saved_highlights_and_says_saving_is_off(notes_dir: Path, read_only):
    store = saved()
    store.set_note(harbour_analysis(store.article).sentences[4], "Too strong")
    read_only(notes_dir / "notes")
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        view = await analyzed(pilot)
        assert view.highlights == {4}
        assert any("Saving is off: cannot write" in message for message in notifications(app))


async def test_a_failed_save_is_shown_and_the_highlight_kept(notes_dir: Path):
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        view = await analyzed(pilot)
        # The notes folder turns into a file: nothing can be saved there any more.
        shutil.rmtree(notes_dir / "notes")
        (notes_dir / "notes").write_text("in the way", encoding="utf-8")
        await pilot.press("h")
        await pilot.pause()
        assert any("cannot" in message and "saving again on the next change" in message
                   for message in notifications(app))
        assert view.highlights == {view.cursor}



async def test_the_export_dialog_shows_the_format_chosen_and_the_boxes_ticked_by_their_marks_not_colour_alone(
        monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")  # every mark drawn alike: Textual told them apart by colour only

    def marks(dialog: ExportDialog) -> list[str]:
        return [str(button.render())[1] for button in [*dialog.query(RadioButton), *dialog.query(Checkbox)]]

    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await analyzed(pilot)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog never opened")
        dialog = app.screen
        assert marks(dialog) == ["●", " ", " ", " ", " "]  # Markdown; neither quote nor opinion
        await pilot.press("tab", "down", "enter", "tab", "space")  # JSON, then tick quote
        assert marks(dialog) == [" ", "●", " ", "X", " "]

async def test_e_exports_what_reader_export_writes_for_the_same_article(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "harbour.txt"
    source.write_text(TEXT, encoding="utf-8")
    article = load(str(source))
    # The real analysis, as `reader export` runs it.
    app = ReaderApp(article, clock=lambda: WHEN)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        view = await analyzed(pilot)
        await go_to(pilot, view, 1)
        await pilot.press("h", "j", "a")
        await write(pilot, "Check this")
        await pilot.press("ctrl+s", "e")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        path_input = dialog.query_one(Input)
        # The file's name, whole, in the folder reader was started from, which the dialog names.
        assert path_input.value == "harbour-plan-divides-town.md"
        assert f"a path from {tmp_path}" in str(dialog.query_one(Label).render())
        # Format: JSON, chosen with the keys; the path follows the format.
        await pilot.press("tab", "down", "enter")
        assert path_input.value == "harbour-plan-divides-town.json"
        await pilot.press("shift+tab", "enter")
        assert not isinstance(app.screen, ExportDialog)
        written = tmp_path / "harbour-plan-divides-town.json"
        # The file is written in the background; the notification says where once it is.
        await until(pilot, lambda: any(str(written) in message for message in notifications(app)),
                    "the export was never said")

        await pilot.press("e")
        app.screen.query_one(Input).value = str(tmp_path / "notes.csv")
        # The format follows the extension typed; tab goes on to the formats, then to the quote box.
        await pilot.press("tab", "tab", "space", "ctrl+s")
        await until(pilot, lambda: (tmp_path / "notes.csv").exists(), "notes.csv was not written")

    expected = tmp_path / "expected.json"
    assert main(["export", str(source), "--format", "json", "-o", str(expected)]) == 0
    assert written.read_bytes() == expected.read_bytes()
    assert '"value": "Check this"' in written.read_text(encoding="utf-8")
    assert main(["export", str(source), "--format", "csv", "-o", str(expected), "--include", "quote"]) == 0
    assert (tmp_path / "notes.csv").read_bytes() == expected.read_bytes()


async def test_an_exported_quote_names_its_speaker_and_a_note_is_given_as_markdown(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        view = await analyzed(pilot)
        await go_to(pilot, view, 2)  # “We will rebuild the pier by spring,” said Mayor Ana Ruiz.
        await pilot.press("a")
        await write(pilot, "**Check** the date: *spring* of which year?")
        await pilot.press("ctrl+s")
        for name in ("notes.md", "notes.json"):
            await pilot.press("e")
            app.screen.query_one(Input).value = str(tmp_path / name)
            await pilot.pause()  # the format follows the extension once the input has told of its change
            await pilot.press("ctrl+s")
            await until(pilot, lambda name=name: (tmp_path / name).exists(), f"{name} was not written")
    callout = (tmp_path / "notes.md").read_text(encoding="utf-8")
    assert "> [!quote] Quote · sentence 3 · said by Ana Ruiz #reader/quote #reader/yellow\n" in callout
    [annotation] = json.loads((tmp_path / "notes.json").read_text(encoding="utf-8"))["first"]["items"]
    [note] = [body for body in annotation["body"] if body["purpose"] == "commenting"]
    assert note == {"type": "TextualBody", "purpose": "commenting",
                    "value": "**Check** the date: *spring* of which year?", "format": "text/markdown"}


async def test_escape_closes_the_export_dialog_without_writing(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await analyzed(pilot)
        await pilot.press("h", "e")
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("escape")
        assert not isinstance(app.screen, ExportDialog)
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


async def test_an_export_that_cannot_be_written_says_why_in_one_line(tmp_path: Path):
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        view = await analyzed(pilot)
        await pilot.press("h", "e")
        app.screen.query_one(Input).value = str(tmp_path / "missing" / "notes.md")
        await pilot.press("enter")
        await until(pilot, lambda: any("cannot write" in message for message in notifications(app)),
                    "the failed export was never said")
        assert view.highlights == {view.cursor}
        failures = [message for message in notifications(app) if "cannot write" in message]
        # The title, then the reason in one line.
        assert failures and failures[0].splitlines()[0] == "Export failed" and failures[0].count("\n") == 1


async def test_the_new_keys_are_in_the_help_and_the_note_and_export_keys_in_the_footer():
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await analyzed(pilot)
        footer = " ".join(str(key.render()) for key in app.screen.query("FooterKey"))
        for description in ("a Note", "e Export"):
            assert description in footer
        await pilot.press("question_mark")
        help_text = str(app.screen.query_one("#help-keys").render()) + str(app.screen.query_one("#help-more").render())
        for line in ("Highlight, colour, note", "Highlight after / before", "Export"):
            assert line in help_text


async def test_the_export_dialog_draws_the_path_first_where_the_focus_starts_with_its_text_selected():
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await go_to(pilot, view, 1)
        await pilot.press("h", "e")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        path_input = dialog.query_one(Input)
        assert app.focused is path_input
        focusable = [widget for widget in dialog.query("*") if widget.focusable]
        assert focusable[0] is path_input
        assert path_input.region.y < dialog.query_one("RadioSet").region.y
        assert path_input.selection.start == 0 and path_input.selection.end == len(path_input.value)


async def highlight_and_note_on_a_full_disk(pilot, disk) -> ArticleView:
    view = await analyzed(pilot)
    disk.full = True
    await pilot.press("h", "j", "a")
    await write(pilot, "Check the date")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert sum("No space left on device" in message for message in notifications(pilot.app)) == 2
    return view


def kept_on_disk() -> list[tuple[str, str | None]]:
    return [(highlight.exact, highlight.note) for highlight in saved().highlights]


async def test_changes_a_full_disk_refused_are_saved_on_quit_once_there_is_room(disk):
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await highlight_and_note_on_a_full_disk(pilot, disk)
        disk.full = False
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert kept_on_disk() == [(SENTENCES[0][0], None), (SENTENCES[1][0], "Check the date")]


async def test_quitting_with_the_disk_still_full_asks_and_saving_again_once_there_is_room_quits(disk):
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await highlight_and_note_on_a_full_disk(pilot, disk)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog) and app.is_running
        assert "No space left on device" in str(app.screen.query_one("#unsaved-reason", Static).render())
        await pilot.click("#retry")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        disk.full = False
        await pilot.click("#retry")
        await pilot.pause()
        assert not app.is_running
    assert kept_on_disk() == [(SENTENCES[0][0], None), (SENTENCES[1][0], "Check the date")]


async def test_quitting_with_the_disk_still_full_can_write_the_notes_elsewhere(disk, tmp_path):
    app = harbour_app()
    elsewhere = tmp_path / "usb" / "harbour-notes.json"
    elsewhere.parent.mkdir()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await highlight_and_note_on_a_full_disk(pilot, disk)
        await pilot.press("q")
        await pilot.pause()
        # From "Save again", where the focus starts, tab goes to the path.
        await pilot.press("tab")
        path = app.screen.query_one("#unsaved-path", Input)
        assert path.has_focus and path.value.endswith(".json")
        path.value = str(elsewhere)
        await pilot.press("enter")
        await pilot.pause()
        assert not app.is_running
    assert kept_on_disk() == []
    # Put back in the notes folder, the file gives them back.
    disk.full = False
    shutil.copy(elsewhere, NoteStore.open(Article(TEXT, TITLE, "harbour.txt")).path)
    assert kept_on_disk() == [(SENTENCES[0][0], None), (SENTENCES[1][0], "Check the date")]


async def test_quitting_with_the_disk_still_full_can_lose_them_or_read_on(disk):
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await highlight_and_note_on_a_full_disk(pilot, disk)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, UnsavedDialog)
        await pilot.press("q")
        await pilot.pause()
        await pilot.click("#lose")
        await pilot.pause()
        assert not app.is_running
    assert kept_on_disk() == []


async def test_opening_another_article_from_the_library_with_the_disk_full_asks_first(disk, notes_dir):
    other = Article(TEXT.replace("Harbour Plan Divides Town", "Bridge Plan Unites Town"), "Bridge", "bridge.txt")
    NoteStore.open(other, harbour_analysis(other).sentences).toggle(harbour_analysis(other).sentences[1])
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await highlight_and_note_on_a_full_disk(pilot, disk)
        await pilot.press("L")
        listing = app.screen.query_one(OptionList)

        def listed() -> list[str | None]:
            return [listing.get_option_at_index(index).id for index in range(listing.option_count)]

        await until(pilot, lambda: other.sha256 in listed(), "the library was never listed")
        listing.highlighted = listed().index(other.sha256)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        assert str(app.screen.query_one("#lose", Button).label) == "Open the other article and lose them"
        disk.full = False
        await pilot.click("#retry")
        await analyzed(pilot)
        assert app.reading.article.sha256 == other.sha256
    assert kept_on_disk() == [(SENTENCES[0][0], None), (SENTENCES[1][0], "Check the date")]
