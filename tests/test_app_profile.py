"""`P` in the app: the article's profile over the article, from the same numbers as `reader profile`."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from helpers import analyzed, harbour_analysis, harbour_app, notifications, until
from textual.widgets import Static

from reader.profile import profile
from reader.tui.screens.profile import ProfileScreen, profile_content
from reader.tui.screens.reading import ReadingScreen


def drawn(app) -> str:
    """The profile's text as the screen holds it."""
    return str(app.screen.query_one("#profile-text", Static).render())


async def test_p_opens_the_profile_with_its_counts_and_escape_closes_it():
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await analyzed(pilot)
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        text = drawn(app)
        # The harbour article: 6 reported, 1 quote, 2 opinion sentences.
        assert "  reported    6  67 %" in text and "» quote       1  11 %" in text and "◆ opinion     2  22 %" in text
        assert "Figures  2 figures, 0 unsourced" in text
        assert "First opinion  sentence 5" in text and "This is a reckless gamble with public money." in text
        assert "Voices  1 claim rests on unnamed sources" in text
        assert "Ana Ruiz" in text and "quoted 1 (100 % of quoted words)" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)


async def test_p_before_the_analysis_is_in_says_it_is_coming():
    release = threading.Event()

    def slow_analysis(article, progress):
        release.wait(10)
        return harbour_analysis(article, progress)

    app = harbour_app(analyzer=slow_analysis)
    async with app.run_test(notifications=True, size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        assert any("the analysis is still going" in message for message in notifications(app))
        release.set()
        await analyzed(pilot)


async def test_the_profile_is_listed_in_the_help():
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await analyzed(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert "e P" in str(app.screen.query_one("#help-keys", Static).render())
        assert "Export / profile" in str(app.screen.query_one("#help-keys", Static).render())


def test_a_voices_kind_has_room_before_its_counts(sample_analysis):
    """"organisation" is the longest kind: at 80 columns it once ran into "cited 1" in the screenshots."""
    lines = profile_content(profile(sample_analysis)).plain.splitlines()
    organisations = [line for line in lines if " organisation " in line]
    assert organisations and all("organisation   cited 1" in line for line in organisations)
    assert all(len(line) <= 76 for line in lines if "% of quoted words" in line)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_no_line_of_the_profile_wraps_on_a_narrow_terminal(size):
    def heard_often(article, progress=None):
        # Ana Ruiz quoted once and cited ten times: her counts are as long as they get.
        analysis = harbour_analysis(article, progress)
        ruiz = replace(analysis.voices[0], cited=10)
        return replace(analysis, voices=(ruiz, *analysis.voices[1:]))

    app = harbour_app(analyzer=heard_often)
    async with app.run_test(size=size) as pilot:
        await analyzed(pilot)
        await pilot.press("P")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        text = app.screen.query_one("#profile-text", Static)
        lines = str(text.render()).splitlines()
        # Its tables, the labels' and the voices', keep each row on one line (prose may wrap at a word).
        voices = next(index for index, line in enumerate(lines) if line.startswith("Voices"))
        assert max(len(line) for line in lines[:4] + lines[voices:]) <= text.content_region.width
        assert any("quoted 1 (100 % of quoted words) · cited 10" in line for line in lines)
        assert any(line.startswith("  reported") and "█" in line for line in lines)  # the bars shorten, still there
