"""`reader compare A B` in the app: two articles side by side, their common claims numbered alike, j k from pair to
pair in both columns, Enter into the reading view and Escape back; snapshots drawn from recorded analyses."""

from __future__ import annotations

import threading

import pytest
from compare_analyses import FIRST, FOLDER, SECOND, UNRELATED, article, compared, recorded, replay, storm_app
from helpers import notifications, screen_lines, until

from reader.cli import main
from reader.notes import NoteStore
from reader.tui.comparison_app import ReadingFromComparison
from reader.tui.screens.compare import CompareScreen
from reader.tui.widgets.article_view import ArticleView


def pair_line(screen: CompareScreen) -> str:
    return str(screen.query_one("#pair-line").render())


async def test_the_comparison_shows_both_articles_and_numbers_each_claim_both_make_alike():
    async with storm_app().run_test(size=(120, 30)) as pilot:
        screen = await compared(pilot)
        first, second = screen.columns
        pairs = screen.comparison.pairs
        assert len(pairs) == 4
        assert {number: id_ for id_, number in first.pairs.items()} == {
            number: pair.a.id for number, pair in enumerate(pairs, start=1)}
        assert {number: id_ for id_, number in second.pairs.items()} == {
            number: pair.b.id for number, pair in enumerate(pairs, start=1)}
        a_text, b_text = "\n".join(screen_lines(first)), "\n".join(screen_lines(second))
        assert "Storm Closes Harbour at Port Ellis" in a_text and "Port Ellis Counts The Cost" in b_text
        # Each pair's number stands beside the first line of its sentence in both columns.
        assert any(line.startswith("  1 ") and "The storm closed the harbour" in line for line in screen_lines(first))
        assert any(line.startswith("  1 ") and "Port Ellis harbour was closed" in line for line in screen_lines(second))


async def test_both_texts_show_at_once_and_the_labels_and_pairs_follow():
    release = threading.Event()

    def slow(article, report):
        while not release.wait(0.02):
            report(0.5)
        return replay(article, report)

    async with storm_app(analyzer=slow).run_test(size=(120, 30)) as pilot:
        screen = pilot.app.comparison
        first, second = screen.columns
        await until(pilot, lambda: any("Winds of 110" in line for line in screen_lines(first)))
        assert any("Insurers have" in line for line in screen_lines(second))
        assert first.cursor is None and screen.comparison is None
        await pilot.press("j")
        assert first.cursor is None
        release.set()
        await compared(pilot)
        assert first.cursor == 0 and second.cursor == 0


async def test_j_and_k_move_both_columns_from_pair_to_pair():
    async with storm_app().run_test(size=(120, 30)) as pilot:
        screen = await compared(pilot)
        first, second = screen.columns
        pairs = screen.comparison.pairs
        await pilot.press("j")
        assert (first.cursor, second.cursor) == (pairs[0].a.id, pairs[0].b.id)
        await pilot.press("j", "j")
        assert (first.cursor, second.cursor) == (pairs[2].a.id, pairs[2].b.id)
        assert pair_line(screen).startswith("Pair 3 of 4")
        await pilot.press("k")
        assert (first.cursor, second.cursor) == (pairs[1].a.id, pairs[1].b.id)
        assert "figures differ: 40 in A, 55 in B" in pair_line(screen)



async def test_a_reader_already_on_a_claim_both_make_when_the_pairs_come_sees_its_pair_beside_it():
    release = threading.Event()

    def second_later(article, report):
        if article == recorded(SECOND).article:
            release.wait(10)
        return replay(article, report)

    async with storm_app(analyzer=second_later).run_test(size=(120, 30)) as pilot:
        screen = pilot.app.comparison
        first, second = screen.columns
        await until(pilot, lambda: first.cursor == 0, "the first article's labels never came")
        await pilot.press("down")  # onto the first article's side of the first pair, before there are pairs
        release.set()
        await compared(pilot)
        pair = screen.comparison.pairs[0]
        assert first.cursor == pair.a.id == 1
        assert second.cursor == pair.b.id
        assert first.row_of(pair.a.id) == second.row_of(pair.b.id)
        assert pair_line(screen).startswith("Pair 1 of 4")
        await pilot.press("j")
        assert (first.cursor, second.cursor) == (screen.comparison.pairs[1].a.id, screen.comparison.pairs[1].b.id)

async def test_the_columns_scroll_to_keep_a_pair_level():
    async with storm_app().run_test(size=(80, 16)) as pilot:
        screen = await compared(pilot)
        first, second = screen.columns
        for pair in screen.comparison.pairs:
            await pilot.press("j")
            await pilot.pause()
            assert first.cursor == pair.a.id and second.cursor == pair.b.id
            assert first.row_of(pair.a.id) == second.row_of(pair.b.id)
            assert 0 <= first.row_of(pair.a.id) < first.size.height
        assert first.scroll_y > 0 and second.scroll_y > 0


async def test_tab_moves_between_the_columns_and_j_follows_the_focused_ones_order():
    async with storm_app().run_test(size=(120, 30)) as pilot:
        screen = await compared(pilot)
        first, second = screen.columns
        assert screen.focused is first
        await pilot.press("tab")
        assert screen.focused is second
        await pilot.press("down", "down")
        assert second.cursor == 2 and first.cursor == 0
        assert pair_line(screen).startswith("Pair 2 of 4")
        await pilot.press("j")
        pair = screen.comparison.pairs[2]
        assert (first.cursor, second.cursor) == (pair.a.id, pair.b.id)
        await pilot.press("tab")
        assert screen.focused is first


async def test_enter_reads_the_article_from_its_sentence_and_escape_comes_back():
    async with storm_app().run_test(size=(120, 30), notifications=True) as pilot:
        screen = await compared(pilot)
        await pilot.press("j", "j", "tab", "enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, ReadingFromComparison))
        reading = pilot.app.screen
        await until(pilot, lambda: reading.analysis is not None)
        await pilot.pause()
        view = reading.query_one(ArticleView)
        assert reading.article == article(SECOND)
        assert view.cursor == screen.comparison.pairs[1].b.id
        await until(pilot, lambda: "Escape goes back to the comparison; q quits." in notifications(pilot.app))
        await pilot.press("escape")
        await until(pilot, lambda: pilot.app.screen is screen)
        assert pilot.app.reading is None and screen.focused is screen.column("B")
        # The reading view's hint goes with it, and no longer covers column B.
        await pilot.pause()
        assert notifications(pilot.app) == []


async def test_h_highlights_the_sentence_of_the_focused_column_in_its_articles_notes():
    async with storm_app().run_test(size=(120, 30)) as pilot:
        screen = await compared(pilot)
        await pilot.press("j", "j", "h")
        sentence = screen.comparison.pairs[1].a
        assert screen.column("A").highlights == {sentence.id}
        saved = NoteStore.open(article(FIRST))
        assert [highlight.exact for highlight in saved.highlights] == [sentence.text]
        assert not NoteStore.open(article(SECOND)).highlights
        # The reading view shows it, and what is highlighted there shows here once back.
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, ReadingFromComparison)
                    and pilot.app.screen.analysis is not None)
        await pilot.pause()
        view = pilot.app.screen.query_one(ArticleView)
        assert view.highlights == {sentence.id}
        await pilot.press("j", "h", "escape")
        await until(pilot, lambda: pilot.app.screen is screen)
        assert screen.column("A").highlights == {sentence.id, sentence.id + 1}


async def test_two_different_stories_say_that_no_claims_pair():
    async with storm_app(UNRELATED).run_test(size=(120, 30)) as pilot:
        screen = await compared(pilot)
        assert screen.comparison.pairs == ()
        assert pair_line(screen).startswith("No claims pair: the two tell different stories")
        await pilot.press("j")
        assert screen.column("A").cursor == 0


async def test_a_failed_analysis_leaves_its_text_and_says_why():
    def failing(article, report):
        if article.origin == SECOND:
            raise RuntimeError("out of memory")
        return replay(article, report)

    async with storm_app(analyzer=failing).run_test(size=(120, 30)) as pilot:
        screen = pilot.app.comparison
        # A's analysis goes on, and may end after B's failed (on a busy machine): its labels come all the same.
        await until(pilot, lambda: "failed" in pair_line(screen) and screen.column("A").analysis is not None)
        assert pair_line(screen) == "No pairs: the analysis of B failed (out of memory)."
        assert screen.column("A").analysis == recorded(FIRST)


async def test_d_shows_the_voices_names_and_figures_each_has_alone():
    async with storm_app().run_test(size=(120, 30)) as pilot:
        screen = await compared(pilot)
        differences = screen.query_one("#differences")
        assert not differences.display
        await pilot.press("d")
        assert differences.display
        only_b = str(screen.query_one("#differences-only-b").render())
        assert "The ferry company" in only_b
        figures = str(screen.query_one("#differences-figures").render())
        assert "40 in A (sentence 4), 55 in B (sentence 3)" in figures


# -- the command line ----------------------------------------------------------------------


@pytest.fixture
def on_a_terminal(monkeypatch):
    """stdout is a terminal; the app records what it was asked to open instead of opening."""
    opened = []
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.setattr("reader.tui.run_comparison", lambda first, second, *rest: opened.append((first, second)) or 0)
    return opened


def test_compare_on_a_terminal_opens_the_app_on_both_articles(on_a_terminal):
    assert main(["compare", str(FOLDER / FIRST), str(FOLDER / SECOND)]) == 0
    [(opened_first, opened_second)] = on_a_terminal
    assert opened_first.title == "Storm Closes Harbour at Port Ellis"
    assert opened_second.title == "Port Ellis Counts The Cost"


def test_compare_on_a_terminal_refuses_a_bad_article_before_the_app_opens(on_a_terminal, capsys, tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_text((FOLDER / FIRST).read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["compare", str(FOLDER / FIRST), str(copy)]) == 2
    assert "the same article" in capsys.readouterr().err
    assert main(["compare", str(FOLDER / FIRST), str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "missing.txt" in err
    assert on_a_terminal == []


# -- snapshots ------------------------------------------------------------------------------


def pairs_shown(*keys: str):
    """A `run_before` that waits for the comparison, then presses `keys`."""

    async def wait(pilot) -> None:
        await compared(pilot)
        await pilot.press(*keys)
        await pilot.pause()

    return wait


def test_comparison_at_80_by_24(snap_compare):
    assert snap_compare(storm_app(), terminal_size=(80, 24), run_before=pairs_shown("j", "j"))


def test_comparison_at_160_by_40_with_the_differences(snap_compare):
    assert snap_compare(storm_app(), terminal_size=(160, 40), run_before=pairs_shown("j", "j", "j", "h", "d"))
