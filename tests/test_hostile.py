"""Hostile input: every source that once hung, flooded, crashed or fooled reader gets one line and a status.

Sources reader must refuse run as a real process with a time limit and a memory limit, so that a
hang or a flood fails the test instead of the machine; sources reader must read run in this process.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import socket
import socketserver
import subprocess
import sys
import threading
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.cli import main

HOSTILE = Path(__file__).parent / "data" / "hostile"
# Far above what reader needs to refuse a source (about 100 MB), far below what a flood takes.
MEMORY_LIMIT = 1 << 30
# Only a hang gets near it: every refusal here takes well under a second or two.
TIME_LIMIT = 60
CONTROL_CHARACTERS = [chr(code) for code in (*range(0x20), 0x7F)]


# A server that answers as badly as a test asks.


class HostileServer:
    """A server on 127.0.0.1 that sends, for each path, the exact bytes a test gives it, or drips them."""

    def __init__(self) -> None:
        self.replies: dict[str, Callable[[socket.socket], None]] = {}
        self.stopping = threading.Event()
        server = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                request = b""
                while b"\r\n\r\n" not in request and len(request) < 65536:
                    chunk = self.request.recv(4096)
                    if not chunk:
                        return
                    request += chunk
                path = request.split(b" ", 2)[1].decode("latin-1")
                try:
                    server.replies[path](self.request)
                except OSError:
                    pass  # reader hung up, as it should on a drip

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def reply(self, path: str, body: bytes, headers: list[str] = (), status: bytes = b"200 OK") -> str:
        """Answer `path` with this status line, these header lines (sent as given) and body; returns its URL."""
        head = b"HTTP/1.1 " + status + b"\r\n" + b"".join(line.encode("latin-1") + b"\r\n" for line in headers)
        self.replies[path] = lambda connection: connection.sendall(head + b"Connection: close\r\n\r\n" + body)
        return self.base_url + path

    def raw(self, path: str, data: bytes) -> str:
        """Answer `path` with `data` and nothing else, not even a status line; returns its URL."""
        self.replies[path] = lambda connection: connection.sendall(data)
        return self.base_url + path

    def drip(self, path: str, every: float) -> str:
        """Answer `path` with a page that never ends: one byte every `every` seconds; returns its URL."""

        def send(connection: socket.socket) -> None:
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nThe")
            while not self.stopping.wait(every):
                connection.sendall(b".")

        self.replies[path] = send
        return self.base_url + path


@pytest.fixture
def hostile_server() -> Iterator[HostileServer]:
    server = HostileServer()
    thread = threading.Thread(target=server.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.stopping.set()
    server.server.shutdown()
    server.server.server_close()
    thread.join()


# Refusals, through a real process.


def run_bounded(
    *arguments: str, stdin=subprocess.DEVNULL, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`reader ARGUMENTS` as a process that may use at most MEMORY_LIMIT and TIME_LIMIT."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    completed = subprocess.run(
        [sys.executable, "-m", "reader", *arguments],
        stdin=stdin,
        capture_output=True,
        timeout=TIME_LIMIT,
        preexec_fn=limit_memory,
        env={**os.environ, **(env or {})},
    )
    return subprocess.CompletedProcess(
        completed.args, completed.returncode, completed.stdout.decode("utf-8"), completed.stderr.decode("utf-8")
    )


def assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit status 2, nothing on stdout, and one clean line on stderr holding `words`."""
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("reader: "), result.stderr
    line = result.stderr.rstrip("\n")
    assert not any(character in line for character in CONTROL_CHARACTERS), repr(line)
    for word in words:
        assert word in line, line


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "story.txt"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", ["analyze", "classify"])
def test_a_fifo_with_no_writer_is_refused_at_once(fifo, command):
    assert_refused(run_bounded(command, str(fifo)), str(fifo), "named pipe", "| reader -")


def test_opening_a_fifo_in_the_app_is_refused_before_it_starts(fifo):
    assert_refused(run_bounded(str(fifo)), "named pipe")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_without_reading_it(device):
    assert_refused(run_bounded("analyze", device), device, "not a regular file")


def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "story.txt"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        listening.listen()
        assert_refused(run_bounded("analyze", str(path)), "socket")


def test_a_directory_is_refused(tmp_path):
    assert_refused(run_bounded("analyze", str(tmp_path)), "directory")


def test_endless_standard_input_stops_at_the_size_limit():
    with open("/dev/zero", "rb") as zeros:
        refused = run_bounded("analyze", "-", "--max-size", "50k", stdin=zeros)
    assert_refused(refused, "standard input", "50 kB", "--max-size")


def test_a_text_over_the_size_limit_is_refused_naming_the_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("The council met again on Monday. " * 4000)
    assert_refused(run_bounded("analyze", str(path), "--max-size", "100k"), "long.txt", "100 kB", "--max-size")


def test_a_page_over_ten_times_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "long.html"
    path.write_text("<html><body>" + "<div><a href='/'>menu</a></div>" * 40000 + "</body></html>")
    assert_refused(run_bounded("analyze", str(path), "--max-size", "100k"), "long.html", "1 MB", "--max-size")


def test_a_url_that_is_no_address_is_one_line():
    assert_refused(run_bounded("analyze", "http://[::1/"), "http://[::1/", "Invalid IPv6 URL")


def test_a_server_that_drips_a_byte_at_a_time_is_given_up_on_at_the_deadline(hostile_server):
    url = hostile_server.drip("/slow", every=0.1)
    assert_refused(run_bounded("analyze", url, "--timeout", "1"), url, "within 1 s", "--timeout")


def test_escape_codes_in_a_reason_phrase_never_reach_the_terminal(hostile_server):
    url = hostile_server.reply("/gone", b"", status=b"404 Not\x1b]2;owned\x07 Found\x1b[2J\x00")
    assert_refused(run_bounded("analyze", url), "HTTP 404", "Not", "Found")


def test_escape_codes_in_a_content_type_never_reach_the_terminal(hostile_server):
    url = hostile_server.reply("/photo", b"\x89PNG\r\n", ["Content-Type: image/png\x1b]0;owned\x07"])
    assert_refused(run_bounded("analyze", url), "image/png")


def test_a_server_that_answers_in_http_0_9_is_one_short_line(hostile_server):
    url = hostile_server.raw("/old", b"The harbour reopened on Monday. " * 2000 + b"\nIt rained.\n")
    result = run_bounded("analyze", url)
    assert_refused(result, url, "does not answer in HTTP")
    assert len(result.stderr) < 200


def test_a_reason_phrase_a_page_long_is_cut_short(hostile_server):
    url = hostile_server.reply("/gone", b"", status=b"404 " + b"Not Found " * 6000)
    result = run_bounded("analyze", url)
    assert_refused(result, "HTTP 404 Not Found", url)
    assert len(result.stderr) < 200


def test_a_redirect_to_ftp_is_not_followed(hostile_server):
    url = hostile_server.reply("/moved", b"", ["Location: ftp://127.0.0.1/story.txt"], status=b"302 Found")
    assert_refused(run_bounded("analyze", url), url, "redirects to ftp://127.0.0.1/story.txt", "only http://")


def test_a_gzip_bomb_stops_at_the_size_limit(hostile_server):
    # 200 members of 10 MB of zeros: 2 GB inflated, twice the process's whole memory.
    member = gzip.compress(b"\0" * 10**7)
    url = hostile_server.reply("/bomb", member * 200, ["Content-Type: text/html", "Content-Encoding: gzip"])
    assert_refused(run_bounded("analyze", url, "--max-size", "100k"), url, "1 MB", "--max-size")


def test_a_compression_reader_cannot_read_is_one_line(hostile_server):
    url = hostile_server.reply("/br", b"\x1b\x00\x00", ["Content-Type: text/html", "Content-Encoding: br"])
    assert_refused(run_bounded("analyze", url), "compressed as br")


def test_a_file_name_with_escape_codes_and_a_newline_prints_as_one_clean_line(tmp_path):
    path = tmp_path / "story\x1b[2J\nname.txt"
    path.write_bytes(b"")
    assert_refused(run_bounded("analyze", str(path)), "story\\x1b[2J\\x0aname.txt", "empty")


def test_a_file_name_that_is_not_utf8_is_refused_in_utf8(tmp_path):
    path = os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt")
    assert_refused(run_bounded("analyze", path), "caf\\xe9.txt", "no such file")


def test_exporting_an_article_whose_file_name_is_not_utf8_is_one_line(tmp_path):
    path = os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt")
    Path(path).write_text("The café on the quay reopened on Monday, its owner said.\n")
    result = run_bounded("export", path, env={"READER_DATA_DIR": str(tmp_path / "notes")})
    assert_refused(result, "caf\\xe9.txt", "nothing saved")


# Text made to be slow, through a real process: what once took minutes finishes within its time budget.


@pytest.mark.slow
@pytest.mark.parametrize("name", ["apostrophes.txt", "parentheses.txt"])
def test_thirty_kilobytes_of_one_mark_are_analyzed(name):
    # The rules alone: the learned model adds the same time per sentence to any text.
    result = run_bounded("analyze", str(HOSTILE / name), "--model", "rules", "--format", "jsonl")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout)["sentences"]


# Output that can't be written, through a real process.


@pytest.mark.parametrize("command", [["analyze"], ["classify"]])
def test_a_full_disk_on_stdout_is_one_line(seed_path, command):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "reader", *command, str(seed_path)],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=TIME_LIMIT,
        )
    assert result.returncode == 2
    assert result.stderr == "reader: cannot write standard output: No space left on device\n"


@pytest.mark.parametrize("output_format", ["json", "table"])
def test_a_full_disk_under_the_list_of_notes_is_one_line(output_format):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "reader", "notes", "--format", output_format],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=TIME_LIMIT,
        )
    assert result.returncode == 2
    assert result.stderr == "reader: cannot write standard output: No space left on device\n"


def test_a_markdown_report_on_an_ascii_terminal_escapes_what_it_cannot_show(tmp_path):
    path = tmp_path / "cafe.txt"
    path.write_text("Café Reopens\n\nThe café reopened on Monday, “at last”, its owner said.\n")
    result = subprocess.run(
        [sys.executable, "-m", "reader", "analyze", str(path), "--format", "markdown"],
        capture_output=True, timeout=TIME_LIMIT, env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert result.stdout.isascii()
    assert b"# Caf\\xe9 Reopens" in result.stdout


# Sources reader must read, in this process.


def analyze_json(capsys, *arguments: str) -> dict:
    status = main(["analyze", *arguments])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    return json.loads(out)


def test_escape_residue_is_stripped_from_a_page_before_lxml_sees_it(capsys):
    document = analyze_json(capsys, str(HOSTILE / "escape-residue.html"))
    assert document["source"]["title"] == "Harbour Reopens"
    assert "reopened on Monday, three days after the storm" in document["text"]
    assert "islands will run again from Wednesday, according to the operator." in document["text"]
    for residue in ("]52;", "cm0gLXJmIH4K", "[31m", "[0m", "[2J", "]0;", "owned", "]8;;", "\x1b"):
        assert residue not in document["text"]


def test_a_hundred_thousand_nested_divs_still_give_the_text(capsys, tmp_path):
    sentence = "<p>The council voted on Tuesday to approve a new footbridge over the river, officials said.</p>"
    path = tmp_path / "deep.html"
    body = f"{'<div>' * 100_000}{sentence * 3}{'</div>' * 100_000}"
    path.write_text(f"<html><head><title>Deep</title></head><body>{body}</body></html>")
    document = analyze_json(capsys, str(path))
    assert document["text"].count("The council voted on Tuesday to approve a new footbridge") == 3


def test_line_separators_in_the_text_leave_one_jsonl_line_per_source(capsys):
    path = str(HOSTILE / "line-separators.txt")
    status = main(["analyze", "--format", "jsonl", path, path])
    out = capsys.readouterr().out
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 2
    assert "\u2028" in json.loads(lines[0])["text"]


def test_a_file_name_that_is_not_utf8_is_written_as_escapes_in_json(capsys, tmp_path):
    path = os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt")
    Path(path).write_text("The café on the quay reopened on Monday, its owner said.\n")
    document = analyze_json(capsys, path)
    assert document["source"]["origin"] == str(tmp_path) + "/caf\\xe9.txt"


@pytest.mark.parametrize(
    ("headers", "compress"),
    [
        (["Content-Encoding: gzip"], gzip.compress),
        (["Content-Encoding: deflate"], zlib.compress),
        (["Content-Encoding: deflate"], lambda data: zlib.compress(data, wbits=-zlib.MAX_WBITS)),
    ],
    ids=["gzip", "deflate", "raw-deflate"],
)
def test_a_compressed_page_is_inflated(capsys, hostile_server, headers, compress):
    page = (HOSTILE / "utf8-page.html").read_bytes()
    url = hostile_server.reply("/page", compress(page), ["Content-Type: text/html; charset=utf-8", *headers])
    assert "très busy again" in analyze_json(capsys, url)["text"]


def test_a_page_with_no_content_type_is_read_as_a_page(capsys, hostile_server):
    url = hostile_server.reply("/quay", (HOSTILE / "untyped-page").read_bytes())
    document = analyze_json(capsys, url)
    assert document["source"]["title"] == "Quiet Night on the Quay"
    assert "<" not in document["text"]


def test_a_text_with_no_content_type_is_read_as_text(capsys, hostile_server):
    url = hostile_server.reply("/note", b"Harbour Reopens\n\nThe harbour reopened on Monday, <officials> said.\n")
    assert analyze_json(capsys, url)["text"] == "Harbour Reopens\n\nThe harbour reopened on Monday, <officials> said.\n"


def test_a_file_with_no_extension_is_sniffed(capsys):
    assert analyze_json(capsys, str(HOSTILE / "untyped-page"))["source"]["title"] == "Quiet Night on the Quay"


@pytest.mark.parametrize(
    ("page", "declared"),
    [("latin1-page.html", "utf-8"), ("utf8-page.html", "utf-16"), ("utf8-page.html", "iso-8859-1")],
)
def test_a_charset_that_lies_is_not_believed(capsys, hostile_server, page, declared):
    url = hostile_server.reply("/cafe", (HOSTILE / page).read_bytes(), [f"Content-Type: text/html; charset={declared}"])
    document = analyze_json(capsys, url)
    assert document["source"]["title"] == "Café Reopens"
    assert "The café on the quay is très busy again, its naïve owner said" in document["text"]


def test_a_page_declaring_a_charset_that_is_none_costs_a_batch_nothing(capsys, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Harbour Reopens\n\nThe harbour reopened on Monday, officials said.\n", encoding="utf-8")
    page = str(HOSTILE / "undefined-charset.html")
    status = main(["analyze", "--format", "jsonl", str(story), page, str(story)])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    records = [json.loads(line) for line in out.splitlines()]
    assert [record["source"]["origin"] for record in records] == [str(story), page, str(story)]
    assert "The café on the quay is très busy again" in records[1]["text"]


@pytest.mark.parametrize("declared", ["undefined", "punycode", "unicode_escape", "raw_unicode_escape"])
def test_a_charset_only_python_knows_is_not_believed(capsys, hostile_server, declared):
    page = (HOSTILE / "escaped-backslashes.html").read_bytes()
    url = hostile_server.reply("/files", page, [f"Content-Type: text/html; charset={declared}"])
    assert "in C:\\new\\tides and C:\\x1b\\old, the clerk said" in analyze_json(capsys, url)["text"]


def test_a_character_reference_to_an_escape_leaves_the_page_readable_without_it(capsys):
    text = analyze_json(capsys, str(HOSTILE / "control-reference.html"))["text"]
    assert "reopened on Monday, three days after the storm, its mayor said." in text
    assert "from Wednesday, according to the operator." in text
    assert not any(character in text for character in CONTROL_CHARACTERS if character != "\n")


def test_bidi_controls_are_kept_out_of_a_title_and_a_message(capsys, tmp_path):
    # U+202E shows what follows it backwards: "Mayor resigns\u202esey" would read "Mayor resignsyes".
    path = tmp_path / "mayor.txt"
    path.write_text("Mayor Resigns\u202eSey\n\nThe mayor resigned on Monday, the council said.\n", encoding="utf-8")
    document = analyze_json(capsys, str(path))
    assert document["source"]["title"] == "Mayor ResignsSey"
    assert document["text"].startswith("Mayor Resigns\u202eSey\n")
    page = tmp_path / "mayor.html"
    page.write_text("<html><head><title>Mayor \u2067Resigns\u2069</title></head><body><article><h1>Mayor Resigns</h1>"
                    "<p>The mayor resigned on Monday after ten years in office, the council said.</p>"
                    "</article></body></html>", encoding="utf-8")
    assert analyze_json(capsys, str(page))["source"]["title"] == "Mayor Resigns"
    assert main(["analyze", str(tmp_path / "report\u202etxt.exe")]) == 2
    assert capsys.readouterr().err == f"reader: no such file: {tmp_path}/reporttxt.exe\n"


def test_bidi_controls_are_kept_out_of_a_title_a_notes_file_gives(notes_dir):
    from test_app_links import write_notes_file

    from reader.notes import library

    write_notes_file(notes_dir, "Mayor Resigns\n\nThe mayor resigned on Monday.\n", [], title="Mayor \u202eResigns")
    assert library.entries()[0].article.title == "Mayor Resigns"


async def test_the_app_keeps_highlights_of_a_file_whose_name_is_not_utf8(tmp_path, monkeypatch):
    from helpers import TEXT, analyzed, harbour_analysis

    from reader.notes import NoteStore
    from reader.sources import load
    from reader.tui.app import ReaderApp

    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "notes"))
    path = os.fsdecode(bytes(tmp_path) + b"/harbour-caf\xe9.txt")
    Path(path).write_text(TEXT, encoding="utf-8")
    article = load(path)
    app = ReaderApp(article, analyzer=harbour_analysis)
    async with app.run_test(size=(100, 30)) as pilot:
        await analyzed(pilot)
        await pilot.press("j", "h", "q")
    reopened = NoteStore.open(load(path), harbour_analysis(article).sentences)
    assert [highlight.sentence_id for highlight in reopened.highlights] == [1]
    assert reopened.article.origin.endswith("/harbour-caf\\xe9.txt")
