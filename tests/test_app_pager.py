"""The pager's habits: space and b page, ctrl+d and ctrl+u go half a page, Home and End jump, as in less."""

from __future__ import annotations

from helpers import analysed, harbour_app, notifications, screen_lines, sentence_analysis, until
from textual import events

from reader.model import Article
from reader.tui.app import ReaderApp

LONG_TEXT = "\n\n".join(
    " ".join(f"Paragraph {paragraph} says thing {number} about the harbour plan." for number in range(4))
    for paragraph in range(1, 41)
) + "\n"


def text_of(lines: list[str]) -> list[str]:
    """The text of screen lines without the gutter's marks."""
    return [line.lstrip("▌● ") for line in lines]


def long_app() -> ReaderApp:
    return ReaderApp(Article(LONG_TEXT, "The long plan", "long.txt"), analyzer=sentence_analysis)


async def test_space_and_b_page_down_and_up_keeping_two_lines_as_less_does():
    async with long_app().run_test(size=(80, 24)) as pilot:
        view = await analysed(pilot)
        height = view.size.height
        before = screen_lines(view)
        await pilot.press("space")
        assert view.scroll_offset.y == height - 2
        # The last two lines of the page before are the first two of this one.
        assert text_of(screen_lines(view)[:2]) == text_of(before[-2:])
        assert view.cursor_sentence.start >= view.top_offset()
        await pilot.press("space", "b")
        assert view.scroll_offset.y == height - 2
        await pilot.press("b")
        assert view.scroll_offset.y == 0
        assert view.cursor == 0
        await pilot.press("pagedown")
        assert view.scroll_offset.y == height - 2
        await pilot.press("pageup")
        assert view.scroll_offset.y == 0


async def test_ctrl_d_and_ctrl_u_move_half_a_page():
    async with long_app().run_test(size=(80, 24)) as pilot:
        view = await analysed(pilot)
        half = view.size.height // 2
        await pilot.press("ctrl+d")
        assert view.scroll_offset.y == half
        await pilot.press("ctrl+d")
        assert view.scroll_offset.y == 2 * half
        await pilot.press("ctrl+u")
        assert view.scroll_offset.y == half


async def test_home_and_end_jump_to_the_first_and_last_sentence():
    async with long_app().run_test(size=(80, 24)) as pilot:
        view = await analysed(pilot)
        await pilot.press("end")
        assert view.cursor == view.last
        assert view.scroll_offset.y == view.max_scroll_y
        await pilot.press("home")
        assert view.cursor == 0
        assert view.scroll_offset.y == 0
        await pilot.press("G")
        assert view.cursor == view.last
        await pilot.press("g")
        assert view.cursor == 0


async def test_the_wheel_scrolls_the_text_without_moving_the_cursor():
    async with long_app().run_test(size=(80, 24)) as pilot:
        view = await analysed(pilot)
        for _ in range(3):
            view.post_message(events.MouseScrollDown(view, 10, 5, 0, 0, 0, False, False, False))
        await pilot.pause()
        assert view.scroll_offset.y > 0
        assert view.cursor == 0


async def test_space_pages_even_before_the_labels_are_in():
    app = ReaderApp(Article(LONG_TEXT, "The long plan", "long.txt"), analyzer=lambda article, progress: 1 / 0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        view = app.reading.query_one("ArticleView")
        await pilot.press("space")
        assert view.scroll_offset.y == view.size.height - 2


async def test_space_on_the_last_page_leaves_the_cursor_where_it_is_as_less_stays():
    async with long_app().run_test(size=(80, 24)) as pilot:
        view = await analysed(pilot)
        await pilot.press("G")
        bottom = view.scroll_offset.y
        await pilot.press("space")
        assert view.cursor == view.last
        assert view.scroll_offset.y == bottom
        await pilot.press("k", "k", "k")
        await pilot.press("space", "f", "ctrl+f")
        assert view.cursor == view.last - 3


async def test_ctrl_c_says_that_q_quits():
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await analysed(pilot)
        await pilot.press("ctrl+c")
        await until(pilot, lambda: any("to quit" in text for text in notifications(app)), "ctrl+c said nothing")
        assert any("Press q or ^q to quit." in text for text in notifications(app))
        assert app.is_running
