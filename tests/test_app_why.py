"""The "why this label" view: every cue with its push, the attribution and the confidence, where the detail
line has to cut them short."""

from __future__ import annotations

from dataclasses import replace

from helpers import analyzed, app_detail, harbour_analysis, harbour_app, select, span

from reader.model import Cue
from reader.tui.screens.why import WhyScreen

CUES = [
    ("evaluative", "reckless", 1.42),
    ("intensifier", "gamble", 0.61),
    ("sentiment", "reckless gamble", 0.38),
    ("unattributed", "is", 0.25),
    ("figure", "public money", -0.2),
    ("past", "This", -0.05),
]


def many_cues(article, progress=None):
    """The harbour analysis, its opinion sentence with more cues than a line holds."""
    found = harbour_analysis(article, progress)
    sentences = list(found.sentences)
    cues = tuple(Cue(kind, text, *span(text.split()[0], 4), push=push) for kind, text, push in CUES)
    sentences[4] = replace(sentences[4], cues=cues, confidence=0.86,
                           scores={"quote": 0.0, "reported": 0.14, "opinion": 0.86})
    return replace(found, sentences=tuple(sentences))


async def test_the_detail_line_cuts_a_long_cue_list_and_names_the_key_that_shows_them_all():
    async with harbour_app(analyzer=many_cues).run_test(size=(80, 24)) as pilot:
        await analyzed(pilot)
        await select(pilot, 4)
        first_line = app_detail(pilot.app).splitlines()[0]
        assert "…" in first_line and first_line.rstrip().endswith("w: why")
        assert "past" not in first_line


async def test_w_shows_every_cue_with_its_push_the_scores_and_the_confidence():
    async with harbour_app(analyzer=many_cues).run_test(size=(80, 24)) as pilot:
        view = await analyzed(pilot)
        view.select(4)
        await pilot.press("w")
        assert isinstance(pilot.app.screen, WhyScreen)
        text = str(pilot.app.screen.query_one("#why-text").render())
        assert "◆ opinion  confidence 0.86" in text
        assert "opinion 0.86" in text and "reported 0.14" in text
        for kind, cue, push in CUES:
            line = next(line for line in text.splitlines() if kind in line and f"‘{cue}’" in line)
            assert f"{push:+.2f}".replace("-", "−") in line
        # The strongest push first.
        order = [next(index for index, line in enumerate(text.splitlines()) if f"‘{cue}’" in line)
                 for _, cue, _ in CUES]
        assert order == sorted(order)
        assert "the author's own words" in text
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, WhyScreen)


async def test_why_names_who_a_quote_or_an_attributed_claim_belongs_to():
    async with harbour_app().run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        view.select(3)
        await pilot.press("w")
        text = str(pilot.app.screen.query_one("#why-text").render())
        assert "attributed to council (‘according to’)" in text
        await pilot.press("escape")
        view.select(2)
        await pilot.press("w")
        text = str(pilot.app.screen.query_one("#why-text").render())
        assert "said by Ana Ruiz (‘said’)" in text
