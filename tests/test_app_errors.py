"""What the app does when work in the background stops on a ReaderError: one line in a notification, titled by the
work it stopped, and the article stays on screen as it was."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from helpers import analyzed, harbour_app, notifications, screen_lines, until
from textual.widgets import Input

from reader import export
from reader.export import save
from reader.tui.widgets.article_view import ArticleView


async def export_to(pilot, path: Path) -> None:
    """Ask for an export to `path`, as the reader does: e, the path typed in, Enter."""
    await pilot.press("e")
    pilot.app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")


async def said(pilot, words: str) -> str:
    """The notification that has `words` in it, once it is on screen."""
    await until(pilot, lambda: any(words in message for message in notifications(pilot.app)), f"no {words!r} said")
    return next(message for message in notifications(pilot.app) if words in message)


async def test_an_export_under_a_file_says_so_in_one_line_and_the_article_stays(tmp_path: Path):
    in_the_way = tmp_path / "notes"
    in_the_way.write_text("a file where a folder should be\n", encoding="utf-8")
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        view = await analyzed(pilot)
        await pilot.press("j", "h")
        drawn = screen_lines(view)
        await export_to(pilot, in_the_way / "harbour.md")
        failure = await said(pilot, "cannot write")
        assert failure == f"Export failed\ncannot write {in_the_way / 'harbour.md'}: Not a directory"
        # Still reading: the same article, the cursor and the highlight where they were, the labels shown.
        assert app.screen is app.reading and app.reading.analysis is not None
        assert app.screen.query_one(ArticleView) is view
        assert (view.cursor, view.highlights) == (1, {1})
        assert screen_lines(view) == drawn
        await pilot.press("j")
        assert view.cursor == 2


async def test_notes_that_cannot_be_read_for_an_export_say_so_in_one_line_and_the_article_stays(
        tmp_path: Path, notes_dir: Path):
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        view = await analyzed(pilot)
        await pilot.press("h")
        # The notes folder turns into a file under the open app: the export reads the notes first, and cannot.
        shutil.rmtree(notes_dir / "notes")
        (notes_dir / "notes").write_text("", encoding="utf-8")
        await export_to(pilot, tmp_path / "harbour.md")
        failure = await said(pilot, "cannot read notes")
        title, line = failure.split("\n")
        assert (title, line.startswith(f"cannot read notes in {notes_dir / 'notes'}: ")) == ("Export failed", True)
        assert not (tmp_path / "harbour.md").exists()
        assert app.screen is app.reading and view.highlights == {0}


async def test_an_export_to_a_slow_disk_asked_for_just_before_quitting_is_written_before_the_app_ends(
        tmp_path: Path, monkeypatch):
    def slowly(path: Path, data: bytes) -> None:
        time.sleep(0.5)
        save(path, data)

    monkeypatch.setattr(export, "save", slowly)
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await analyzed(pilot)
        await pilot.press("h", "e")
        app.screen.query_one(Input).value = str(tmp_path / "harbour.md")
        await pilot.press("enter", "q")
        assert app.return_code == 0
    assert "#reader/yellow" in (tmp_path / "harbour.md").read_text(encoding="utf-8")
