"""Export writers (byte-exact golden files), what they escape, and `reader export` end to end."""

import base64
import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reader import export
from reader.export import Entry, Export, ExportError, collect, markdown, readwise_csv, web_annotation
from reader.model import Article, Sentence
from reader.notes import NoteStore

GOLDEN = Path(__file__).parent / "data" / "golden"
# Set to rewrite the golden files after a deliberate change of format; review the diff before committing.
UPDATE = os.environ.get("READER_UPDATE_GOLDEN") == "1"

TEXT = (
    "Zoning board delays #housing vote\n\n"
    "The board met for four hours on Monday night. "
    "> Critics called the delay \"a gift to landlords,\" said a tenant group.\n\n"
    "-5 degrees outside did not stop [[the protest]] or ==anyone==. "
    "=HYPERLINK(\"http://evil.example\",\"click\") appeared on a placard, oddly. "
    "The delay is, frankly, indefensible.\n\n"
    "@mayor_office replied: \"We need *more* time & care.\"\n\n"
    "Line one of a two-line passage\n"
    "3. and its second line, with <b>tags</b> & &amp; entities."
)
ARTICLE = Article(
    TEXT,
    "Zoning board delays #housing vote",
    "https://news.example.org/zoning?id=7&view=full",
    author="Dana Smith",
    date="2026-02-27",
)
EXPORTED = datetime(2026, 3, 2, 8, 15, 0, tzinfo=timezone.utc)


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 3, 1, hour, minute, 30, tzinfo=timezone.utc)


def entry(kind, number, exact, sentence_id, label, note=None, created=None, updated=None) -> Entry:
    start = TEXT.index(exact) if kind != "orphan" else 500
    end = start + len(exact)
    return Entry(
        kind=kind,
        id=f"{number:032x}",
        start=start,
        end=end,
        exact=exact,
        prefix=TEXT[max(0, start - 32) : start] if kind != "orphan" else "gone before it ",
        suffix=TEXT[end : end + 32] if kind != "orphan" else " and after it",
        note=note,
        label=label,
        sentence_id=sentence_id,
        created=created,
        updated=updated or created,
    )


ENTRIES = [
    entry("highlight", 1, "The board met for four hours on Monday night.", 1, "reported", created=at(9, 0)),
    entry(
        "highlight", 2, "> Critics called the delay \"a gift to landlords,\" said a tenant group.", 2, "quote",
        note="Check the group's name.\n\n# My heading\n- my own *list*", created=at(9, 1), updated=at(9, 40),
    ),
    entry("highlight", 3, "-5 degrees outside did not stop [[the protest]] or ==anyone==.", 3, "reported",
          note="=1+1 stays text", created=at(9, 2)),
    entry("highlight", 4, "=HYPERLINK(\"http://evil.example\",\"click\") appeared on a placard, oddly.", 4,
          "reported", note="@mention, +plus", created=at(9, 3)),
    entry("flagged", 5, "The delay is, frankly, indefensible.", 5, "opinion"),
    entry("highlight", 6, "@mayor_office replied: \"We need *more* time & care.\"", 6, "quote", created=at(9, 4)),
    entry("highlight", 7, "Line one of a two-line passage\n3. and its second line, with <b>tags</b> & &amp; entities.",
          None, None, note="\tTab-led note", created=at(9, 5)),
    entry("orphan", 8, "A sentence of the first version, since cut.", None, None, note="Was it retracted?",
          created=at(8, 0)),
]
DOCUMENT = Export(ARTICLE, ENTRIES, EXPORTED)
EMPTY = Export(ARTICLE, [], EXPORTED)
WRITERS = {"md": markdown, "json": web_annotation, "csv": readwise_csv}


@pytest.mark.parametrize("fmt", WRITERS)
@pytest.mark.parametrize("name, document", [("annotated", DOCUMENT), ("empty", EMPTY)])
def test_export_matches_its_golden_file_byte_for_byte(fmt, name, document):
    produced = WRITERS[fmt](document).encode("utf-8")
    golden = GOLDEN / f"{name}.{fmt}"
    if UPDATE:
        golden.write_bytes(produced)
    assert produced == golden.read_bytes()


def test_markdown_renders_article_text_literally_in_callouts():
    properties, body = markdown(DOCUMENT).removeprefix("---\n").split("\n---\n", 1)
    assert properties.splitlines()[0] == 'title: "Zoning board delays #housing vote"'
    tokens = MarkdownIt("commonmark").parse(body)
    headings = [_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["Zoning board delays #housing vote", "My heading"]
    quotes = _blockquote_texts(tokens)
    for item, quoted in zip(ENTRIES, quotes, strict=True):
        # The first line names the callout; the article text follows exactly, line for line.
        assert quoted[0].startswith(("[!quote]", "[!info]", "[!warning]"))
        assert quoted[1 : 1 + item.exact.count("\n") + 1] == [line.strip() for line in item.exact.split("\n")]
    html = MarkdownIt("commonmark").render(body)
    assert "<b>" not in html and "&amp;amp;" in html and "<ul>" in html
    assert html.count("<blockquote>") == len(ENTRIES)


def _text(inline) -> str:
    return "".join(child.content for child in inline.children)


def _blockquote_texts(tokens) -> list[list[str]]:
    """The text lines of each top-level blockquote, with escapes resolved."""
    found, depth = [], 0
    for token in tokens:
        if token.type == "blockquote_open":
            depth += 1
            if depth == 1:
                found.append([])
        elif token.type == "blockquote_close":
            depth -= 1
        elif token.type == "inline" and depth == 1:
            lines, line = [], ""
            for child in token.children:
                if child.type in ("softbreak", "hardbreak"):
                    lines.append(line)
                    line = ""
                else:
                    line += child.content
            found[-1] += lines + [line]
    return found


def test_markdown_keeps_notes_inside_their_callout():
    note = "```\nan unclosed fence"
    document = Export(ARTICLE, [ENTRIES[0].__class__(**{**ENTRIES[0].__dict__, "note": note}), ENTRIES[5]], EXPORTED)
    html = MarkdownIt("commonmark").render(markdown(document).split("\n---\n", 1)[1])
    # The fence ends with its callout, so the next highlight is still a blockquote of its own.
    assert html.count("<blockquote>") == 2
    assert "We need <em>" not in html and "We need *more*" in html


def test_web_annotation_selectors_point_at_the_highlighted_text():
    annotations = json.loads(web_annotation(DOCUMENT))
    assert len(annotations) == len(ENTRIES)
    for annotation, item in zip(annotations, ENTRIES):
        assert annotation["@context"] == "http://www.w3.org/ns/anno.jsonld"
        assert annotation["type"] == "Annotation"
        assert annotation["id"].startswith("urn:uuid:")
        target = annotation["target"]
        assert target["source"] == ARTICLE.origin
        quote = target["selector"][0]
        assert quote["type"] == "TextQuoteSelector" and quote["exact"] == item.exact
        if item.kind == "orphan":
            assert len(target["selector"]) == 1
        else:
            position = target["selector"][1]
            assert position["type"] == "TextPositionSelector"
            assert TEXT[position["start"] : position["end"]] == quote["exact"]
            assert TEXT[: position["start"]].endswith(quote["prefix"])
            assert TEXT[position["end"] :].startswith(quote["suffix"])
    motivations = [annotation["motivation"] for annotation in annotations]
    assert motivations == ["highlighting", "commenting", "commenting", "commenting", "classifying",
                           "highlighting", "commenting", "commenting"]
    assert annotations[1]["body"] == [
        {"type": "TextualBody", "purpose": "commenting", "value": ENTRIES[1].note, "format": "text/plain"},
        {"type": "TextualBody", "purpose": "tagging", "value": "quote"},
    ]
    assert annotations[4]["creator"] == {"type": "Software", "name": "reader"}


def test_csv_has_readwise_columns_and_defuses_formula_cells():
    produced = readwise_csv(DOCUMENT)
    assert produced.startswith("Highlight,Title,Author,URL,Note,Location,Date\r\n")
    rows = list(csv.DictReader(io.StringIO(produced, newline="")))
    assert len(rows) == len(ENTRIES)
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert rows[2]["Highlight"] == "'-5 degrees outside did not stop [[the protest]] or ==anyone==."
    assert rows[2]["Note"] == "'=1+1 stays text"
    assert rows[3]["Highlight"].startswith("'=HYPERLINK(")
    assert rows[3]["Note"] == "'@mention, +plus"
    assert rows[5]["Highlight"].startswith("'@mayor_office")
    assert rows[6]["Note"] == "'\tTab-led note"
    assert rows[6]["Highlight"] == ENTRIES[6].exact
    assert [row["Location"] for row in rows] == ["2", "3", "4", "5", "6", "7", "", ""]
    assert rows[0]["Date"] == "2026-03-01 09:00:30"
    assert rows[4]["Note"] == "Flagged by reader as opinion, not highlighted"


def test_a_file_or_stdin_article_is_named_by_a_lasting_iri_and_title(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from_file = Article("Some text.", None, "story.txt")
    assert export.source_iri(from_file) == (tmp_path / "story.txt").as_uri()
    assert export.title_of(from_file) == "story.txt"
    assert f"source: {json.dumps(str(tmp_path / 'story.txt'))}" in markdown(Export(from_file, [], EXPORTED))
    from_stdin = Article("Some text.", None, "-")
    digest = base64.urlsafe_b64encode(hashlib.sha256(b"Some text.").digest()).decode().rstrip("=")
    assert export.source_iri(from_stdin) == f"ni:///sha-256;{digest}"
    assert export.title_of(from_stdin) == "Untitled article"
    assert "- Source: standard input" in markdown(Export(from_stdin, [], EXPORTED))


STORY = (
    "The council voted on Tuesday to close the old library.\n\n"
    "The decision is a short-sighted blunder that the town will regret.\n\n"
    "\"We were never asked,\" said a resident."
)


def story_sentences() -> list[Sentence]:
    found, start = [], 0
    for number, (paragraph, label) in enumerate(zip(STORY.split("\n\n"), ("reported", "opinion", "quote"))):
        start = STORY.index(paragraph)
        found.append(Sentence(number, start, start + len(paragraph), paragraph, number, label, 1.0, {}))
    return found


def test_collect_puts_highlights_and_flagged_sentences_in_reading_order(tmp_path):
    article = Article(STORY, "Library", "https://news.example.org/library")
    store = NoteStore.open(article, directory=tmp_path)
    sentences = story_sentences()
    store.attach_sentences(sentences)
    store.set_note(sentences[2], "Who?")
    store.toggle(sentences[0])
    document = collect(store, sentences, ["opinion", "quote"], EXPORTED)
    assert [(item.kind, item.sentence_id, item.label) for item in document.entries] == [
        ("highlight", 0, "reported"),
        ("flagged", 1, "opinion"),
        ("highlight", 2, "quote"),
    ]
    assert document.entries[2].note == "Who?"


def test_an_article_whose_highlights_were_all_removed_exports_an_empty_document(tmp_path):
    article = Article(STORY, "Library", "https://news.example.org/library")
    store = NoteStore.open(article, directory=tmp_path)
    sentences = story_sentences()
    store.toggle(sentences[0])
    store.toggle(sentences[0])
    reopened = NoteStore.open(article, directory=tmp_path)
    assert reopened.known and reopened.highlights == []
    document = collect(reopened, [], [], EXPORTED)
    assert json.loads(web_annotation(document)) == []
    assert readwise_csv(document) == "Highlight,Title,Author,URL,Note,Location,Date\r\n"
    assert "No highlights." in markdown(document)


def test_run_refuses_an_article_never_annotated(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    with pytest.raises(ExportError, match="never opened"):
        export.run(str(story), "md", None, [])


def test_run_writes_the_output_file_whole(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    article = Article(STORY, None, str(story))
    store = NoteStore.open(article)
    store.toggle(story_sentences()[1])
    store.toggle(story_sentences()[1])
    output = tmp_path / "out.csv"
    output.write_text("previous export", encoding="utf-8")
    export.run(str(story), "csv", output, [])
    assert output.read_bytes() == b"Highlight,Title,Author,URL,Note,Location,Date\r\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
    assert capsys.readouterr().out == ""


def test_run_says_when_the_output_cannot_be_written(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    store = NoteStore.open(Article(STORY, None, str(story)))
    store.toggle(story_sentences()[0])
    store.toggle(story_sentences()[0])
    with pytest.raises(ExportError, match=f"cannot write {tmp_path / 'missing' / 'out.md'}: No such file"):
        export.run(str(story), "md", tmp_path / "missing" / "out.md", [])


def run_cli(*arguments, data_dir):
    environment = {**os.environ, "READER_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "reader", "export", *arguments], capture_output=True, env=environment, timeout=120
    )


def test_reader_export_command_prints_labelled_highlights_and_flagged_sentences(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    store = NoteStore.open(Article(STORY, None, str(story)), directory=tmp_path / "data")
    store.add(0, STORY.index("."), note="Seven to two.")

    result = run_cli(str(story), "--format", "json", "--include", "quote", data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    annotations = json.loads(result.stdout)
    assert annotations[0]["target"]["selector"][0]["exact"] == STORY[: STORY.index(".")]
    assert annotations[0]["body"][0]["value"] == "Seven to two."
    assert {body["purpose"] for body in annotations[0]["body"]} == {"commenting", "tagging"}
    flagged = [a for a in annotations if a["motivation"] == "classifying"]
    assert [a["target"]["selector"][0]["exact"] for a in flagged] == ["\"We were never asked,\" said a resident."]


def test_reader_export_command_says_in_one_line_when_nothing_was_saved(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = run_cli(str(story), "--format", "md", data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert result.stdout == b""
    assert len(result.stderr.decode().strip().splitlines()) == 1
    assert b"never opened" in result.stderr
