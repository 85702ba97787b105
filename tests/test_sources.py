"""Loading articles from text files, HTML files, URLs and stdin, and every way that can fail."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from reader.control import clean, one_line
from reader.sources import Limits, SourceError, load

ARTICLE = (
    "Harbour Reopens After Storm\n"
    "\n"
    "The harbour at Port Ellis reopened on Monday, three days after the storm.\n"
    "\n"
    "“We are back in business,” said Ana Lobo, who runs the ferry. 🚢\tAll boats sail.\n"
)


def write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def test_utf8_text_file_is_loaded_exactly_as_written(tmp_path):
    path = write(tmp_path, "harbour.txt", ARTICLE)
    article = load(str(path))
    assert article.text == ARTICLE
    assert article.text == path.read_bytes().decode("utf-8")
    assert article.origin == str(path)


def test_a_utf8_file_is_read_without_loading_the_charset_detector(tmp_path):
    # In a fresh process: the app opens a file before it draws anything, and the detector took 10 ms to import.
    path = write(tmp_path, "quay.txt", "The café on the quay opens at 9.\n".encode())
    script = ("import sys; from reader.sources import load; text = load(sys.argv[1]).text; "
              "print(repr(text), 'charset_normalizer' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60)
    assert result.stdout == "'The café on the quay opens at 9.\\n' False\n"


def test_first_line_before_a_blank_line_is_the_title(tmp_path):
    article = load(str(write(tmp_path, "harbour.txt", ARTICLE)))
    assert article.title == "Harbour Reopens After Storm"


def test_no_title_when_the_first_line_runs_on(tmp_path):
    text = "The harbour reopened on Monday.\nBoats sailed again by noon.\n"
    assert load(str(write(tmp_path, "harbour.txt", text))).title is None


def test_an_archive_s_headline_before_its_semicolon_and_deck_line_is_the_title(tmp_path):
    # As newspaper archives give articles (141 of PolNeAR's 840 train texts): "Headline; ", the deck, a blank line.
    text = "Harbour reopens, but boats wait; \nStorm damage keeps the ferry in port.\n\nThe harbour reopened.\n"
    article = load(str(write(tmp_path, "harbour.txt", text)))
    assert article.title == "Harbour reopens, but boats wait"
    assert article.text == text


def test_a_first_line_ending_in_a_semicolon_that_runs_on_is_no_title(tmp_path):
    text = "The harbour reopened on Monday; \nboats sailed again by noon,\nand the ferry ran.\n\nIt rained.\n"
    assert load(str(write(tmp_path, "harbour.txt", text))).title is None


def test_markdown_heading_is_the_title_without_its_hashes(tmp_path):
    text = "# Harbour Reopens\n\nThe harbour reopened on Monday.\n"
    article = load(str(write(tmp_path, "harbour.md", text)))
    assert article.title == "Harbour Reopens"
    assert article.text == text


def test_sample_article_loads_with_its_headline(seed_path):
    article = load(str(seed_path))
    assert article.title == "Mexico Seeks Amnesty In Exchange For Border Aid"
    assert article.text == seed_path.read_text(encoding="utf-8")


def test_latin1_file_is_decoded(tmp_path):
    text = "Café Reopens\n\nThe café on the quay is très busy again, a naïve owner said.\n"
    article = load(str(write(tmp_path, "cafe.txt", text.encode("latin-1"))))
    assert article.text == text
    assert article.title == "Café Reopens"


def test_windows_1252_curly_quotes_are_decoded(tmp_path):
    text = "“We are back,” the owner said — twice.\n"
    assert load(str(write(tmp_path, "quay.txt", text.encode("cp1252")))).text == text


def test_utf16_file_with_byte_order_mark_is_decoded(tmp_path):
    assert load(str(write(tmp_path, "harbour.txt", ARTICLE.encode("utf-16")))).text == ARTICLE


def test_windows_line_ends_become_newlines(tmp_path):
    article = load(str(write(tmp_path, "harbour.txt", ARTICLE.replace("\n", "\r\n"))))
    assert article.text == ARTICLE


def test_terminal_escapes_and_control_characters_are_removed():
    dirty = (
        "Red \x1b[1;31malert\x1b[0m ends\x07.\n"
        "\x1b]2;new window title\x07Title bar kept.\n"
        "Link \x1b]8;;http://example.com\x1b\\here\x1b]8;;\x1b\\ done.\x1b[2J\x1bc\n"
        "Back\x08space, form\x0cfeed, null\x00 and DEL\x7f gone;\ttab kept.\n"
    )
    assert clean(dirty) == (
        "Red alert ends.\n"
        "Title bar kept.\n"
        "Link here done.\n"
        "Backspace, formfeed, null and DEL gone;\ttab kept.\n"
    )


def test_markup_like_text_stays_text(tmp_path):
    text = "Use [bold]this[/bold] and [red]that[/] as written.\n"
    assert load(str(write(tmp_path, "markup.txt", text))).text == text


def test_control_characters_are_removed_from_a_file(tmp_path):
    path = write(tmp_path, "dirty.txt", "Alert\x1b[31m now\x1b[0m\x07 please.\n")
    assert load(str(path)).text == "Alert now please.\n"


def test_html_file_gives_main_text_title_author_and_date(data_dir):
    article = load(str(data_dir / "council-bridge.html"))
    assert article.title == "Council Approves Footbridge Over the Maple River"
    assert article.author == "Dana Whitfield"
    assert article.date == "2024-03-05"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == article.title
    assert paragraphs[1].startswith("The Riverside town council voted on Tuesday")
    assert "“This bridge will connect two neighbourhoods" in paragraphs[2]
    assert len(paragraphs) == 6
    for marker in ("MENU-MARKER", "SCRIPT-MARKER", "STYLE-MARKER", "FOOTER-MARKER", "ASIDE-MARKER"):
        assert marker not in article.text


def test_html_title_leads_the_text_when_the_page_has_no_heading(tmp_path):
    page = (
        "<html><head><title>Quiet Night on the Quay</title></head><body><article>"
        "<p>Nothing happened on the quay last night, the harbour master said this morning.</p>"
        "</article></body></html>"
    )
    article = load(str(write(tmp_path, "quay.html", page)))
    assert article.title == "Quiet Night on the Quay"
    assert article.text == (
        "Quiet Night on the Quay\n\n"
        "Nothing happened on the quay last night, the harbour master said this morning."
    )


def test_page_without_article_text_is_refused(data_dir):
    with pytest.raises(SourceError, match="no article text"):
        load(str(data_dir / "menu-only.html"))


def test_stdin_is_read_as_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    article = load("-")
    assert article.text == ARTICLE
    assert article.origin == "-"


def test_html_piped_to_stdin_is_read_as_a_page(monkeypatch, data_dir):
    page = (data_dir / "council-bridge.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page)))
    article = load("-")
    assert article.title == "Council Approves Footbridge Over the Maple River"
    assert "MENU-MARKER" not in article.text


def test_url_is_fetched_with_reader_user_agent(web_server, data_dir):
    url = web_server.serve("/news/bridge", (data_dir / "council-bridge.html").read_bytes())
    article = load(url)
    assert article.origin == url
    assert article.title == "Council Approves Footbridge Over the Maple River"
    assert "FOOTER-MARKER" not in article.text
    assert web_server.user_agents[-1].startswith("reader/")


def test_plain_text_url_is_read_as_text(web_server):
    url = web_server.serve("/harbour.txt", ARTICLE, content_type="text/plain; charset=utf-8")
    article = load(url)
    assert article.text == ARTICLE
    assert article.title == "Harbour Reopens After Storm"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\n\t \n", "is empty"),
        ("escapes-only.txt", b"\x1b[2J\x1b[H\x07\n", "is empty"),
        ("rule.txt", "* * *\n\n…\n".encode(), "has no words"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("empty.html", b"", "is empty"),
        ("comment.html", b"<!-- nothing here -->", "no article text"),
        ("escapes.html", b"\x1b[2J\x1b]0;title\x07", "no article text"),
    ],
)
def test_unreadable_files_are_refused(tmp_path, name, content, message):
    with pytest.raises(SourceError, match=message):
        load(str(write(tmp_path, name, content)))


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        load(str(tmp_path / "nowhere.txt"))


def test_directory_is_refused(tmp_path):
    with pytest.raises(SourceError, match="is a directory"):
        load(str(tmp_path))


def test_unreachable_url_is_refused(closed_port):
    with pytest.raises(SourceError, match="cannot reach"):
        load(f"http://127.0.0.1:{closed_port}/article")


def test_http_error_status_is_refused(web_server):
    with pytest.raises(SourceError, match="HTTP 404"):
        load(web_server.base_url + "/missing")


def test_url_that_is_not_a_page_is_refused(web_server):
    url = web_server.serve("/photo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    with pytest.raises(SourceError, match="image/png"):
        load(url)


def test_unsupported_url_scheme_is_refused():
    with pytest.raises(SourceError, match="only http"):
        load("ftp://example.com/article.txt")


def test_every_error_message_is_one_line(tmp_path, closed_port):
    sources = [str(tmp_path / "nowhere.txt"), str(tmp_path), f"http://127.0.0.1:{closed_port}/"]
    for source in sources:
        with pytest.raises(SourceError) as raised:
            load(source)
        assert "\n" not in str(raised.value)


def test_utf32_file_with_byte_order_mark_is_decoded(tmp_path):
    assert load(str(write(tmp_path, "harbour.txt", ARTICLE.encode("utf-32")))).text == ARTICLE


def test_plain_text_url_with_a_lying_charset_is_read_as_what_it_is(web_server):
    url = web_server.serve("/harbour.txt", ARTICLE, content_type="text/plain; charset=utf-16")
    assert load(url).text == ARTICLE


def test_plain_text_url_in_utf16_as_declared_is_decoded(web_server):
    url = web_server.serve("/harbour.txt", ARTICLE.encode("utf-16-le"), content_type="text/plain; charset=utf-16le")
    assert load(url).text == ARTICLE


def test_windows_1252_page_labelled_latin1_keeps_its_curly_quotes(web_server):
    page = (
        "<html><body><article><p>“We are back,” the owner of the café said on Monday, as the boats sailed again.</p>"
        "</article></body></html>"
    )
    url = web_server.serve("/quay", page.encode("cp1252"), content_type="text/html; charset=iso-8859-1")
    assert "“We are back,” the owner of the café said" in load(url).text


def test_a_text_file_up_to_the_size_limit_loads_and_one_byte_more_is_refused(tmp_path):
    path = write(tmp_path, "harbour.txt", ARTICLE)
    size = len(ARTICLE.encode("utf-8"))
    assert load(str(path), Limits(max_size=size)).text == ARTICLE
    with pytest.raises(SourceError, match=r"harbour.txt is over \d+ bytes of text.*--max-size"):
        load(str(path), Limits(max_size=size - 1))


def test_a_page_may_be_larger_than_the_limit_but_not_its_article(tmp_path, data_dir):
    page = (data_dir / "council-bridge.html").read_bytes()
    article = load(str(data_dir / "council-bridge.html"))
    text_size = len(article.text.encode("utf-8"))
    assert len(page) > text_size
    assert load(str(data_dir / "council-bridge.html"), Limits(max_size=text_size)).text == article.text
    with pytest.raises(SourceError, match="the article in .*council-bridge.html is over"):
        load(str(data_dir / "council-bridge.html"), Limits(max_size=text_size - 1))


def test_stdin_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8") * 100)))
    with pytest.raises(SourceError, match="standard input is over 1 kB of text"):
        load("-", Limits(max_size=1000))


def test_one_line_takes_out_escapes_and_line_breaks_and_shows_undecodable_bytes():
    assert one_line("HTTP 404 Not\x1b]2;owned\x07 Found\r\nfrom caf\udce9.txt\x00\x1b[2J") == (
        "HTTP 404 Not Found from caf\\xe9.txt"
    )
