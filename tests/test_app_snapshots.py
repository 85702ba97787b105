"""What the reading app looks like: SVG snapshots of its main states, drawn from the sample's recorded analysis.

They test the screen, not the engine: the labels and scores are those of tests/data/sample-analysis.json, which
`python tests/sample_analysis.py` records again when the engine changes on purpose. Update the snapshots with
`pytest tests/test_app_snapshots.py --snapshot-update` after reviewing the change (`pytest --snapshot-report`
shows the differences).
"""

from __future__ import annotations

import pytest
from sample_analysis import recorded, replay

from reader.tui.app import ReaderApp
from reader.tui.widgets.side_pane import SidePane


def sample_app() -> ReaderApp:
    return ReaderApp(recorded().article, analyzer=replay)


def labelled(theme: str = "textual-dark"):
    """A `run_before` that sets the theme and waits until the labels are on screen."""

    async def wait(pilot) -> None:
        pilot.app.theme = theme
        for _ in range(600):
            await pilot.pause()
            if pilot.app.reading.analysis is not None:
                break
            await pilot.app.workers.wait_for_complete()
        assert pilot.app.reading.analysis is not None, "the analysis did not finish"
        await pilot.pause()

    return wait


def test_sample_after_analysis(snap_compare):
    assert snap_compare(sample_app(), terminal_size=(100, 30), run_before=labelled())


def test_sample_at_80_by_24_in_the_light_theme(snap_compare):
    assert snap_compare(sample_app(), terminal_size=(80, 24), run_before=labelled("textual-light"))


def test_sample_at_200_by_50_in_the_ansi_theme(snap_compare):
    assert snap_compare(sample_app(), terminal_size=(200, 50), run_before=labelled("ansi-dark"))


def test_sample_at_60_by_20_gives_the_article_the_whole_width(snap_compare):
    assert snap_compare(sample_app(), terminal_size=(60, 20), run_before=labelled(),
                        press=["right_square_bracket", "h"])


def test_sample_at_60_by_20_with_the_side_pane_in_the_articles_place(snap_compare):
    assert snap_compare(sample_app(), terminal_size=(60, 20), run_before=labelled(), press=["s"])


def test_sample_at_40_by_15_keeps_the_counts_and_help(snap_compare):
    assert snap_compare(sample_app(), terminal_size=(40, 15), run_before=labelled(),
                        press=["right_square_bracket"])


def test_why_this_label_at_80_by_24(snap_compare):
    assert snap_compare(sample_app(), terminal_size=(80, 24), run_before=labelled(),
                        press=["right_square_bracket", "right_square_bracket", "w"])


def test_help_screen_at_80_by_24(snap_compare):
    assert snap_compare(sample_app(), terminal_size=(80, 24), run_before=labelled(), press=["question_mark"])


def test_help_screen(snap_compare):
    assert snap_compare(sample_app(), terminal_size=(100, 40), run_before=labelled(), press=["question_mark"])


def test_side_pane_on_figures(snap_compare):
    wait = labelled()

    async def figures(pilot) -> None:
        await wait(pilot)
        pilot.app.query_one(SidePane).show_tab("figures")
        await pilot.pause()

    assert snap_compare(sample_app(), terminal_size=(100, 30), run_before=figures, press=["tab", "j"])


def test_no_color(snap_compare, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(sample_app(), terminal_size=(100, 30), run_before=labelled(),
                        press=["right_square_bracket", "h", "right_square_bracket"])


def test_profile_at_80_by_24(snap_compare):
    assert snap_compare(sample_app(), terminal_size=(80, 24), run_before=labelled(), press=["P"])


def test_profile_at_160_by_40(snap_compare):
    assert snap_compare(sample_app(), terminal_size=(160, 40), run_before=labelled(), press=["P"])


def test_outline_of_flagged_sentences_at_80_by_24(snap_compare):
    assert snap_compare(sample_app(), terminal_size=(80, 24), run_before=labelled(),
                        press=["right_square_bracket", "h", "O"])


def test_correction_dialog_at_80_by_24(snap_compare):
    assert snap_compare(sample_app(), terminal_size=(80, 24), run_before=labelled(),
                        press=["right_square_bracket", "exclamation_mark"])
