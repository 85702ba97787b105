"""The `reader` command: its outputs, and one clear line with exit status 2 for every bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__, nlp
from reader.cli import main

ARTICLE = (
    "Harbour Reopens After Storm\n"
    "\n"
    "The harbour at Port Ellis reopened on Monday, three days after the storm.\n"
    "\n"
    "“We are back in business,” said Ana Lobo, who runs the ferry. 🚢 All boats sail today.\n"
    "\n"
    "Frankly, the town should have rebuilt the sea wall years ago.\n"
)


def analyze(capsys, *arguments: str) -> str:
    """Run `reader analyze ARGUMENTS` in this process (the model loads once) and return stdout."""
    status = main(["analyze", *arguments])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert err == ""
    return out


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reader: ")
    for word in words:
        assert word in lines[0]
    assert result.stdout == ""


@pytest.fixture
def article_file(tmp_path) -> Path:
    path = tmp_path / "harbour.txt"
    path.write_text(ARTICLE, encoding="utf-8", newline="")
    return path


# Bad input, through a real process: exit status 2, one line on stderr, no traceback.


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.txt", b"", ["empty"]),
        ("blank.txt", b" \n\t\n  \n", ["empty"]),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00", ["binary"]),
        ("empty.html", b"", ["empty"]),
    ],
)
def test_analyze_refuses_unreadable_file(run_reader, tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    assert_one_line_error(run_reader("analyze", str(path)), str(path), *words)


def test_analyze_refuses_missing_file(run_reader, tmp_path):
    assert_one_line_error(run_reader("analyze", str(tmp_path / "nowhere.txt")), "no such file", "nowhere.txt")


def test_analyze_refuses_directory(run_reader, tmp_path):
    assert_one_line_error(run_reader("analyze", str(tmp_path)), "directory")


def test_analyze_refuses_page_without_article_text(run_reader, data_dir):
    assert_one_line_error(run_reader("analyze", str(data_dir / "menu-only.html")), "no article text")


def test_analyze_refuses_unreachable_url(run_reader, closed_port):
    url = f"http://127.0.0.1:{closed_port}/article"
    assert_one_line_error(run_reader("analyze", url), "cannot reach", url)


def test_analyze_refuses_http_error(run_reader, web_server):
    assert_one_line_error(run_reader("analyze", web_server.base_url + "/gone"), "HTTP 404")


def test_analyze_refuses_url_of_page_without_article_text(run_reader, web_server, data_dir):
    url = web_server.serve("/front", (data_dir / "menu-only.html").read_bytes())
    assert_one_line_error(run_reader("analyze", url), "no article text")


def test_analyze_reads_every_source_before_printing(run_reader, tmp_path, seed_path):
    missing = tmp_path / "nowhere.txt"
    assert_one_line_error(run_reader("analyze", "--format", "jsonl", str(seed_path), str(missing)), "nowhere.txt")


def test_json_format_takes_one_source(run_reader, seed_path):
    assert_one_line_error(run_reader("analyze", str(seed_path), str(seed_path)), "--format jsonl")


def test_unknown_option_is_one_line(run_reader, seed_path):
    assert_one_line_error(run_reader("analyze", str(seed_path), "--format", "yaml"), "yaml")


def test_empty_stdin_is_refused(run_reader):
    assert_one_line_error(run_reader("analyze", "-", stdin=b""), "standard input", "empty")


def test_classify_refuses_missing_file(run_reader, tmp_path):
    assert_one_line_error(run_reader("classify", str(tmp_path / "lines.txt")), "no such file")


def test_export_refuses_unknown_label(run_reader, seed_path):
    assert_one_line_error(run_reader("export", str(seed_path), "--include", "quote,gossip"), "gossip")


def test_export_of_an_article_never_annotated_is_one_line(run_reader, seed_path, tmp_path):
    result = run_reader("export", str(seed_path), "--format", "csv", env={"READER_DATA_DIR": str(tmp_path)})
    assert_one_line_error(result, "nothing saved")


def test_opening_a_bad_source_fails_before_the_app_starts(run_reader, tmp_path):
    assert_one_line_error(run_reader(str(tmp_path / "nowhere.txt")), "no such file")


def test_command_name_alone_hints_at_the_file_of_that_name(run_reader, tmp_path):
    (tmp_path / "analyze").write_text("")
    assert_one_line_error(run_reader("analyze", cwd=tmp_path), "./analyze")


def test_file_named_like_a_command_opens_as_a_path(run_reader, tmp_path):
    (tmp_path / "analyze").write_text("")
    # The empty file is read (and refused as empty), so ./analyze named the file, not the command.
    assert_one_line_error(run_reader("./analyze", cwd=tmp_path), "./analyze is empty")


def test_missing_model_is_one_line(monkeypatch, capsys, seed_path):
    monkeypatch.setattr(nlp, "MODEL_NAMES", ("no_such_model",))
    nlp.pipeline.cache_clear()
    status = main(["analyze", str(seed_path)])
    nlp.pipeline.cache_clear()
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("reader: no spaCy English model found")


def test_output_closed_early_ends_quietly(seed_path):
    sources = [str(seed_path)] * 8
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "analyze", "--format", "jsonl", *sources],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.read(100).startswith(b'{"schema":"reader.analysis/1"')
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=300) == 0
    assert stderr == ""


# What the user gets.


def test_help_lists_every_command(run_reader):
    result = run_reader("--help")
    assert result.returncode == 0
    for command in ("analyze", "classify", "export"):
        assert f"reader {command}" in result.stdout


def test_analyze_json_text_is_the_file_content_and_offsets_index_it(capsys, article_file):
    document = json.loads(analyze(capsys, str(article_file)))
    text = document["text"]
    assert text == article_file.read_text(encoding="utf-8")
    assert document["source"]["title"] == "Harbour Reopens After Storm"
    assert [sentence["text"] for sentence in document["sentences"]][0] == "Harbour Reopens After Storm"
    for sentence in document["sentences"]:
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
    for paragraph in document["paragraphs"]:
        assert text[paragraph["start"] : paragraph["end"]].strip()


def test_analyze_json_is_indented(capsys, article_file):
    out = analyze(capsys, str(article_file))
    assert out.startswith('{\n  "schema": "reader.analysis/1"')


def test_analyze_latin1_file(capsys, tmp_path):
    path = tmp_path / "cafe.txt"
    path.write_bytes("Café Reopens\n\nThe café on the quay is très busy again, its owner said.\n".encode("latin-1"))
    document = json.loads(analyze(capsys, str(path)))
    assert "très busy" in document["text"]
    assert document["source"]["title"] == "Café Reopens"


def test_analyze_removes_escapes_and_keeps_markup_like_text(capsys, tmp_path):
    path = tmp_path / "dirty.txt"
    path.write_bytes(b"The \x1b[1;31mharbour\x1b[0m is [bold]open[/bold] again\x07, the mayor said.\n")
    document = json.loads(analyze(capsys, str(path)))
    assert document["text"] == "The harbour is [bold]open[/bold] again, the mayor said.\n"


def test_analyze_jsonl_gives_one_line_per_source_in_order(capsys, article_file, seed_path):
    out = analyze(capsys, "--format", "jsonl", str(seed_path), str(article_file))
    lines = out.splitlines()
    assert len(lines) == 2
    documents = [json.loads(line) for line in lines]
    assert [document["source"]["origin"] for document in documents] == [str(seed_path), str(article_file)]
    assert documents[1]["text"] == ARTICLE


def test_analyze_html_file(capsys, data_dir):
    document = json.loads(analyze(capsys, str(data_dir / "council-bridge.html")))
    assert document["source"]["title"] == "Council Approves Footbridge Over the Maple River"
    assert document["sentences"][0]["text"] == "Council Approves Footbridge Over the Maple River"
    assert "MENU-MARKER" not in document["text"]


def test_analyze_page_from_local_web_server(capsys, web_server, data_dir):
    url = web_server.serve("/2024/03/bridge", (data_dir / "council-bridge.html").read_bytes())
    document = json.loads(analyze(capsys, url))
    assert document["source"]["origin"] == url
    assert document["source"]["title"] == "Council Approves Footbridge Over the Maple River"
    assert "The Riverside town council voted on Tuesday" in document["text"]
    for marker in ("MENU-MARKER", "SCRIPT-MARKER", "FOOTER-MARKER", "ASIDE-MARKER"):
        assert marker not in document["text"]
    assert web_server.user_agents == [f"reader/{__version__} (terminal reading assistant)"]


def test_markdown_report_shows_each_sentence_with_its_label(capsys, article_file):
    out = analyze(capsys, "--format", "markdown", str(article_file))
    assert out.startswith("# Harbour Reopens After Storm\n")
    sentence_lines = [line for line in out.splitlines() if line.startswith("- **")]
    assert len(sentence_lines) == len(json.loads(analyze(capsys, str(article_file)))["sentences"])
    for line in sentence_lines:
        assert line.split("**")[1] in ("reported", "quote", "opinion")
    assert "## Entities" in out
    assert "## Figures" in out


def test_markdown_report_escapes_article_text(capsys, tmp_path):
    path = tmp_path / "markup.txt"
    path.write_text("The [bold]harbour[/bold] *reopened* on Monday, officials said.\n")
    out = analyze(capsys, "--format", "markdown", str(path))
    assert r"\[bold\]harbour\[/bold\] \*reopened\*" in out


def test_analyze_reads_stdin(run_reader):
    result = run_reader("analyze", "-", stdin=ARTICLE.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["text"] == ARTICLE
    assert document["source"]["origin"] == "-"


def test_classify_labels_each_stdin_line(run_reader):
    lines = [
        "The council approved the budget on Tuesday.",
        "",
        "“We will build it,” the mayor said.",
        "   ",
        "This is, frankly, a disgraceful waste of money!",
    ]
    result = run_reader("classify", "-", stdin="\n".join(lines).encode("utf-8"))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record["text"] for record in records] == [line for line in lines if line.strip()]
    for record in records:
        assert set(record) == {"text", "label", "confidence", "scores", "cues"}
        assert record["label"] in ("reported", "quote", "opinion")
        assert set(record["scores"]) == {"reported", "quote", "opinion"}
        assert 0 <= record["confidence"] <= 1
        for cue in record["cues"]:
            assert record["text"][cue["start"] : cue["end"]] == cue["text"]


def test_classify_reads_stdin_when_no_file_is_given(run_reader):
    result = run_reader("classify", stdin=b"The harbour reopened on Monday.\n")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["text"] == "The harbour reopened on Monday."


def test_json_names_a_pronoun_speaker_by_the_person_it_refers_to(capsys, tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("Mine Reopens\n\nGovernor Jim Justice toured the mine on Monday. "
                    "He said it would reopen in the spring.\n", encoding="utf-8")
    sentence = json.loads(analyze(capsys, str(path), "--format", "json"))["sentences"][2]
    assert sentence["attribution"]["source"]["text"] == "He"
    assert sentence["attribution"]["source"]["name"] == "Jim Justice"
