"""Links of an HTML page are kept with the article: the current sentence's open in the browser; a sentence is
copied through the terminal."""

from __future__ import annotations

import hashlib
import json
import webbrowser

import pytest
from helpers import analyzed, app_detail, select, sentence_analysis

from reader.model import Article, Link
from reader.notes import library
from reader.sources import load
from reader.tui.app import ReaderApp
from reader.tui.screens.links import LinksScreen

PAGE = """<html><head><title>Harbour vote</title></head><body><nav><a href="/">Home</a></nav><article>
<h1>Harbour vote</h1>
<p>The council <a href="https://example.org/minutes">approved the plan</a> on Monday after a long debate.</p>
<p>Critics said the <a href="/budget">budget</a> was rushed, as the <a href="https://news.example/report">report</a>
shows. The works start in May, the mayor's office said in a statement.</p>
<p>A <a href="javascript:alert(1)">script</a> is no link to follow, and neither is a bare name here.</p>
</article></body></html>"""


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs the app asked the browser to open."""
    urls: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *args, **kwargs: urls.append(url) or True)
    return urls


@pytest.fixture
def page_article(tmp_path) -> Article:
    path = tmp_path / "vote.html"
    path.write_text(PAGE, encoding="utf-8")
    return load(str(path))


def test_a_page_keeps_the_links_of_its_text_with_their_words(page_article):
    links = [(page_article.text[link.start : link.end], link.url) for link in page_article.links]
    # A relative link has no page to be relative to in a file, a script is no link, the menu is not the text.
    assert links == [("approved the plan", "https://example.org/minutes"), ("report", "https://news.example/report")]


def test_a_fetched_page_resolves_its_relative_links(web_server):
    url = web_server.serve("/news/vote.html", PAGE)
    article = load(url)
    assert [link.url for link in article.links] == [
        "https://example.org/minutes", f"{web_server.base_url}/budget", "https://news.example/report"]


async def test_o_opens_the_link_of_the_current_sentence_in_the_browser(page_article, opened):
    app = ReaderApp(page_article, analyzer=sentence_analysis)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        view = await analyzed(pilot)
        await select(pilot, next(s.id for s in view.sentences.sentences if "approved the plan" in s.text))
        assert "1 link (o opens)" in app_detail(app)
        await pilot.press("o")
        assert opened == ["https://example.org/minutes"]
        view.select(next(s.id for s in view.sentences.sentences if "works start in May" in s.text))
        await pilot.press("o")
        assert opened == ["https://example.org/minutes"]


async def test_a_sentence_with_several_links_asks_which_to_open(opened):
    text = "See the minutes and the report for the vote. Nothing else.\n"
    links = (text.index("minutes"), text.index("minutes") + 7, "https://example.org/minutes"), (
        text.index("report"), text.index("report") + 6, "https://example.org/report")
    article = Article(text, "Two links", "two.html", from_page=True, links=tuple(Link(*link) for link in links))
    app = ReaderApp(article, analyzer=sentence_analysis)
    async with app.run_test(size=(100, 30)) as pilot:
        await analyzed(pilot)
        await pilot.press("o")
        assert isinstance(app.screen, LinksScreen)
        await pilot.press("down", "enter")
        assert opened == ["https://example.org/report"]
        assert not isinstance(app.screen, LinksScreen)


async def test_y_copies_the_current_sentence(page_article):
    app = ReaderApp(page_article, analyzer=sentence_analysis)
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("j", "y")
        assert app.clipboard == view.cursor_sentence.text


async def test_the_notes_keep_the_links_so_the_library_opens_the_article_with_them(page_article, opened):
    app = ReaderApp(page_article, analyzer=sentence_analysis)
    async with app.run_test(size=(100, 30)) as pilot:
        await analyzed(pilot)
        await pilot.press("j", "h", "q")
    kept = library.entries()[0].article.article()
    assert kept is not None and kept.links == page_article.links


def write_notes_file(notes_dir, text: str, links: list, title: str = "Harbour Vote") -> None:
    """A notes file of `text` as a hand or another tool may write it, with no highlights."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    (notes_dir / "notes").mkdir(parents=True)
    (notes_dir / "notes" / f"{sha}.json").write_text(json.dumps({
        "schema": "reader.notes/2",
        "article": {"sha256": sha, "origin": "https://news.example/vote", "title": title, "from_page": True,
                    "links": links, "text": text, "opened": "2026-03-01T09:00:00Z"},
        "highlights": [], "removed": {},
    }), encoding="utf-8")


async def test_the_text_of_a_tampered_notes_file_is_cleaned_as_a_source_s_is(notes_dir):
    text = "Harbour Vote\n\nThe council \x1b]2;owned\x07approved the plan\x1b[2J on Monday. See the minutes.\n"
    minutes = text.index("minutes"), text.index("minutes") + len("minutes")
    write_notes_file(notes_dir, text, [[*minutes, "https://example.org/minutes"]], title="Harbour \x1b[31mVote")
    kept = library.entries()[0].article.article()
    assert kept is not None and kept.title == "Harbour Vote"
    assert kept.text == "Harbour Vote\n\nThe council approved the plan on Monday. See the minutes.\n"
    # Its offsets were the text's as written, not as cleaned.
    assert kept.links == ()
    app = ReaderApp(kept, analyzer=sentence_analysis)
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("y")
        assert app.clipboard == view.cursor_sentence.text == "Harbour Vote\n\nThe council approved the plan on Monday."


async def test_only_web_links_of_a_notes_file_reach_the_browser(notes_dir, opened):
    text = "Harbour Vote\n\nThe council approved the plan on Monday. See the minutes.\n"
    words = text.index("approved the plan"), text.index("approved the plan") + len("approved the plan")
    minutes = text.index("minutes"), text.index("minutes") + len("minutes")
    write_notes_file(notes_dir, text, [[*words, "javascript:alert(1)"], [*words, "file:///etc/passwd"],
                                       [*minutes, "-remote-debugging-port=9222"],
                                       [*minutes, "https://example.org/minutes"]])
    kept = library.entries()[0].article.article()
    assert kept is not None and [link.url for link in kept.links] == ["https://example.org/minutes"]
    app = ReaderApp(kept, analyzer=sentence_analysis)
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        await pilot.press("o")
        assert "approved the plan" in view.cursor_sentence.text and opened == []
        view.select(next(s.id for s in view.sentences.sentences if "minutes" in s.text))
        await pilot.press("o")
        assert opened == ["https://example.org/minutes"]


SHORT_WORDS = """<html><head><title>Harbour plan</title></head><body><article><h1>Harbour plan</h1>
<p>The council approved <a href="https://example.org/plan">the harbour plan</a> on Monday after a debate that ran
late into the evening in the town hall.</p>
<p>Critics said <a href="https://example.org/cost">the</a> cost was too high <a href="https://example.org/and">and</a>
the schedule unrealistic, according to <a href="https://example.org/report">a report</a> of the finance office.</p>
</article></body></html>"""


def underlined(view, text: str) -> list[bool]:
    """Whether each piece of the article pane drawn as exactly `text` is underlined."""
    return [bool(segment.style.underline) for y in range(view.size.height) for segment in view.render_line(y)
            if segment.text == text]


async def test_the_words_of_a_link_are_underlined_where_the_page_put_them_short_ones_too(tmp_path):
    path = tmp_path / "plan.html"
    path.write_text(SHORT_WORDS, encoding="utf-8")
    article = load(str(path))
    # "the" and "and" are found after the words before them, not at their first occurrence ("the evening").
    assert [(article.text[link.start - 9 : link.start], article.text[link.start : link.end])
            for link in article.links] == [("approved ", "the harbour plan"), ("ics said ", "the"),
                                           ("too high ", "and"), ("rding to ", "a report")]
    app = ReaderApp(article, analyzer=sentence_analysis)
    async with app.run_test(size=(100, 30)) as pilot:
        view = await analyzed(pilot)
        assert underlined(view, "the harbour plan") == [True]
        assert underlined(view, "the") == [True]
        assert underlined(view, "and") == [True]
        assert underlined(view, "a report") == [True]
        # The words around them are not links.
        assert not any(underlined(view, " on Monday after a debate that ran late into the evening in the town hall."))
        await select(pilot, next(s.id for s in view.sentences.sentences if s.text.startswith("Critics")))
        assert "3 links (o opens)" in app_detail(pilot.app)
