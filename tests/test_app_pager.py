"""The pager's habits: space, f, ctrl+f and b, ctrl+b page, ctrl+d and ctrl+u go half a page, Home and End jump,
a count repeats a move, as in less."""

from __future__ import annotations

from helpers import analyzed, harbour_app, notifications, screen_lines, sentence_analysis, until
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
        view = await analyzed(pilot)
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
        view = await analyzed(pilot)
        half = view.size.height // 2
        await pilot.press("ctrl+d")
        assert view.scroll_offset.y == half
        await pilot.press("ctrl+d")
        assert view.scroll_offset.y == 2 * half
        await pilot.press("ctrl+u")
        assert view.scroll_offset.y == half


async def test_home_and_end_jump_to_the_first_and_last_sentence():
    async with long_app().run_test(size=(80, 24)) as pilot:
        view = await analyzed(pilot)
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
        view = await analyzed(pilot)
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
        view = await analyzed(pilot)
        await pilot.press("G")
        bottom = view.scroll_offset.y
        await pilot.press("space")
        assert view.cursor == view.last
        assert view.scroll_offset.y == bottom
        await pilot.press("k", "k", "k")
        await pilot.press("space", "f", "ctrl+f")
        assert view.cursor == view.last - 3


async def test_f_and_ctrl_f_page_down_and_ctrl_b_pages_up_as_space_and_b_do():
    async with long_app().run_test(size=(80, 24)) as pilot:
        view = await analyzed(pilot)
        page = view.size.height - 2
        for key, y in (("f", page), ("ctrl+f", 2 * page), ("ctrl+b", page), ("b", 0)):
            await pilot.press(key)
            assert view.scroll_offset.y == y, key
            assert view.cursor_sentence.start >= view.top_offset()


async def test_a_count_before_a_move_repeats_it_as_in_less():
    async with long_app().run_test(size=(80, 24)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("5", "j")
        assert view.cursor == 5
        await pilot.press("3", "k")
        assert view.cursor == 2
        await pilot.press("1", "2", "j")
        assert view.cursor == 14
        # Before G or g a count names the sentence.
        await pilot.press("4", "0", "G")
        assert view.cursor == 39
        await pilot.press("g", "2", "space")
        assert view.scroll_offset.y == 2 * (view.size.height - 2)


async def test_a_count_before_a_flagged_move_jumps_that_many_flagged_sentences():
    async with harbour_app().run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        # Flagged (quote or opinion): sentences 2, 4 and 6.
        await pilot.press("3", "right_square_bracket")
        assert view.cursor == 6
        await pilot.press("2", "left_square_bracket")
        assert view.cursor == 2
        # More than there are: as far as there are.
        await pilot.press("9", "right_square_bracket")
        assert view.cursor == 6
        # The counts flagged no label.
        assert view.flagged == {"quote", "opinion"}


async def test_a_lone_label_digit_still_flags_its_label_and_escape_takes_a_count_back():
    async with harbour_app().run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("3")
        await until(pilot, lambda: view.flagged == {"quote"}, "3 alone did not flag opinion off")
        await pilot.press("3", "escape", "j")
        assert view.cursor == 1
        assert view.flagged == {"quote"}


async def test_ctrl_c_says_that_q_quits():
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await analyzed(pilot)
        await pilot.press("ctrl+c")
        await until(pilot, lambda: any("to quit" in text for text in notifications(app)), "ctrl+c said nothing")
        assert any("Press q or ^q to quit." in text for text in notifications(app))
        assert app.is_running
