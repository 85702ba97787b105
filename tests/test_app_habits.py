"""Reading habits through the app: the outline of flagged sentences, corrections, highlight colours, library search."""

from __future__ import annotations

from helpers import analysed, app_detail, harbour_app, select, until
from textual.widgets import OptionList

from reader.tui.screens.outline import OutlineScreen


async def test_the_outline_lists_opinions_quotes_and_highlights_in_order_and_enter_goes_to_one():
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analysed(pilot)
        await select(pilot, 8)
        await pilot.press("h")  # a reported sentence, listed because it is highlighted
        await select(pilot, 0)
        await pilot.press("O")
        await until(pilot, lambda: isinstance(app.screen, OutlineScreen), "the outline never opened")
        listing = app.screen.query_one(OptionList)
        lines = [str(listing.get_option_at_index(index).prompt) for index in range(listing.option_count)]
        assert [line.split()[0:2] for line in lines] == [["»", "3"], ["◆", "5"], ["◆", "7"], ["●", "9"]]
        assert "We will rebuild the pier" in lines[0]
        await pilot.press("j", "enter")
        await until(pilot, lambda: not isinstance(app.screen, OutlineScreen), "Enter did not close the outline")
        assert view.cursor == 4
        assert "sentence 5 of 9" in app_detail(app)
        await pilot.press("O", "escape")
        await until(pilot, lambda: not isinstance(app.screen, OutlineScreen), "Escape did not close the outline")
        assert view.cursor == 4
