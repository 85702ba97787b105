"""`reader notes` and `reader export` end to end: the library, offline export, and outputs never replaced."""

import json
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reader.cli import main
from reader.model import Article, Sentence
from reader.notes import NoteStore

STORY = (
    "The council voted on Tuesday to close the old library.\n\n"
    "The decision is a short-sighted blunder that the town will regret.\n\n"
    "\"We were never asked,\" said a resident."
)
FERRIES = "Ferries ran late again on Monday.\n\nThe operator said the engines were being repaired."


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def story(tmp_path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def annotate(article: Article, data: Path, *passages: str, note: str | None = None, clock=None) -> NoteStore:
    """Highlight each passage of `article`, as the app would; the note goes on the first."""
    store = NoteStore.open(article, directory=data, clock=clock or Clock())
    for number, passage in enumerate(passages):
        start = article.text.index(passage)
        store.add(start, start + len(passage), note if number == 0 else None)
    return store


def reader(capsys, *arguments: str) -> tuple[int, str, str]:
    """Run `reader ARGUMENTS` in this process (spaCy loads once); the exit status, stdout and stderr."""
    status = main(list(arguments))
    out, err = capsys.readouterr()
    return status, out, err


def one_line_error(result: tuple[int, str, str], *words: str) -> None:
    status, out, err = result
    assert status == 2, err
    assert out == "" and "Traceback" not in err
    [line] = err.splitlines()
    assert line.startswith("reader: ")
    for word in words:
        assert word in line


# The library


def test_reader_notes_lists_annotated_articles_last_opened_first_as_a_table_and_as_json(capsys, notes_dir, story):
    clock = Clock()
    annotate(Article(STORY, None, str(story)), notes_dir, "The council voted", clock=clock)
    url = "https://news.example.org/ferries"
    annotate(Article(FERRIES, "Ferries late again", url), notes_dir, "Ferries ran late", "The operator said",
             clock=clock)

    status, out, err = reader(capsys, "notes")
    assert (status, err) == (0, "")
    header, first, second = out.splitlines()
    assert header.split() == ["#", "sha256", "highlights", "last", "opened", "title", "origin"]
    opened = (datetime(2026, 3, 1, 9, 2, tzinfo=UTC)).astimezone().strftime("%Y-%m-%d %H:%M")
    assert first.split() == ["1", Article(FERRIES, None, url).sha256[:8], "2", *opened.split(), "Ferries", "late",
                             "again", url]
    assert second.split()[0:3] == ["2", Article(STORY, None, "").sha256[:8], "1"]
    assert second.endswith(f"(no title)  {story}")

    status, out, _ = reader(capsys, "notes", "--format", "json")
    listed = json.loads(out)
    assert [(item["number"], item["title"], item["origin"], item["highlights"]) for item in listed] == [
        (1, "Ferries late again", url, 2), (2, None, str(story), 1)
    ]
    assert listed[0]["opened"] == "2026-03-01T09:02:00Z" and listed[0]["text_kept"] is True


def test_reader_notes_corrections_lists_every_correction_of_the_library_as_json_lines(capsys, notes_dir, story):
    clock = Clock()
    article = Article(STORY, None, str(story))
    store = annotate(article, notes_dir, "The council voted", clock=clock)
    second = article.text.index("The decision")
    opinion = Sentence(1, second, second + 66, article.text[second : second + 66], 1, "opinion", 0.9, {})
    store.correct(opinion, "reported", None, None)
    url = "https://news.example.org/ferries"
    ferries = NoteStore.open(Article(FERRIES, "Ferries late again", url), directory=notes_dir, clock=clock)
    said = FERRIES.index("The operator")
    ferries.correct(Sentence(1, said, len(FERRIES), FERRIES[said:], 1, "reported", 0.9, {}), "reported",
                    "the ferry company's spokesman", "The operator")

    status, out, err = reader(capsys, "notes", "--corrections")
    assert (status, err) == (0, "")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(line["title"], line["source"], line["sentence"], line["original_label"], line["label"],
             line["original_speaker"], line["speaker"]) for line in lines] == [
        ("Ferries late again", url, 2, "reported", "reported", "The operator", "the ferry company's spokesman"),
        (None, str(story), 2, "opinion", "reported", None, None),
    ]
    assert lines[1]["text"].startswith("The decision is a short-sighted blunder")
    assert lines[0]["corrected"] == "2026-03-01T09:03:00Z"


@pytest.mark.parametrize("damage", ["nested", "timestamp"])
def test_a_damaged_notes_file_costs_the_library_nothing_but_itself(capsys, notes_dir, story, tmp_path, damage):
    clock = Clock()
    annotate(Article(STORY, None, str(story)), notes_dir, "The council voted", clock=clock)
    ferries = annotate(Article(FERRIES, "Ferries late again", "https://news.example.org/ferries"), notes_dir,
                       "Ferries ran late", "The operator said", clock=clock)
    if damage == "nested":
        ferries.path.write_text("[" * 100_000, encoding="utf-8")
    else:
        document = json.loads(ferries.path.read_text(encoding="utf-8"))
        document["highlights"][0]["created"] = "0001-01-01T00:00:00+14:00"
        ferries.path.write_text(json.dumps(document), encoding="utf-8")
    # A file that is not a notes file is left out; a highlight that is not one, left out of its file.
    listed = {"nested": [(None, 1)], "timestamp": [("Ferries late again", 1), (None, 1)]}[damage]

    status, out, err = reader(capsys, "notes", "--format", "json")
    assert (status, err) == (0, "")
    assert [(item["title"], item["highlights"]) for item in json.loads(out)] == listed
    status, out, err = reader(capsys, "export", "--all", "-o", str(tmp_path / "vault"))
    assert status == 0
    assert err.splitlines()[-1] == f"reader: {len(listed)} of {len(listed)} articles exported to {tmp_path / 'vault'}"
    assert ("is out of range" in err) == (damage == "timestamp")
    assert len(list((tmp_path / "vault").iterdir())) == len(listed)


def test_reader_notes_with_an_empty_library_says_how_to_start_one(capsys, notes_dir):
    status, out, _ = reader(capsys, "notes")
    assert status == 0 and "No annotated articles yet" in out
    assert json.loads(reader(capsys, "notes", "--format", "json")[1]) == []


def test_reader_export_of_a_url_works_offline_from_the_text_the_notes_keep(capsys, notes_dir, closed_port):
    url = f"http://127.0.0.1:{closed_port}/library"
    annotate(Article(STORY, "Library to close", url), notes_dir, "The decision is a short-sighted blunder",
             note="Whose?")
    status, out, err = reader(capsys, "export", url, "--format", "json")
    assert status == 0, err
    [annotation] = json.loads(out)["first"]["items"]
    assert annotation["target"]["source"] == url
    assert annotation["target"]["selector"][0]["exact"] == "The decision is a short-sighted blunder"
    assert [body["value"] for body in annotation["body"]] == ["Whose?", "opinion", "yellow"]


def test_reader_export_takes_an_article_by_its_number_or_the_start_of_its_hash(
    capsys, notes_dir, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    clock = Clock()
    library = Article(STORY, "Library to close", "https://news.example.org/library")
    annotate(library, notes_dir, "The council", clock=clock)
    ferries = Article(FERRIES, "Ferries late again", "https://news.example.org/ferries")
    annotate(ferries, notes_dir, "Ferries ran late", clock=clock)

    by_number = reader(capsys, "export", "1", "--format", "csv")
    by_hash = reader(capsys, "export", ferries.sha256[:7], "--format", "csv")
    assert by_number == by_hash
    assert by_number[0] == 0 and "Ferries ran late,Ferries late again" in by_number[1]
    one_line_error(reader(capsys, "export", "3"), "no article 3", "lists 2")
    one_line_error(reader(capsys, "export", "abcdef0"), "no article", "abcdef0")


def test_reader_export_all_writes_one_markdown_file_per_article_with_lasting_names(capsys, notes_dir, tmp_path):
    clock = Clock()
    library = Article(STORY, "Library to close", "https://news.example.org/library")
    ferries = Article(FERRIES, "Ferries: late again?", "https://news.example.org/ferries")
    annotate(library, notes_dir, "The council voted", note="Seven to two.", clock=clock)
    annotate(ferries, notes_dir, "Ferries ran late", clock=clock)
    vault = tmp_path / "vault" / "reader"

    status, out, err = reader(capsys, "export", "--all", "--format", "md", "-o", str(vault))
    assert (status, out) == (0, "")
    assert err == f"reader: 2 of 2 articles exported to {vault}\n"
    names = sorted(path.name for path in vault.iterdir())
    assert names == [f"ferries-late-again-{ferries.sha256[:8]}.md", f"library-to-close-{library.sha256[:8]}.md"]
    written = (vault / names[1]).read_text(encoding="utf-8")
    assert "> [!info] Reported · sentence 1 #reader/reported" in written and "**Note:** Seven to two." in written
    assert MarkdownIt("commonmark").render(written).count("<blockquote>") == 1
    # Again: the same files, replaced.
    assert reader(capsys, "export", "--all", "-o", str(vault))[0] == 0
    assert sorted(path.name for path in vault.iterdir()) == names


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--all"], ["-o DIR"]),
        (["story.txt", "--all", "-o", "out"], ["not both"]),
        ([], ["give the ARTICLE"]),
    ],
)
def test_reader_export_asks_for_one_article_or_all_of_them_into_a_folder(capsys, notes_dir, arguments, words):
    one_line_error(reader(capsys, "export", *arguments), *words)


def test_reader_export_all_with_an_empty_library_is_one_line(capsys, notes_dir, tmp_path):
    one_line_error(reader(capsys, "export", "--all", "-o", str(tmp_path / "out")), "no annotated articles")


# Faults


def test_reader_export_of_an_article_never_annotated_is_one_line(capsys, notes_dir, story):
    one_line_error(reader(capsys, "export", str(story)), "nothing saved", "never annotated")


def test_reader_export_says_where_a_corrupt_notes_file_was_moved(capsys, notes_dir, story):
    path = notes_dir / "notes" / f"{Article(STORY, None, '').sha256}.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"schema": "reader.notes/2", "highl')
    result = reader(capsys, "export", str(story))
    [aside] = path.parent.glob("*.corrupt-*")
    one_line_error(result, "nothing saved", "could not be read", f"moved to {aside}")


def test_reader_export_reads_the_notes_of_a_read_only_data_folder(capsys, notes_dir, story, read_only):
    annotate(Article(STORY, None, str(story)), notes_dir, "The council voted")
    read_only(notes_dir / "notes")
    read_only(notes_dir)
    status, out, err = reader(capsys, "export", str(story), "--format", "csv")
    assert (status, err) == (0, "")
    assert out.splitlines()[1].startswith("The council voted,story.txt,")


def test_reader_export_with_a_data_folder_of_no_user_is_one_line(capsys, story, monkeypatch):
    monkeypatch.setenv("READER_DATA_DIR", "~nosuchuser/x")
    one_line_error(reader(capsys, "export", str(story)), "READER_DATA_DIR", "~nosuchuser")
    one_line_error(reader(capsys, "notes"), "READER_DATA_DIR")


def test_reader_export_csv_leaves_out_included_sentences_and_says_so(capsys, notes_dir, story):
    annotate(Article(STORY, None, str(story)), notes_dir, "The council voted on Tuesday to close the old library.")
    status, out, err = reader(capsys, "export", str(story), "--format", "csv", "--include", "opinion,quote")
    assert status == 0
    assert "leaves out --include" in err
    assert len(out.splitlines()) == 2 and ",.reported," in out


# Where the export goes


def test_reader_export_replaces_an_output_file_whole_keeping_its_mode(capsys, notes_dir, story, tmp_path):
    annotate(Article(STORY, None, str(story)), notes_dir, "The council voted")
    output = tmp_path / "out.md"
    output.write_text("previous export", encoding="utf-8")
    output.chmod(0o640)
    assert reader(capsys, "export", str(story), "-o", str(output)) == (0, "", "")
    assert output.read_text(encoding="utf-8").startswith("---\ntitle: \"story.txt\"")
    assert stat.S_IMODE(output.stat().st_mode) == 0o640
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".out")] == []


def test_reader_export_writes_through_a_symbolic_link_without_replacing_it(capsys, notes_dir, story, tmp_path):
    annotate(Article(STORY, None, str(story)), notes_dir, "The council voted")
    target, link = tmp_path / "kept" / "notes.md", tmp_path / "link.md"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link.symlink_to(target)
    assert reader(capsys, "export", str(story), "-o", str(link))[0] == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("---\n")


def test_reader_export_writes_into_a_pipe_and_refuses_one_nobody_reads(capsys, notes_dir, story, tmp_path):
    annotate(Article(STORY, None, str(story)), notes_dir, "The council voted")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    one_line_error(reader(capsys, "export", str(story), "-o", str(pipe)), "no program is reading")
    end = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert reader(capsys, "export", str(story), "--format", "csv", "-o", str(pipe))[0] == 0
        received = os.read(end, 1 << 16)
    finally:
        os.close(end)
    assert received.startswith(b"Highlight,Title") and stat.S_ISFIFO(pipe.stat().st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_reader_export_onto_a_full_device_says_so_and_leaves_the_device(capsys, notes_dir, story):
    annotate(Article(STORY, None, str(story)), notes_dir, "The council voted")
    one_line_error(reader(capsys, "export", str(story), "-o", "/dev/full"), "/dev/full", "No space left")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_reader_export_says_when_the_output_cannot_be_written(capsys, notes_dir, story, tmp_path):
    annotate(Article(STORY, None, str(story)), notes_dir, "The council voted")
    one_line_error(reader(capsys, "export", str(story), "-o", str(tmp_path / "missing" / "out.md")),
                   f"cannot write {tmp_path / 'missing' / 'out.md'}", "No such file")
    one_line_error(reader(capsys, "export", str(story), "-o", str(tmp_path)), "is a directory")


def test_reader_export_as_a_process_prints_labelled_highlights_and_flagged_sentences(tmp_path, story):
    store = NoteStore.open(Article(STORY, None, str(story)), directory=tmp_path / "notes_dir")
    store.add(0, STORY.index("."), note="Seven to two.")
    result = subprocess.run(
        [sys.executable, "-m", "reader", "export", str(story), "--format", "json", "--include", "quote"],
        capture_output=True, env={**os.environ, "READER_DATA_DIR": str(tmp_path / "notes_dir")}, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    highlight, flagged = json.loads(result.stdout)["first"]["items"]
    assert highlight["target"]["selector"][0]["exact"] == STORY[: STORY.index(".")]
    assert [body["purpose"] for body in highlight["body"]] == ["commenting", "tagging", "tagging"]
    assert highlight["body"][0]["value"] == "Seven to two."
    assert flagged["motivation"] == "classifying"
    assert flagged["target"]["selector"][0]["exact"] == "\"We were never asked,\" said a resident."


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_reader_export_to_a_full_standard_output_is_one_line(tmp_path, story):
    store = NoteStore.open(Article(STORY, None, str(story)), directory=tmp_path / "notes_dir")
    store.remove(store.add(0, 10))
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "reader", "export", str(story)], stdout=full, stderr=subprocess.PIPE,
            env={**os.environ, "READER_DATA_DIR": str(tmp_path / "notes_dir")}, timeout=300,
        )
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == ["reader: cannot write standard output: No space left on device"]
