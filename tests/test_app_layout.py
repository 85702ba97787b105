"""The reading screen at every width: the side pane gives way on a narrow terminal, the counts and `?` stay."""

from __future__ import annotations

import pytest
from helpers import TEXT, analyzed, harbour_app, screen_lines, until
from sample_analysis import replay, sample
from textual.widgets import Footer

from reader.model import Article
from reader.resources import sample_article
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_header import Legend
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.detail_line import DetailLine
from reader.tui.widgets.side_pane import SidePane


def screen_text(app: ReaderApp) -> list[str]:
    """Every line of the terminal as the app last drew it."""
    # The compositor is what writes to the terminal: its lines are what the reader sees.
    return [strip.text for strip in app.screen._compositor.render_strips()]


def footer_text(app: ReaderApp) -> str:
    return screen_text(app)[app.screen.query_one(Footer).region.y]


@pytest.mark.parametrize("size", [(40, 15), (60, 20), (80, 24)])
async def test_below_90_columns_the_article_gets_the_whole_width(size):
    async with harbour_app(TEXT * 2).run_test(size=size) as pilot:
        view = await analyzed(pilot)
        assert not pilot.app.query_one(SidePane).display
        assert view.size.width >= size[0] - 2
        widest = max(len(line.rstrip()) for line in screen_lines(view))
        assert widest >= min(size[0] - 4, 72)


async def test_at_100_columns_the_side_pane_stands_beside_the_article_with_every_tab_title_whole():
    async with harbour_app().run_test(size=(100, 30)) as pilot:
        await analyzed(pilot)
        pane = pilot.app.query_one(SidePane)
        assert pane.display
        tabs = screen_text(pilot.app)[pane.region.y]
        for title in ("Entities", "Figures", "Sources", "Notes"):
            assert title in tabs


async def test_on_a_narrow_screen_s_shows_the_side_pane_in_place_of_the_article_and_an_entry_leads_back():
    async with harbour_app().run_test(size=(60, 20)) as pilot:
        view = await analyzed(pilot)
        pane = pilot.app.query_one(SidePane)
        await pilot.press("s")
        assert pane.display and not view.display
        assert pane.size.width == 60
        assert pane.has_focus_within
        await pilot.press("enter")  # the first entity: Ana Ruiz
        assert view.display and not pane.display
        assert pilot.app.focused is view
        assert view.cursor == 2
        await pilot.press("tab")
        assert pane.display and not view.display
        await pilot.press("tab")
        assert view.display and not pane.display


async def test_widening_the_terminal_brings_the_side_pane_back_beside_the_article():
    async with harbour_app().run_test(size=(60, 20)) as pilot:
        view = await analyzed(pilot)
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert pilot.app.query_one(SidePane).display and view.display
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert not pilot.app.query_one(SidePane).display and view.display


async def test_plus_and_minus_widen_and_narrow_the_side_pane():
    async with harbour_app().run_test(size=(120, 30)) as pilot:
        await analyzed(pilot)
        pane = pilot.app.query_one(SidePane)
        before = pane.outer_size.width
        await pilot.press("plus")
        await pilot.pause()
        assert pane.outer_size.width > before
        await pilot.press("minus", "minus")
        await pilot.pause()
        assert pane.outer_size.width < before
        assert pane.outer_size.width >= 30


@pytest.mark.parametrize("width", [40, 60, 80, 100])
async def test_the_header_keeps_every_label_count_and_the_footer_keeps_help_down_to_40_columns(width):
    async with harbour_app().run_test(size=(width, 20)) as pilot:
        await analyzed(pilot)
        shown = screen_text(pilot.app)[pilot.app.query_one(Legend).region.y]
        for count in ("reported 6", "1", "2"):
            assert count in shown
        assert "◆" in shown and "»" in shown
        assert "? Help" in footer_text(pilot.app)


async def test_notifications_leave_the_detail_line_and_its_place_readable():
    async with harbour_app().run_test(size=(80, 24), notifications=True) as pilot:
        await analyzed(pilot)
        await pilot.press("G", "right_square_bracket", "3", "left_square_bracket")
        await pilot.pause()
        toasts = list(pilot.app.screen.query("Toast"))
        assert toasts
        detail = pilot.app.query_one(DetailLine).region
        for toast in toasts:
            assert not toast.region.overlaps(detail)


async def test_the_header_gives_the_author_and_date_when_the_page_gave_them():
    article = Article(TEXT, "Harbour Plan Divides Town", "harbour.html", author="Ana Writer", date="2026-03-14")
    app = ReaderApp(article, analyzer=harbour_app().reading.analyzer)
    async with app.run_test(size=(120, 30)) as pilot:
        await analyzed(pilot)
        title = str(app.query_one("#title").render())
        assert "Ana Writer · 2026-03-14" in title


async def test_the_sample_is_named_sample_not_by_its_path():
    text = sample_article().read_text(encoding="utf-8")
    app = ReaderApp(Article(text, "Sample", str(sample_article())), analyzer=lambda article, progress: 1 / 0)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        title = str(app.query_one("#title").render())
        assert title.endswith("sample")
        assert "site-packages" not in title and str(sample_article().parent) not in title
        await app.workers.wait_for_complete()
        assert isinstance(app.reading.query_one(ArticleView), ArticleView)


async def test_the_help_fits_80_by_24_with_the_everywhere_keys_first_and_no_line_wrapped():
    async with harbour_app().run_test(size=(80, 24)) as pilot:
        await analyzed(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_box = pilot.app.screen.query_one("#help")
        assert help_box.max_scroll_y == 0
        lines = screen_text(pilot.app)
        assert "Everywhere" in lines[1] and "What the marks mean" in lines[1]
        for column in pilot.app.screen.query("#help-keys, #help-more"):
            # As many screen lines as lines of text: nothing wrapped.
            assert column.size.height == len(str(column.render()).splitlines())


async def test_a_side_pane_choice_on_a_narrow_terminal_shows_its_sentence_at_once():
    # At 60 columns the side pane takes the article's place; the sentence chosen there was selected while the
    # article had no room, and the article came back at its top with no cursor in sight until the next key.
    app = ReaderApp(sample(), analyzer=replay)
    async with app.run_test(size=(60, 20)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("s", "j", "j", "enter")
        await until(pilot, lambda: view.cursor not in (None, 0) and view.size.height > 0)
        await pilot.pause()
        chosen = " ".join(view.cursor_sentence.text.split()[:3])
        assert any(chosen in line for line in screen_lines(view)), screen_lines(view)


async def test_the_first_frame_of_the_article_pane_shows_the_text(monkeypatch):
    """The text is wrapped for the width the first frame is drawn at, not one frame later when the pane hears its
    size: that frame comes about 20 ms sooner."""
    frames: list[str] = []
    render_lines = ArticleView.render_lines

    def watched(view: ArticleView, crop):
        strips = render_lines(view, crop)
        frames.append(" ".join(strip.text.strip() for strip in strips))
        return strips

    monkeypatch.setattr(ArticleView, "render_lines", watched)
    async with harbour_app().run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: frames, "the article pane was never drawn")
    assert " ".join(TEXT.split()[:6]) in " ".join(frames[0].split())
