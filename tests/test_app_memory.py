"""What the app remembers between runs (where each article was left, the theme, the side pane) and the config
file (a theme, keys remapped)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import TEXT, analyzed, harbour_analysis, harbour_app, screen_lines, until
from textual.widgets import Static, TabbedContent

from reader.cli import main
from reader.config import load_config
from reader.tui.app import ReaderApp
from reader.tui.screens.help import HelpScreen
from reader.tui.state import state_path
from reader.tui.widgets import article_text
from reader.tui.widgets.panes import Panes
from reader.tui.widgets.side_pane import SidePane


def write_config(text: str) -> Path:
    path = Path(os.environ["READER_CONFIG_DIR"]) / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


async def test_an_article_opens_again_where_the_reader_left_it():
    long_text = TEXT * 8
    async with harbour_app(long_text).run_test(size=(80, 24)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("G", "k", "k", "q")
    async with harbour_app(long_text).run_test(size=(80, 24)) as pilot:
        view = await analyzed(pilot)
        assert view.cursor == 6
        assert view.scroll_offset.y > 0
    # Another article starts at its top.
    async with harbour_app(long_text + "Another ending.\n").run_test(size=(80, 24)) as pilot:
        view = await analyzed(pilot)
        assert view.cursor == 0


async def test_at_40_by_15_the_first_frame_wraps_at_its_width_and_shows_where_the_reader_left_nothing_moving_after(
        monkeypatch):
    long_text = TEXT * 8
    async with harbour_app(long_text).run_test(size=(40, 15)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("G", "k", "k", "k", "q")
    left = view.sentences[view.cursor]
    widths: list[int] = []
    wrap = article_text.wrap
    monkeypatch.setattr(article_text, "wrap", lambda text, width, marks: widths.append(width) or wrap(text, width,
                                                                                                        marks))
    release = threading.Event()

    def slow(article, progress=None):
        release.wait(10)
        return harbour_analysis(article, progress)

    async with harbour_app(long_text, analyzer=slow).run_test(size=(40, 15)) as pilot:
        await pilot.pause()
        view = pilot.app.reading.query_one(article_text.ArticleText)
        # Wrapped once, at the width of a narrow screen's article, never at 8 columns beside a side pane.
        assert widths == [40 - 1 - 3 - 2]  # the padding, the gutter, the scrollbar
        # Before any label, the sentence the reader left is on screen, below the lines kept above a cursor.
        shown = "".join(screen_lines(view))
        assert " ".join(left.text.split()[:3]) in shown
        top = view.scroll_offset.y
        release.set()
        await analyzed(pilot)
        assert view.cursor_sentence.start == left.start and view.scroll_offset.y == top


async def test_the_theme_and_the_side_pane_tab_and_width_are_there_the_next_time():
    async with harbour_app().run_test(size=(120, 30)) as pilot:
        await analyzed(pilot)
        pilot.app.theme = "textual-light"
        await pilot.press("tab", "right", "plus", "plus")
        await pilot.pause()
        width = pilot.app.query_one(SidePane).outer_size.width
        await pilot.press("q")
    async with harbour_app().run_test(size=(120, 30)) as pilot:
        await analyzed(pilot)
        assert pilot.app.theme == "textual-light"
        assert pilot.app.query_one(TabbedContent).active == "figures"
        assert pilot.app.query_one(SidePane).outer_size.width == width


async def test_a_hidden_side_pane_stays_hidden():
    async with harbour_app().run_test(size=(120, 30)) as pilot:
        await analyzed(pilot)
        await pilot.press("s", "q")
    async with harbour_app().run_test(size=(120, 30)) as pilot:
        await analyzed(pilot)
        assert not pilot.app.query_one(SidePane).display


async def test_the_state_file_is_json_written_whole_and_a_broken_one_is_forgotten_not_fatal():
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    async with harbour_app().run_test(size=(120, 30)) as pilot:
        view = await analyzed(pilot)
        assert view.cursor == 0
        await pilot.press("j", "q")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["schema"] == "reader.state/1"
    assert list(document["positions"].values()) == [TEXT.index("The council approved")]
    assert [name for name in os.listdir(path.parent) if name != "state.json"] == []


async def test_a_state_file_slow_to_write_never_holds_the_keys_up_and_a_burst_of_changes_is_written_once_as_it_ended(
        monkeypatch):
    from reader import atomic

    write, writing, release = atomic.write_atomic, threading.Event(), threading.Event()
    written: list[dict] = []

    def slow(path, data, mode=None):
        writing.set()
        release.wait(10)
        written.append(json.loads(data))
        write(path, data, mode)

    monkeypatch.setattr(atomic, "write_atomic", slow)
    async with harbour_app().run_test(size=(120, 30)) as pilot:
        view = await analyzed(pilot)
        # The side pane's first tab is remembered as it is built: that write hangs, as on a disk that stalls.
        await until(pilot, writing.is_set, "the state file was never written")
        await pilot.press("plus", "plus", "j", "j", "tab", "right")
        pilot.app.theme = "textual-light"
        await pilot.press("minus")
        await pilot.pause()
        assert view.cursor == 2 and pilot.app.query_one(TabbedContent).active == "figures"
        width = pilot.app.query_one(Panes).side_pane_width
        release.set()
        await until(pilot, lambda: len(written) == 2, "the changes made while a write hung were not written")
        await pilot.press("q")
    assert len(written) == 3  # the first tab; every change made while that write hung; where the reader left
    assert (written[1]["theme"], written[1]["side_pane_tab"], written[1]["side_pane_width"]) == (
        "textual-light", "figures", width)
    assert json.loads(state_path().read_text(encoding="utf-8")) == written[2]
    assert list(written[2]["positions"].values()) == [TEXT.index("“We will rebuild")]


DAMAGED_STATES = {
    "nested too deeply": '{"schema": "reader.state/1", "theme": ' + "[" * 100_000,
    "a width past any screen": '{"schema": "reader.state/1", "side_pane_width": 100000000000000000000}',
    "a width wider than the article": '{"schema": "reader.state/1", "side_pane_width": 1000000}',
    "a width below nothing": '{"schema": "reader.state/1", "side_pane_width": -50}',
    "a width in words": '{"schema": "reader.state/1", "side_pane_width": "wide"}',
    "a tab of escapes": '{"schema": "reader.state/1", "side_pane_tab": "\\u001b]2;owned\\u0007"}',
    "a theme that is a number": '{"schema": "reader.state/1", "theme": 12345, "side_pane_hidden": "yes"}',
    "positions of no article": '{"schema": "reader.state/1", "positions": {"../../etc": 5, "a": -1}}',
}


@pytest.mark.parametrize("state", DAMAGED_STATES.values(), ids=DAMAGED_STATES.keys())
async def test_a_remembered_value_out_of_range_or_of_the_wrong_kind_is_forgotten(state):
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_text(state, encoding="utf-8")
    async with harbour_app().run_test(size=(120, 30)) as pilot:
        view = await analyzed(pilot)
        default = pilot.app.query_one(SidePane).outer_size.width
        assert view.size.width >= 40 and 0 < default < 60
        assert pilot.app.query_one(TabbedContent).active == "entities"
        await pilot.press("j", "q")
    remembered = json.loads(path.read_text(encoding="utf-8"))
    assert remembered["side_pane_width"] is None and remembered["side_pane_tab"] in (None, "entities")
    assert list(remembered["positions"].values()) == [TEXT.index("The council approved")]


async def test_the_config_file_sets_the_theme_and_gives_actions_other_keys():
    write_config('theme = "nord"\n\n[keys]\nhighlight = "x"\nnext_sentence = "j,down,ctrl+n"\n')
    app = ReaderApp(harbour_app().reading.article, analyzer=harbour_app().reading.analyzer, config=load_config())
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        assert app.theme == "nord"
        await pilot.press("ctrl+n", "h")
        assert view.cursor == 1
        assert app.reading.notes.highlights == []
        await pilot.press("x")
        assert [highlight.sentence_id for highlight in app.reading.notes.highlights] == [1]
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(column.render()) for column in app.screen.query(Static))
        # The help joins h, c and a on one line (Highlight, colour, note): the remapped key leads it.
        line = next(line for line in text.splitlines() if "Highlight, colour, note" in line)
        assert line.split()[:3] == ["x", "c", "a"]


@pytest.mark.parametrize(
    ("config", "said"),
    [
        ('theme = "no-such-theme"\n', "no theme no-such-theme"),
        ('[keys]\nfly = "f"\n', "[keys] has no action fly"),
        ("theme = \n", "is not TOML"),
        ('colour = "red"\n', "unknown setting colour"),
        ('[keys]\nhighlight = ""\n', "gives no key to highlight"),
        ('[keys]\nhighlight = "\\u001b]2;owned\\u0007x"\n', "gives highlight '\\x1b]2;owned\\x07x', which is no key"),
        ('[keys]\nhighlight = "hyperspace"\n', "gives highlight 'hyperspace', which is no key"),
        ('[keys]\nhighlight = "n"\n', "gives n to highlight, which next_match has too"),
        ('[keys]\nhighlight = "x"\nnote = "x, a"\n', "gives x to highlight, which note has too"),
        ("theme = " + "[" * 100_000 + "\n", "is nested deeper than any config file"),
    ],
    ids=["no such theme", "no such action", "not toml", "unknown setting", "no key", "a key of escapes",
         "no such key", "a key another action has", "one key for two actions", "nested too deeply"],
)
def test_a_bad_config_file_is_one_line_and_status_2_before_the_app_starts(config, said, capsys, tmp_path):
    path = write_config(config)
    story = tmp_path / "story.txt"
    story.write_text("The council approved the plan on Monday.\n", encoding="utf-8")
    assert main([str(story)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and said in error and str(path) in error
    assert error[:-1].isprintable()


@pytest.mark.parametrize("keys", ['highlight = "x"\nnext_sentence = "j,down,ctrl+n"\n', 'clear = "x"\n',
                                  'next_page = "space,f"\n'])
def test_a_config_that_remaps_keys_passes_the_checks_and_the_app_starts(keys, monkeypatch, tmp_path):
    # Escape clears the article's tints and closes the search bar: one key, but never two things at once.
    write_config(f'theme = "nord"\n\n[keys]\n{keys}')
    started = []
    monkeypatch.setattr("reader.tui.run", lambda article, config, model, max_seconds: started.append(config) or 0)
    story = tmp_path / "story.txt"
    story.write_text("The council approved the plan on Monday.\n", encoding="utf-8")
    assert main([str(story)]) == 0
    assert [config.theme for config in started] == ["nord"]


def test_a_config_folder_in_no_ones_home_is_one_line_and_status_2(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("READER_CONFIG_DIR", "~nosuchuser/reader")
    story = tmp_path / "story.txt"
    story.write_text("The council approved the plan on Monday.\n", encoding="utf-8")
    assert main([str(story)]) == 2
    error = capsys.readouterr().err
    assert error == "reader: READER_CONFIG_DIR is ~nosuchuser/reader, but ~nosuchuser is no user's home\n"


async def test_a_state_folder_in_no_ones_home_leaves_the_app_reading_without_remembering(monkeypatch):
    monkeypatch.setenv("READER_STATE_DIR", "~nosuchuser/reader")
    async with harbour_app().run_test(size=(120, 30)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("j")
        assert view.cursor == 1
        await pilot.press("q")
    async with harbour_app().run_test(size=(120, 30)) as pilot:
        view = await analyzed(pilot)
        assert view.cursor == 0


def test_a_config_read_from_no_file_is_named_as_the_config_not_as_where_config_path_points(monkeypatch):
    from reader.config import Config, ConfigError, check_config
    from reader.tui.app import key_clashes

    monkeypatch.setenv("READER_CONFIG_DIR", "~nosuchuser/reader")
    with pytest.raises(ConfigError, match="^the config: no theme no-such-theme"):
        check_config(Config(theme="no-such-theme"), {"nord"}, set(), lambda key: True, key_clashes)


def test_a_config_read_from_another_file_is_named_in_what_is_wrong_with_it(tmp_path):
    from reader.config import ConfigError, check_config
    from reader.tui.app import key_clashes

    other = tmp_path / "elsewhere.toml"
    other.write_text('theme = "no-such-theme"\n', encoding="utf-8")
    config = load_config(other)
    with pytest.raises(ConfigError, match=f"^{re.escape(str(other))}: no theme no-such-theme"):
        check_config(config, {"nord"}, set(), lambda key: True, key_clashes)
    with pytest.raises(TypeError):
        config.keys["highlight"] = "x"  # type: ignore[index]  # what the file set is read-only


def test_no_config_file_is_no_setting_and_loads_no_toml_parser(tmp_path):
    # In a fresh process: every launch reads the config before the text is drawn, and tomllib took 6 ms to import.
    script = ("import sys; from reader.config import load_config; config = load_config(); "
              "print(config.theme, dict(config.keys), 'tomllib' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "READER_CONFIG_DIR": str(tmp_path)})
    assert result.stdout == "None {} False\n"
    (tmp_path / "config.toml").write_text('theme = "nord"\n', encoding="utf-8")
    assert load_config(tmp_path / "config.toml").theme == "nord"
