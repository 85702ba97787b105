"""The library in the app: `L` and `reader --library` list the annotated articles; one opens from its notes,
without its source or the network."""

from __future__ import annotations

import sys
import threading

import pytest
from helpers import TEXT, TITLE, analyzed, harbour_analysis, harbour_app, notifications, until
from terminal import TerminalApp
from textual.widgets import OptionList

from reader.cli import main
from reader.model import Article
from reader.notes import NoteStore, library
from reader.tui.app import ReaderApp
from reader.tui.screens.forget_dialog import ForgetDialog
from reader.tui.screens.library import READING, LibraryScreen
from reader.tui.screens.reading import ReadingScreen
from reader.tui.widgets.article_view import ArticleView

OTHER_TEXT = TEXT.replace("Harbour Plan Divides Town", "Bridge Plan Unites Town")


def library_prompts(app: ReaderApp) -> list[str]:
    listing = app.screen.query_one(OptionList)
    return [str(listing.get_option_at_index(index).prompt) for index in range(listing.option_count)]


async def listed(pilot) -> list[str]:
    """Wait until the library on screen is read (in a thread) and listed; the list's prompts."""
    await until(pilot, lambda: isinstance(pilot.app.screen, LibraryScreen) and library_prompts(pilot.app) != [READING],
                "the library was never listed")
    return library_prompts(pilot.app)


def highlight_two_articles(tmp_path) -> None:
    """Highlight the second sentence of two articles whose files are gone, Harbour last: the notes the app's `h`
    saves, written by the notes store itself, as these tests are about the library, not about highlighting."""
    for name, text, title in (("bridge.txt", OTHER_TEXT, "Bridge Plan Unites Town"), ("harbour.txt", TEXT, TITLE)):
        article = Article(text, title, str(tmp_path / name))
        sentences = harbour_analysis(article).sentences
        NoteStore.open(article, sentences).toggle(sentences[1])


async def test_l_lists_the_annotated_articles_last_opened_first_and_opens_one_from_its_notes(tmp_path):
    highlight_two_articles(tmp_path)
    app = ReaderApp(Article("Something else to read. It has two sentences.\n", "Else", "else.txt"),
                    analyzer=harbour_analysis)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("L")
        assert isinstance(app.screen, LibraryScreen)
        prompts = await listed(pilot)
        assert [prompt.splitlines()[0] for prompt in prompts] == [TITLE, "Bridge Plan Unites Town"]
        assert "harbour.txt · 1 highlight" in prompts[0]
        assert "opened 20" in prompts[0]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        assert app.reading.article.text == OTHER_TEXT
        view = await analyzed(pilot)
        # Its highlight is there, from the notes: the file it came from is gone.
        assert view.highlights == frozenset({1})
        assert app.screen_stack == [app.reading]


@pytest.mark.parametrize("width", [60, 100])
async def test_a_long_source_is_cut_in_its_middle_so_that_no_line_of_the_library_wraps(tmp_path, width):
    deep = tmp_path / "news" / "2016" / "campaign-trail" / "archive-of-the-weekly-papers"
    deep.mkdir(parents=True)
    article = Article(TEXT, TITLE, str(deep / "harbour-plan-divides-town-as-the-council-meets.txt"))
    sentences = harbour_analysis(article).sentences
    NoteStore.open(article, sentences).toggle(sentences[1])
    async with ReaderApp(None, analyzer=harbour_analysis).run_test(size=(width, 30)) as pilot:
        prompt = (await listed(pilot))[0]
        listing = pilot.app.screen.query_one(OptionList)
        assert all(len(line) <= listing.scrollable_content_region.width for line in prompt.splitlines())
        origin = prompt.splitlines()[1].strip().split(" · ")[0]
        assert origin.startswith(str(tmp_path)[:8]) and origin.endswith("-the-council-meets.txt") and "…" in origin
        assert "1 highlight" in prompt and listing.option_count == 1
        # Narrowed, the list is cut again to the new width.
        await pilot.resize_terminal(width - 10, 30)
        await until(pilot, lambda: all(len(line) <= listing.scrollable_content_region.width
                                       for line in library_prompts(pilot.app)[0].splitlines()), "a line wraps")


async def test_labels_of_the_article_left_behind_never_show_on_the_one_opened_since(tmp_path):
    highlight_two_articles(tmp_path)
    late, delivered, other = threading.Event(), threading.Event(), threading.Event()

    def slow(article: Article, report):
        whole = harbour_analysis(article)
        if article.text == TEXT:
            late.wait(10)  # the reader has opened the other article by now
            report.labelled(whole.sentences[:2])  # returns once the app has taken them (or left them)
            delivered.set()
        else:
            other.wait(10)
        return whole

    app = harbour_app(analyzer=slow)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("L", "down", "enter")
        await pilot.pause()
        assert app.reading.article.text == OTHER_TEXT
        late.set()
        await until(pilot, delivered.is_set, "the labels of the article left behind never came")
        await pilot.pause()
        assert app.reading.known is None and app.query_one(ArticleView).sentences is None
        other.set()
        await analyzed(pilot)
        assert app.reading.analysis.article.text == OTHER_TEXT


async def test_escape_leaves_the_library_for_the_article_that_was_open():
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await analyzed(pilot)
        await pilot.press("L")
        assert "Nothing yet" in (await listed(pilot))[0]
        await pilot.press("escape")
        assert app.screen is app.reading


async def test_the_app_opened_on_the_library_quits_from_it_with_escape(tmp_path):
    highlight_two_articles(tmp_path)
    app = ReaderApp(None, analyzer=harbour_analysis)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and app.reading is None
        assert len(await listed(pilot)) == 2
        await pilot.press("enter")
        view = await analyzed(pilot)
        assert app.reading.article.title == TITLE and view.highlights == frozenset({1})
        await pilot.press("L", "escape")
        assert app.screen is app.reading
    app = ReaderApp(None, analyzer=harbour_analysis)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert not app.is_running


async def test_j_and_k_move_in_the_library(tmp_path):
    highlight_two_articles(tmp_path)
    app = ReaderApp(None, analyzer=harbour_analysis)
    async with app.run_test(size=(80, 24)) as pilot:
        await listed(pilot)
        listing = app.screen.query_one(OptionList)
        assert listing.highlighted == 0
        await pilot.press("j")
        assert listing.highlighted == 1
        await pilot.press("k")
        assert listing.highlighted == 0
        await pilot.press("j", "enter")
        await analyzed(pilot)
        assert app.reading.article.text == OTHER_TEXT


def notes_files(notes_dir) -> list[str]:
    """Every file under the notes folder, as a path relative to it (the lock left out)."""
    folder = notes_dir / "notes"
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*")
                  if path.is_file() and path.name != ".lock")


async def test_d_forgets_an_article_once_confirmed_moving_only_its_notes_file_aside(tmp_path, notes_dir):
    highlight_two_articles(tmp_path)
    harbour, bridge = (Article(text, None, "").sha256 for text in (TEXT, OTHER_TEXT))
    before = {path: (notes_dir / "notes" / path).read_bytes() for path in notes_files(notes_dir)}
    assert set(before) == {f"{harbour}.json", f"{bridge}.json"}
    app = ReaderApp(None, analyzer=harbour_analysis)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await listed(pilot)
        # Harbour was opened last, so it is first; the cursor goes to Bridge.
        await pilot.press("j", "d")
        assert isinstance(app.screen, ForgetDialog)
        # n (or Escape) keeps it.
        await pilot.press("n")
        assert isinstance(app.screen, LibraryScreen) and len(await listed(pilot)) == 2
        await pilot.press("d", "y")
        await until(pilot, lambda: len(library_prompts(app)) == 1, "the article was still listed")
        assert library_prompts(app)[0].splitlines()[0] == TITLE
        assert any("Bridge Plan Unites Town is forgotten" in text for text in notifications(app))
    # The forgotten file is whole in forgotten/; the other article's is untouched.
    [aside] = [path for path in notes_files(notes_dir) if path.startswith("forgotten/")]
    assert aside.startswith(f"forgotten/{bridge}.") and aside.endswith(".json")
    assert (notes_dir / "notes" / aside).read_bytes() == before[f"{bridge}.json"]
    assert notes_files(notes_dir) == sorted([f"{harbour}.json", aside])
    assert (notes_dir / "notes" / f"{harbour}.json").read_bytes() == before[f"{harbour}.json"]
    assert main(["notes"]) == 0


async def test_the_article_open_in_the_reader_is_not_forgotten_under_it(tmp_path, notes_dir):
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await analyzed(pilot)
        await pilot.press("j", "h", "L")
        await until(pilot, lambda: len(library_prompts(app)) == 1 and "Nothing" not in library_prompts(app)[0])
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert any("open in the reader" in text for text in notifications(app))
    assert len(list((notes_dir / "notes").glob("*.json"))) == 1


def test_reader_library_opens_the_app_on_the_library(monkeypatch):
    opened = []
    monkeypatch.setattr("reader.tui.run", lambda article, config, model, max_seconds: opened.append(article) or 0)
    assert main(["--library"]) == 0
    assert opened == [None]


def test_reader_library_with_a_source_is_one_line_and_status_2(capsys, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("The council approved the plan.\n", encoding="utf-8")
    assert main(["--library", str(story)]) == 2
    error = capsys.readouterr().err
    assert error == "reader: give a SOURCE or --library, not both\n"


async def test_a_damaged_notes_file_leaves_the_library_and_its_article_readable(tmp_path, notes_dir):
    highlight_two_articles(tmp_path)
    bridge = Article(OTHER_TEXT, "Bridge Plan Unites Town", str(tmp_path / "bridge.txt"))
    damaged = notes_dir / "notes" / f"{bridge.sha256}.json"
    damaged.write_text("[" * 100_000, encoding="utf-8")
    async with ReaderApp(None, analyzer=harbour_analysis).run_test(size=(100, 30)) as pilot:
        assert [prompt.splitlines()[0] for prompt in await listed(pilot)] == [TITLE]
    app = ReaderApp(bridge, analyzer=harbour_analysis)
    async with app.run_test(notifications=True, size=(100, 30)) as pilot:
        await analyzed(pilot)
        [aside] = damaged.parent.glob(f"{damaged.name}.corrupt-*")
        [told] = [message for message in notifications(app) if "could not be read" in message]
        assert "JSON nested deeper than any notes file" in told and str(aside) in told
        await pilot.press("j", "h")
        assert app.reading.notes.highlights


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals as on Linux")
def test_the_app_crashing_never_exits_with_status_0(tmp_path):
    program = (
        "import sys\n"
        "from reader.tui.screens.library import LibraryScreen\n"
        "def broken(self):\n"
        "    raise RuntimeError('the library fell over')\n"
        "LibraryScreen.on_mount = broken\n"
        "from reader.cli import main\n"
        "sys.exit(main(['--library']))\n"
    )
    app = TerminalApp(program, {"READER_DATA_DIR": str(tmp_path)})
    try:
        status = app.process.wait(timeout=60)
    finally:
        app.close()
    assert status != 0
    assert b"the library fell over" in app.screen


async def test_slash_narrows_the_library_to_titles_and_sources_as_you_type_and_escape_lists_all_again(tmp_path):
    highlight_two_articles(tmp_path)
    app = ReaderApp(None, analyzer=harbour_analysis)
    async with app.run_test(size=(80, 24)) as pilot:
        await listed(pilot)
        listing = app.screen.query_one(OptionList)
        await pilot.press("slash", *"divides")  # d, i, v… go to the search, not to forget or move
        assert isinstance(app.screen, LibraryScreen)
        assert [prompt.splitlines()[0] for prompt in library_prompts(app)] == [TITLE]
        await pilot.press("backspace", "backspace", *"ES")  # whatever the case
        assert [prompt.splitlines()[0] for prompt in library_prompts(app)] == [TITLE]
        await pilot.press("z")
        assert library_prompts(app) == ["No title or source has “dividESz”: Escape lists them all."]
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen) and len(library_prompts(app)) == 2
        assert listing.has_focus and not app.screen.query_one("#library-search").display
        # A source's name finds its article too; Enter opens the one found.
        await pilot.press("slash", *"bridge.txt")
        assert [prompt.splitlines()[0] for prompt in library_prompts(app)] == ["Bridge Plan Unites Town"]
        await pilot.press("enter")
        await analyzed(pilot)
        assert app.reading.article.text == OTHER_TEXT


async def test_the_library_is_on_screen_and_takes_a_search_while_its_notes_files_are_still_being_read(tmp_path,
                                                                                                     monkeypatch):
    highlight_two_articles(tmp_path)
    read, release = library.entries, threading.Event()

    def slow():
        release.wait(10)  # a library of many articles on a slow disk
        return read()

    monkeypatch.setattr("reader.notes.library.entries", slow)
    app = ReaderApp(None, analyzer=harbour_analysis)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and library_prompts(app) == [READING]
        await pilot.press("slash", *"bridge")
        assert app.screen.search == "bridge" and library_prompts(app) == [READING]
        release.set()
        # Listed as it is read, narrowed by what was typed meanwhile.
        assert [prompt.splitlines()[0] for prompt in await listed(pilot)] == ["Bridge Plan Unites Town"]
        await pilot.press("enter")
        await analyzed(pilot)
        assert app.reading.article.text == OTHER_TEXT
