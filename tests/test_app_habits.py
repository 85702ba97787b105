"""Reading habits through the app: the outline of flagged sentences, corrections, highlight colours, library search."""

from __future__ import annotations

from helpers import (
    TEXT,
    TITLE,
    analyzed,
    app_detail,
    harbour_analysis,
    harbour_app,
    notifications,
    screen_lines,
    select,
    until,
)
from textual.widgets import Input, OptionList, Static, Tab, Tabs
from textual.widgets._footer import FooterKey

from reader.model import Article
from reader.notes import NoteStore
from reader.tui.screens.correction_dialog import CorrectionDialog
from reader.tui.screens.outline import OutlineScreen
from reader.tui.screens.profile import ProfileScreen
from reader.tui.screens.why import WhyScreen
from reader.tui.widgets.footer import WholeKeysFooter
from reader.tui.widgets.search_bar import SearchBar
from reader.tui.widgets.side_pane import SidePane
from reader.tui.widgets.side_pane.notes import NotesPane
from reader.tui.widgets.side_pane.sources import SourcesPane


def saved() -> NoteStore:
    """The store as another process would read it from disk, with the hand-made sentences attached."""
    article = Article(TEXT, TITLE, "harbour.txt")
    return NoteStore.open(article, harbour_analysis(article).sentences)


async def test_the_outline_lists_opinions_quotes_and_highlights_in_order_and_enter_goes_to_one():
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
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


async def test_a_correction_relabels_the_sentence_is_saved_and_why_says_what_it_was():
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await select(pilot, 5)  # "Officials said the works start in May." reported
        await pilot.press("exclamation_mark")
        await until(pilot, lambda: isinstance(app.screen, CorrectionDialog), "the correction dialog never opened")
        await pilot.press("down", "enter")  # reported → quote → opinion? one down is quote
        await until(pilot, lambda: not isinstance(app.screen, CorrectionDialog))
        assert view.sentences is not None and view.sentences[5].label == "quote"
        assert 5 in view.corrected
        assert "yours (was reported)" in app_detail(app)
        assert "†" in "".join(screen_lines(view))
        await pilot.press("w")
        await until(pilot, lambda: isinstance(app.screen, WhyScreen))
        why = str(app.screen.query_one("#why-text", Static).render())
        assert "You corrected this: was reported; you say quote." in why
        assert "↳" not in why
    store = saved()
    [correction] = store.corrections
    assert (correction.label, correction.was_label, correction.number, correction.speaker) == ("quote", "reported", 6,
                                                                                             None)
    assert correction.was_speaker == "Officials"


async def test_a_typed_speaker_is_kept_and_choosing_the_analysis_answer_again_takes_the_correction_back():
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        view = await analyzed(pilot)
        await select(pilot, 2)
        await pilot.press("exclamation_mark")
        await until(pilot, lambda: isinstance(app.screen, CorrectionDialog))
        speaker = app.screen.query_one(Input)
        assert speaker.value == "Ana Ruiz"
        speaker.value = "Deputy Mayor Tom Lee"
        await pilot.press("tab", "enter")
        await until(pilot, lambda: not isinstance(app.screen, CorrectionDialog))
        assert "said by Deputy Mayor Tom Lee (yours)" in app_detail(app)
        assert saved().corrections[0].speaker == "Deputy Mayor Tom Lee"
        await pilot.press("exclamation_mark")
        await until(pilot, lambda: isinstance(app.screen, CorrectionDialog))
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, CorrectionDialog))
        assert view.corrected == frozenset()
        await until(pilot, lambda: "taken back" in " ".join(notifications(app)), "no notification said so")
    assert saved().corrections == []



async def test_a_corrected_speaker_is_counted_for_the_one_the_reader_named_in_sources_and_the_profile():
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await analyzed(pilot)
        await select(pilot, 2)  # “We will rebuild the pier by spring,” said Mayor Ana Ruiz.
        await pilot.press("exclamation_mark")
        await until(pilot, lambda: isinstance(app.screen, CorrectionDialog))
        app.screen.query_one(Input).value = "Tom Lee"
        await pilot.press("tab", "enter")
        await until(pilot, lambda: not isinstance(app.screen, CorrectionDialog))
        pane = app.query_one(SourcesPane)
        prompts = [str(pane.get_option_at_index(index).prompt) for index in range(pane.option_count)]
        assert any("Tom Lee" in prompt and "quoted 1" in prompt for prompt in prompts)
        assert not any("Ana Ruiz" in prompt for prompt in prompts)  # she has no other quote or claim
        assert any("council" in prompt and "cited 1" in prompt for prompt in prompts)
        await pilot.press("P")
        await until(pilot, lambda: isinstance(app.screen, ProfileScreen))
        profile = str(app.screen.query_one("#profile-text", Static).render())
        assert "Tom Lee" in profile and "quoted 1 (100 % of quoted words)" in profile and "Ana Ruiz" not in profile

async def test_a_narrow_footer_shows_fewer_keys_but_never_cuts_one():
    app = harbour_app()
    async with app.run_test(size=(40, 15)) as pilot:
        await analyzed(pilot)
        for width in (40, 60, 100):
            await pilot.resize_terminal(width, 15)
            await pilot.pause(0.1)
            await pilot.pause()
            footer = app.screen.query_one(WholeKeysFooter)
            palette = footer.query_one(".-command-palette").region
            shown = [key for key in footer.query(FooterKey) if key.display and key is not footer.query_one(
                ".-command-palette")]
            assert shown and all(key.region.right <= palette.x for key in shown), width
            descriptions = [key.description for key in shown if key.description]
            assert descriptions[0] == "Help"
            if width == 100:
                assert {"Highlight", "Export"} <= set(descriptions)


async def test_the_footer_chooses_its_keys_before_they_are_laid_out_so_no_frame_shows_one_cut(monkeypatch):
    chosen: list[list[bool]] = []
    recompose = WholeKeysFooter.recompose

    async def recompose_and_note(footer: WholeKeysFooter) -> None:
        before = list(footer.children)
        await recompose(footer)
        if list(footer.children) != before:  # built anew
            chosen.append([child.display for child in footer.children])  # before any layout of the new keys

    monkeypatch.setattr(WholeKeysFooter, "recompose", recompose_and_note)
    app = harbour_app()
    async with app.run_test(size=(40, 15)) as pilot:
        await analyzed(pilot)
        await until(pilot, lambda: app.screen.query(SearchBar), "the search bar never came")
        footer = app.screen.query_one(WholeKeysFooter)
        for width in range(40, 101, 4):
            await pilot.resize_terminal(width, 15)
            await pilot.pause()
            chosen.clear()
            # The keys change, the search bar's or the article's: the footer is composed anew.
            await pilot.press("escape" if app.screen.query_one(SearchBar).display else "slash")
            await until(pilot, lambda: chosen, "the footer was not composed again")
            await pilot.pause()
            assert [child.display for child in footer.children] == chosen[-1]
            palette = footer.query_one(".-command-palette").region
            keys = [child for child in footer.children if not child.has_class("-command-palette")]
            shown = [key for key in keys if key.display]
            assert shown == keys[: len(shown)] and all(key.region.right <= palette.x for key in shown), width
            if len(shown) < len(keys):  # the first key left out would have been cut
                for key in keys:
                    key.display = True
                await pilot.pause()
                assert keys[len(shown)].region.right > palette.x, width


async def test_the_footer_is_built_again_only_when_the_keys_it_shows_change():
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await analyzed(pilot)
        footer = app.screen.query_one(WholeKeysFooter)
        # Settled: the labels are in, so the footer has been built again with `a` for a note usable.
        await until(pilot, lambda: any(key.description == "Note" and not key.disabled
                                       for key in footer.query(FooterKey)), "the footer never offered a note")
        await pilot.pause()
        keys = list(footer.children)
        for press in ("j", "j", "k", "right_square_bracket"):  # the same keys before and after each
            await pilot.press(press)
            await pilot.pause()
        app.screen.refresh_bindings()
        await pilot.pause()
        assert list(footer.children) == keys
        await pilot.press("slash")  # the search bar's keys
        await until(pilot, lambda: list(footer.children) != keys, "the footer kept the article's keys")
        assert "Close search" in [key.description for key in footer.query(FooterKey)]
        await pilot.press("escape")
        await until(pilot, lambda: "Highlight" in [key.description for key in footer.query(FooterKey)])


async def test_the_narrowest_side_pane_shows_every_tab_title_whole_and_notifications_leave_the_tabs_alone():
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await analyzed(pilot)
        await pilot.press(*["minus"] * 8)
        await pilot.pause()
        pane = app.screen.query_one(SidePane)
        tabs = list(pane.query(Tab))
        assert [str(tab.label) for tab in tabs][-1] == "Notes"
        assert all(tab.region.right <= pane.region.right for tab in tabs)
        await pilot.press("right_curly_bracket")
        await until(pilot, lambda: bool(app.screen.query("Toast")), "no notification came")
        bar = pane.query_one(Tabs).region
        assert all(not toast.region.overlaps(bar) for toast in app.screen.query("Toast"))


def gutter_mark_colour(view, sentence: int) -> str | None:
    """The colour of the highlight mark in the gutter of `sentence`'s first line, as a hex colour."""
    first = view.sentences[sentence].start
    row = next(y for y in range(view.size.height) if view._lines[view.scroll_offset.y + y].start <= first
               < view._lines[view.scroll_offset.y + y].end)
    mark = next(segment for segment in view.render_line(row) if segment.text == "●")
    return mark.style.color.triplet.hex.upper() if mark.style.color and mark.style.color.triplet else None


async def test_c_gives_the_highlight_its_next_colour_kept_in_the_notes_shown_in_the_gutter_and_exported(tmp_path):
    app = harbour_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        view = await analyzed(pilot)
        await select(pilot, 1)
        await pilot.press("c")  # not highlighted yet: highlighted, in the first colour
        await until(pilot, lambda: view.highlights == {1}, "c did not highlight the sentence")
        yellow = gutter_mark_colour(view, 1)
        assert yellow == app.theme_variables["reader-highlight-mark"]
        await pilot.press("c")
        await until(pilot, lambda: view.highlight_colours == {1: "blue"}, "c did not make the highlight blue")
        assert gutter_mark_colour(view, 1) == app.theme_variables["reader-highlight-mark-blue"] != yellow
        assert any("blue (next: green)" in message for message in notifications(app))
        pane = app.screen.query_one(NotesPane)
        assert "blue" in str(pane.get_option_at_index(0).prompt)
        await pilot.press("c", "c", "c")  # green, pink, and round to yellow
        await until(pilot, lambda: view.highlight_colours == {}, "c did not come round to yellow")
        await pilot.press("c")
    assert [highlight.colour for highlight in saved().highlights] == ["blue"]
    # Opened again, the highlight has its colour, and an export carries it as a tag.
    app = harbour_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await until(pilot, lambda: view.highlight_colours == {1: "blue"}, "the colour was not kept")
        await pilot.press("e")
        app.screen.query_one(Input).value = str(tmp_path / "notes.md")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: (tmp_path / "notes.md").exists(), "notes.md was not written")
    assert "#reader/blue" in (tmp_path / "notes.md").read_text(encoding="utf-8")
